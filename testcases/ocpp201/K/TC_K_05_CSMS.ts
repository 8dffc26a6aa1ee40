import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_K_05_CSMS',
    title: 'Clear Charging Profile - With chargingProfileId',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'K',
    profiles: ['Smart Charging', 'ISO 15118 support'],
    features: ['SmartCharging'],
    requirements: ['K10.FR.02', 'K09.FR.01'],
    purpose:
      'The CSMS learns a profile from the station (GetChargingProfiles and its report); asked to clear that one profile, it sends ClearChargingProfile with only its id.',
    fault: 'clear-id-dropped',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const evseId = config.ids.evseId;
    const profileId = 1000 + Math.floor(Math.random() * 100_000);
    await ctx.given('Booted');

    ctx.step('The operator makes the CSMS read the default profiles of the EVSE; the station reports one');
    await ctx.manual(
      'csmsSend',
      { message: 'GetChargingProfiles', stationId: config.stationId, evseId, purpose: 'TxDefaultProfile' },
      `Make the CSMS ask for the TxDefaultProfiles installed on EVSE ${evseId}`,
    );
    const get = await station.expectCall('GetChargingProfiles', { requirement: 'K09.FR.01' });
    await station.reply(get, { status: 'Accepted' });
    await station.call(
      'ReportChargingProfiles',
      {
        requestId: get.payload.requestId,
        chargingLimitSource: 'CSO',
        evseId,
        tbc: false,
        chargingProfile: [
          {
            id: profileId,
            stackLevel: 1,
            chargingProfilePurpose: 'TxDefaultProfile',
            chargingProfileKind: 'Absolute',
            chargingSchedule: [
              { id: 1, startSchedule: ctx.nowIso(), chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 6 }] },
            ],
          },
        ],
      },
      { requirement: 'K09.FR.01' },
    );

    ctx.step(`The operator makes the CSMS clear profile ${profileId}`);
    await ctx.manual(
      'csmsSend',
      { message: 'ClearChargingProfile', stationId: config.stationId, chargingProfileId: profileId },
      `Make the CSMS clear charging profile ${profileId} of station ${config.stationId}`,
    );
    const req = await station.expectCall('ClearChargingProfile', { requirement: 'K10.FR.02' });
    check(
      req.payload.chargingProfileId === profileId,
      'K10.FR.02',
      `chargingProfileId ${profileId}`,
      `${req.payload.chargingProfileId ?? 'no id'}`,
    );
    // An id names exactly one profile: criteria next to it would be the other way of selecting (the OCTT wants them left out).
    check(
      req.payload.chargingProfileCriteria === undefined,
      'K10.FR.02',
      'no chargingProfileCriteria next to the id',
      JSON.stringify(req.payload.chargingProfileCriteria),
    );
    await station.reply(req, { status: 'Accepted' });
  },
);
