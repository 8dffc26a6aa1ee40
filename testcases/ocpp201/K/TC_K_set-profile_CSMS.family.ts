import { check, defineCase, defineCaseFamily, type FaultOf } from '../../../src/dsl.js';
import { checkLimit, checkProfileShape, checkTxProfile, operatorSetProfile } from '../../../src/kit/index.js';

/**
 * The operator makes the CSMS set one charging profile; the station answers it. The rows differ
 * in purpose, EVSE, kind, whether a transaction runs, and the station's answer. Every profile is
 * checked for a first period at 0 and a startSchedule where its kind needs one, and for the 6 A
 * limit the operator chose (6 kW from a CSMS that works in W). The profile id and stackLevel are
 * the CSMS's choice and not checked.
 */
type Row = {
  id: string;
  title: string;
  purpose: 'TxDefaultProfile' | 'TxProfile' | 'ChargingStationMaxProfile';
  /** 'evse': the configured EVSE; 0: the whole station; undefined: the operator names none. */
  evse?: 'evse' | 0;
  kind?: 'Recurring';
  /** EnergyTransferStarted first (a TxProfile for the running transaction). */
  tx?: true;
  /** A TxProfile naming a transaction the station does not run. */
  unknownTx?: true;
  answer: 'Accepted' | 'Rejected' | 'NotSupported';
  requirements: string[];
  purposeText: string;
  features?: string[];
  fault: FaultOf<'2.0.1', 'csms'>;
};

