import { check, defineCase, defineCaseFamily, type FaultOf } from '../../../src/dsl.js';
import { operatorSetProfile } from '../../../src/kit/index.js';

/**
 * The operator makes the CSMS ask a station for its charging profiles by one criterion or a
 * combination (K09); the station reports one profile and the CSMS answers the report. The rows
 * differ in the EVSE asked about and the criteria. The requestId is the CSMS's choice. When the
 * operator names no criterion the CSMS picks one (K09.FR.03 wants one), and any is accepted.
 */
type Row = {
  id: string;
  title: string;
  /** 'evse': the configured EVSE; 0: the station; undefined: every EVSE (evseId omitted). */
  evse?: 'evse' | 0;
  purpose?: 'TxDefaultProfile';
  stackLevel?: 0;
  source?: 'CSO' | 'EMS';
  /** Ask for a profile by id (one the CSMS set just before). */
  byId?: true;
  /** The station reports a profile an external system set (ChargingStationExternalConstraints, source EMS). */
  external?: true;
  requirements: string[];
  purposeText: string;
  fault: FaultOf<'2.0.1', 'csms'>;
};

const REQ = 'K09.FR.03';

export default defineCaseFamily(
  [
    {
      id: 'TC_K_29_CSMS',
      title: 'Get Charging Profile - EvseId 0',
      evse: 0,
      requirements: [REQ, 'K09.FR.05', 'K09.FR.01'],
      purposeText: 'Asked for the profiles of the station itself, the CSMS sends GetChargingProfiles with evseId 0 and answers the report.',
      fault: 'getprofiles-evse-zero-dropped',
    },
    {
      id: 'TC_K_30_CSMS',
      title: 'Get Charging Profile - EvseId > 0',
      evse: 'evse',
      requirements: [REQ, 'K09.FR.05', 'K09.FR.01'],
      purposeText:
        'Asked for the profiles of one EVSE, the CSMS sends GetChargingProfiles with that evseId and answers the report that follows.',
      fault: 'getprofiles-no-report-answer',
    },
    {
      id: 'TC_K_31_CSMS',
      title: 'Get Charging Profile - No EvseId',
      requirements: [REQ, 'K09.FR.05', 'K09.FR.01'],
      purposeText:
        'Asked for the profiles of every EVSE, the CSMS sends GetChargingProfiles without an evseId (0 would mean the station only).',
      fault: 'getprofiles-evse-defaulted',
    },
    {
      id: 'TC_K_32_CSMS',
      title: 'Get Charging Profile - chargingProfileId',
      byId: true,
      requirements: [REQ, 'K09.FR.01'],
      purposeText: 'Asked for one profile it set, the CSMS sends GetChargingProfiles with that chargingProfileId and no other criterion.',
      fault: 'getprofiles-id-with-criteria',
    },
    {
      id: 'TC_K_33_CSMS',
      title: 'Get Charging Profile - EvseId > 0 + stackLevel',
      evse: 'evse',
      stackLevel: 0,
      requirements: [REQ, 'K09.FR.05', 'K09.FR.01'],
      purposeText: 'Asked for the profiles at one stack level of an EVSE, the CSMS sends that evseId and stackLevel.',
      fault: 'getprofiles-stacklevel-dropped',
    },
    {
      id: 'TC_K_34_CSMS',
      title: 'Get Charging Profile - EvseId > 0 + chargingLimitSource',
      evse: 'evse',
      source: 'CSO',
      requirements: [REQ, 'K09.FR.05', 'K09.FR.01'],
      purposeText: 'Asked for the profiles one source set on an EVSE, the CSMS sends that evseId and chargingLimitSource.',
      fault: 'getprofiles-source-dropped',
    },
    {
      id: 'TC_K_35_CSMS',
      title: 'Get Charging Profile - EvseId > 0 + chargingProfilePurpose',
      evse: 'evse',
      purpose: 'TxDefaultProfile',
      requirements: [REQ, 'K09.FR.05', 'K09.FR.01'],
      purposeText: 'Asked for the default profiles of an EVSE, the CSMS sends that evseId and chargingProfilePurpose TxDefaultProfile.',
      fault: 'getprofiles-purpose-dropped',
    },
    {
      id: 'TC_K_36_CSMS',
      title: 'Get Charging Profile - EvseId > 0 + chargingProfilePurpose + stackLevel',
      evse: 'evse',
      purpose: 'TxDefaultProfile',
      stackLevel: 0,
      requirements: [REQ, 'K09.FR.05', 'K09.FR.01'],
      purposeText: 'Asked for the default profile at one stack level of an EVSE, the CSMS sends the evseId with both criteria.',
      fault: 'getprofiles-criteria-first-only',
    },
    {
      id: 'TC_K_52_CSMS',
      title: 'Set / Update External Charging Limit - ChargingStationExternalConstraints in report',
      evse: 'evse',
      source: 'EMS',
      external: true,
      requirements: ['K11.FR.04', REQ, 'K09.FR.05'],
      purposeText:
        'The station reports a limit an external system imposed (a ChargingStationExternalConstraints profile, source EMS); the CSMS answers that report like any other.',
      fault: 'report-external-constraints-error',
    },
  ] satisfies Row[],
  (row: Row) =>
    defineCase(
      {
        id: row.id,
        title: row.title,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'K',
        // Part 5 lists these in the ISO 15118 profile too, except TC_K_52_CSMS.
        profiles: row.id === 'TC_K_52_CSMS' ? ['Smart Charging'] : ['Smart Charging', 'ISO 15118 support'],
        features: ['SmartCharging'],
        requirements: row.requirements,
        purpose: row.purposeText,
        fault: row.fault,
      },
      async (ctx) => {
        const { station, config } = ctx;
        const evseId = row.evse === 'evse' ? config.ids.evseId : row.evse;
        await ctx.given('Booted');

        let profileId: number | undefined;
        if (row.byId) {
          ctx.step('The operator makes the CSMS set a default profile, so the CSMS knows its id');
          const set = await operatorSetProfile(
            ctx,
            { purpose: 'TxDefaultProfile', evseId: config.ids.evseId, limit: 6, chargingRateUnit: 'A' },
            `Make the CSMS set a TxDefaultProfile of 6 A on EVSE ${config.ids.evseId}`,
            REQ,
          );
          profileId = set.payload.chargingProfile.id;
          await station.reply(set, { status: 'Accepted' });
        }

        const criteria = {
          ...(evseId !== undefined ? { evseId } : {}),
          ...(row.purpose ? { purpose: row.purpose } : {}),
          ...(row.stackLevel !== undefined ? { stackLevel: row.stackLevel } : {}),
          ...(row.source ? { chargingLimitSource: [row.source] } : {}),
          ...(profileId !== undefined ? { chargingProfileId: [profileId] } : {}),
        };
        const wanted = Object.entries(criteria)
          .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
          .join(', ');
        ctx.step(`The operator makes the CSMS ask for the station's charging profiles (${wanted || 'all EVSEs'})`);
        await ctx.manual(
          'csmsSend',
          { message: 'GetChargingProfiles', stationId: config.stationId, ...criteria },
          `Make the CSMS ask station ${config.stationId} for its charging profiles: ${wanted || 'every EVSE, no filter'}`,
        );
        const req = await station.expectCall('GetChargingProfiles', { requirement: REQ });
        const c = req.payload.chargingProfile;

        ctx.step('The request names the EVSE and criteria asked for');
        const fields = (['stackLevel', 'chargingLimitSource', 'chargingProfilePurpose'] as const).filter((k) => c[k] !== undefined);
        if (c.chargingProfileId !== undefined)
          check(fields.length === 0, REQ, 'profile ids and no other criterion', `also ${fields.join(', ')}`);
        else check(fields.length > 0, REQ, 'profile ids, or at least one of stackLevel, chargingLimitSource, purpose', 'no criterion');
        if (row.evse !== undefined || !row.byId)
          check(
            req.payload.evseId === evseId,
            'K09.FR.05',
            evseId === undefined ? 'no evseId (every EVSE)' : `evseId ${evseId}`,
            `evseId ${req.payload.evseId ?? 'absent'}`,
          );
        if (profileId !== undefined)
          check(
            c.chargingProfileId?.includes(profileId) === true,
            REQ,
            `chargingProfileId [${profileId}]`,
            JSON.stringify(c.chargingProfileId),
          );
        if (row.purpose) ctx.expectOneOf(c.chargingProfilePurpose, [row.purpose], REQ, 'chargingProfile.chargingProfilePurpose');
        if (row.stackLevel !== undefined)
          check(c.stackLevel === row.stackLevel, REQ, `stackLevel ${row.stackLevel}`, `stackLevel ${c.stackLevel ?? 'absent'}`);
        // The operator asked for one source: a list with further sources would select profiles not asked for.
        if (row.source)
          check(
            c.chargingLimitSource?.length === 1 && c.chargingLimitSource[0] === row.source,
            REQ,
            `chargingLimitSource [${row.source}]`,
            JSON.stringify(c.chargingLimitSource),
          );
        await station.reply(req, { status: 'Accepted' });

        ctx.step(
          row.external
            ? 'The station reports an externally imposed limit; the CSMS answers'
            : 'The station reports one profile; the CSMS answers',
        );
        await station.call(
          'ReportChargingProfiles',
          {
            requestId: req.payload.requestId,
            chargingLimitSource: row.external ? 'EMS' : 'CSO',
            evseId: evseId ?? config.ids.evseId,
            tbc: false,
            chargingProfile: [
              {
                id: profileId ?? 2000 + Math.floor(Math.random() * 100_000),
                stackLevel: row.stackLevel ?? 0,
                chargingProfilePurpose: row.external ? 'ChargingStationExternalConstraints' : (row.purpose ?? 'TxDefaultProfile'),
                chargingProfileKind: 'Absolute',
                chargingSchedule: [
                  { id: 1, startSchedule: ctx.nowIso(), chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 6 }] },
                ],
              },
            ],
          },
          { requirement: row.external ? 'K11.FR.04' : 'K09.FR.01' },
        );
      },
    ),
);