export default defineCaseFamily(
  [
    {
      id: 'TC_K_01_CSMS',
      title: 'Set Charging Profile - TxDefaultProfile - Specific EVSE',
      purpose: 'TxDefaultProfile',
      evse: 'evse',
      answer: 'Accepted',
      requirements: ['K01.FR.31', 'K01.FR.40', 'K01.FR.50'],
      purposeText:
        'Asked for a default profile on one EVSE, the CSMS sends SetChargingProfile with that evseId, purpose TxDefaultProfile, kind Absolute, a startSchedule and a first period at 0.',
      fault: 'profile-start-period-offset',
    },
    {
      id: 'TC_K_02_CSMS',
      title: 'Set Charging Profile - TxProfile without ongoing transaction on the specified EVSE',
      purpose: 'TxProfile',
      evse: 'evse',
      unknownTx: true,
      answer: 'Rejected',
      requirements: ['K01.FR.03', 'K01.FR.31'],
      purposeText:
        'A TxProfile always names its transaction, even one the station does not run; the station rejects it and the CSMS takes that answer.',
      fault: 'txprofile-without-txid',
    },
    {
      id: 'TC_K_03_CSMS',
      title: 'Set Charging Profile - ChargingStationMaxProfile',
      purpose: 'ChargingStationMaxProfile',
      answer: 'Accepted',
      requirements: ['K01.FR.22', 'K01.FR.31', 'K01.FR.40'],
      purposeText: 'A limit for the whole station is a ChargingStationMaxProfile set on EVSE 0.',
      fault: 'stationmax-on-evse',
    },
    {
      id: 'TC_K_10_CSMS',
      title: 'Set Charging Profile - TxDefaultProfile - All EVSE',
      purpose: 'TxDefaultProfile',
      evse: 0,
      answer: 'Accepted',
      requirements: ['K01.FR.14', 'K01.FR.31', 'K01.FR.40'],
      purposeText: 'A default profile for every EVSE of the station is a TxDefaultProfile set on EVSE 0.',
      features: ['SmartCharging', 'SC-4'],
      fault: 'profile-evse-zero-dropped',
    },
    {
      id: 'TC_K_15_CSMS',
      title: 'Set Charging Profile - Not Supported',
      purpose: 'TxDefaultProfile',
      evse: 'evse',
      answer: 'NotSupported',
      requirements: ['K01.FR.31', 'K01.FR.40', 'OCPPJ20-4.1.1'],
      purposeText:
        'A station without smart charging answers SetChargingProfile with CALLERROR NotSupported; the CSMS sent a well-formed profile and goes on serving the station.',
      fault: 'profile-start-period-offset',
    },
    {
      id: 'TC_K_19_CSMS',
      title: 'Set Charging Profile - ChargingProfileKind is Recurring',
      purpose: 'TxDefaultProfile',
      evse: 'evse',
      kind: 'Recurring',
      answer: 'Accepted',
      requirements: ['K01.FR.19', 'K01.FR.31', 'K01.FR.40'],
      purposeText: 'A recurring default profile has kind Recurring, says how it recurs (Daily or Weekly) and has a startSchedule.',
      fault: 'recurring-without-recurrencykind',
    },
    {
      id: 'TC_K_60_CSMS',
      title: 'Set Charging Profile - TxProfile with ongoing transaction on the specified EVSE',
      purpose: 'TxProfile',
      evse: 'evse',
      tx: true,
      answer: 'Accepted',
      requirements: ['K01.FR.03', 'K01.FR.31'],
      purposeText: 'A TxProfile for the transaction running on an EVSE names that EVSE and the transactionId the station gave it.',
      fault: 'txprofile-wrong-txid',
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
        // Part 5 lists these in the ISO 15118 profile too, except TC_K_15_CSMS.
        profiles: row.id === 'TC_K_15_CSMS' ? ['Smart Charging'] : ['Smart Charging', 'ISO 15118 support'],
        features: row.features ?? ['SmartCharging'],
        requirements: [...new Set([...row.requirements, 'K01.FR.31', 'K01.FR.40', 'K01.FR.50'])],
        purpose: row.purposeText,
        fault: row.fault,
      },
      async (ctx) => {
        const { station, config } = ctx;
        const evseId = row.evse === 'evse' ? config.ids.evseId : row.evse;
        await ctx.given(row.tx ? 'EnergyTransferStarted' : 'Booted');

        const where = evseId === undefined ? 'the station' : evseId === 0 ? 'every EVSE (EVSE 0)' : `EVSE ${evseId}`;
        const kind = row.kind ?? (row.purpose === 'TxProfile' ? undefined : 'Absolute');
        const what = `${kind === 'Recurring' ? 'a daily recurring ' : kind === 'Absolute' ? 'an absolute ' : 'a '}${row.purpose} of 6 A for ${where}`;
        ctx.step(`The operator makes the CSMS set ${what}`);
        const unknownTx = row.unknownTx ? `unknown-${ctx.ids.next().slice(0, 24)}` : undefined;
        const req = await operatorSetProfile(
          ctx,
          {
            purpose: row.purpose,
            evseId,
            limit: 6,
            chargingRateUnit: 'A',
            ...(kind ? { kind } : {}),
            ...(kind === 'Recurring' ? { recurrencyKind: 'Daily' } : {}),
            ...(unknownTx ? { transactionId: unknownTx } : {}),
          },
          `Make the CSMS set ${what}${unknownTx ? ` for transaction ${unknownTx} (not running on the station)` : ''}`,
          row.requirements[0] ?? 'K01.FR.31',
        );
        const profile = req.payload.chargingProfile;

        ctx.step('The profile has the purpose, EVSE and kind asked for, a first period at 0 and the 6 A limit');
        ctx.expectOneOf(profile.chargingProfilePurpose, [row.purpose], 'K01.FR.50', 'chargingProfilePurpose');
        if (row.purpose === 'ChargingStationMaxProfile')
          check(req.payload.evseId === 0, 'K01.FR.22', 'evseId 0', `evseId ${req.payload.evseId}`);
        else if (evseId === 0) check(req.payload.evseId === 0, 'K01.FR.14', 'evseId 0 (every EVSE)', `evseId ${req.payload.evseId}`);
        else if (!row.tx) check(req.payload.evseId === evseId, 'K01.FR.50', `evseId ${evseId}`, `evseId ${req.payload.evseId}`);
        if (row.kind === 'Recurring') {
          ctx.expectOneOf(profile.chargingProfileKind, ['Recurring'], 'K01.FR.19', 'chargingProfileKind');
          // The operator asked for Daily; Weekly is as valid a recurrence, and the OCTT takes either.
          ctx.expectOneOf(profile.recurrencyKind, ['Daily', 'Weekly'], 'K01.FR.19', 'recurrencyKind');
        } else if (row.purpose !== 'TxProfile') {
          // A TxProfile may be Relative; a default or station limit asked as absolute is Absolute (the OCTT checks so).
          ctx.expectOneOf(profile.chargingProfileKind, ['Absolute'], 'K01.FR.50', 'chargingProfileKind');
        }
        checkProfileShape(profile);
        checkLimit(profile, 6, 'K01.FR.50');
        if (row.tx) checkTxProfile(ctx, req);
        if (unknownTx) check(profile.transactionId !== undefined, 'K01.FR.03', 'a transactionId in the TxProfile', 'no transactionId');

        if (row.answer === 'NotSupported') {
          ctx.step('The station does not support smart charging: CALLERROR NotSupported');
          await station.replyError(req, 'NotSupported', 'smart charging is not supported');
          ctx.step('The CSMS goes on serving the station: it answers a Heartbeat');
          await station.call('Heartbeat', {}, { requirement: 'OCPPJ20-4.1.1' });
        } else {
          ctx.step(`The station answers ${row.answer}`);
          await station.reply(req, { status: row.answer });
        }
      },
    ),
);
