import { defineCase, defineCaseFamily, type FaultOf } from '../../../src/dsl.js';
import {
  checkProfileShape,
  checkTxProfile,
  evChargingNeeds,
  evScheduleOf,
  firstSchedule,
  iso15118SmartCharging,
  notifyEvSchedule,
  operatorSetProfile,
  txEvent,
} from '../../../src/kit/index.js';

/**
 * ISO 15118 load levelling (K15-K17): the EV tells its charging needs through the station, the
 * CSMS answers with a TxProfile for the transaction, the EV returns its own schedule and the CSMS
 * judges it against its limits; later the EV or the CSMS renegotiates. The limits and profile ids
 * are the CSMS's choice: the EV's schedule is built from the CSMS's own TxProfile (equal to it, or
 * twice its limits where the case needs a schedule beyond them).
 */
type Flow = 'levelling' | 'exceeds' | 'ev-renegotiates' | 'csms-renegotiates' | 'csms-renegotiates-needs';
type Row = { id: string; title: string; flow: Flow; requirements: string[]; purpose: string; fault: FaultOf<'2.0.1', 'csms'> };

export default defineCaseFamily(
  [
    {
      id: 'TC_K_53_CSMS',
      title: 'Charging with load leveling based on High Level Communication - Success',
      flow: 'levelling',
      requirements: ['K15.FR.02', 'K15.FR.03', 'K15.FR.11', 'K01.FR.03'],
      purpose:
        'The EV reports its charging needs; the CSMS answers Accepted or Processing, sends a TxProfile for the transaction, and accepts the EV schedule that keeps within it.',
      fault: 'evneeds-no-profile',
    },
    {
      id: 'TC_K_55_CSMS',
      title: 'Charging with load leveling based on High Level Communication - EV charging profile exceeds limits',
      flow: 'exceeds',
      requirements: ['K15.FR.12', 'K15.FR.13', 'K15.FR.11', 'K15.FR.03', 'K01.FR.03'],
      purpose:
        'The EV returns a schedule beyond the CSMS limits: the CSMS rejects it and renegotiates with a new TxProfile, then accepts the schedule that keeps within that one.',
      fault: 'evschedule-accepts-any',
    },
    {
      id: 'TC_K_57_CSMS',
      title: 'Renegotiating a Charging Schedule - Initiated by EV',
      flow: 'ev-renegotiates',
      requirements: ['K17.FR.03', 'K15.FR.11', 'K15.FR.03', 'K01.FR.03'],
      purpose: 'During charging the EV reports new charging needs; the CSMS answers Accepted or Processing and sends a new TxProfile.',
      fault: 'evneeds-renegotiation-ignored',
    },
    {
      id: 'TC_K_58_CSMS',
      title: 'Renegotiating a Charging Schedule - Initiated by CSMS',
      flow: 'csms-renegotiates',
      requirements: ['K16.FR.06', 'K01.FR.03', 'K15.FR.03', 'K15.FR.11'],
      purpose:
        'The operator gives a charging EV a new, higher limit; the CSMS sends the new TxProfile and accepts the EV schedule within it (judged against the new profile, not the first).',
      fault: 'evschedule-checked-against-first-profile',
    },
    {
      id: 'TC_K_59_CSMS',
      title: 'Renegotiating a Charging Schedule - Initiated by CSMS - Send NotifyEVChargingNeeds',
      flow: 'csms-renegotiates-needs',
      requirements: ['K16.FR.12', 'K16.FR.06', 'K15.FR.03', 'K15.FR.11', 'K01.FR.03'],
      purpose:
        'After the CSMS renegotiates, the station sends the EV charging needs again; the CSMS answers and sends another TxProfile, and accepts the EV schedule within it.',
      fault: 'evneeds-after-csms-profile-ignored',
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
        profiles: ['ISO 15118 support'],
        features: ['SmartCharging', 'ISO15118SmartCharging'],
        requirements: [...new Set([...row.requirements, 'K01.FR.31', 'K01.FR.40'])],
        purpose: row.purpose,
        fault: row.fault,
      },
      async (ctx) => {
        const { station, config } = ctx;
        ctx.step('An EV is plugged in and authorized; no energy flows yet');
        await ctx.given('EVConnectedPreSession');
        await ctx.given('Authorized');

        if (row.flow === 'levelling') {
          ctx.step('Load levelling: charging needs, the CSMS TxProfile, the EV schedule within it, charging starts');
          await iso15118SmartCharging(ctx);
          return;
        }
        if (row.flow === 'exceeds') {
          ctx.step('The EV reports its charging needs; the CSMS sends a TxProfile');
          const first = await evChargingNeeds(ctx, 'K15.FR.03');
          ctx.step('The EV returns a schedule of twice the limits: the CSMS rejects it');
          const status = await notifyEvSchedule(ctx, evScheduleOf(ctx, first, 2), 'K15.FR.12');
          ctx.expectOneOf(status, ['Rejected'], 'K15.FR.12', 'NotifyEVChargingScheduleResponse.status');
          await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging' });
          // The new profile may come before or after that TransactionEvent; either order is fine.
          ctx.step('The CSMS renegotiates with a new TxProfile; the EV schedule within it is accepted');
          const again = await station.expectCall('SetChargingProfile', { requirement: 'K15.FR.13' });
          checkTxProfile(ctx, again, 'K15.FR.13');
          await station.reply(again, { status: 'Accepted' });
          const second = await notifyEvSchedule(ctx, evScheduleOf(ctx, again), 'K15.FR.11');
          ctx.expectOneOf(second, ['Accepted'], 'K15.FR.11', 'NotifyEVChargingScheduleResponse.status');
          await txEvent(ctx, 'Updated', 'ChargingRateChanged', { chargingState: 'Charging' });
          return;
        }

        ctx.step('Load levelling is done and the EV charges (ISO15118SmartCharging)');
        const levelled = await iso15118SmartCharging(ctx);
        let requirement = 'K17.FR.03';
        if (row.flow !== 'ev-renegotiates') {
          const s = firstSchedule(levelled.payload.chargingProfile);
          const firstA = (s.chargingSchedulePeriod[0]?.limit ?? 16) / (s.chargingRateUnit === 'W' ? 690 : 1);
          const limit = row.flow === 'csms-renegotiates' ? Math.max(20, Math.ceil(firstA) + 4) : 10;
          ctx.step(`The operator makes the CSMS renegotiate: a TxProfile of ${limit} A for the running transaction`);
          const req = await operatorSetProfile(
            ctx,
            { purpose: 'TxProfile', evseId: config.ids.evseId, limit, chargingRateUnit: 'A' },
            `Make the CSMS set a TxProfile of ${limit} A for the transaction running on EVSE ${config.ids.evseId}`,
            'K16.FR.06',
          );
          checkTxProfile(ctx, req);
          checkProfileShape(req.payload.chargingProfile);
          await station.reply(req, { status: 'Accepted' });
          if (row.flow === 'csms-renegotiates') {
            ctx.step('The EV returns a schedule within the new profile; the CSMS accepts it');
            const status = await notifyEvSchedule(ctx, evScheduleOf(ctx, req), 'K16.FR.06');
            ctx.expectOneOf(status, ['Accepted'], 'K16.FR.06', 'NotifyEVChargingScheduleResponse.status');
            await txEvent(ctx, 'Updated', 'ChargingRateChanged', { chargingState: 'Charging' });
            return;
          }
          requirement = 'K16.FR.12';
        }
        ctx.step('The station sends the EV charging needs again; the CSMS sends a new TxProfile');
        const renewed = await evChargingNeeds(ctx, requirement);
        const acceptance = row.flow === 'ev-renegotiates' ? 'K15.FR.11' : 'K16.FR.06';
        const status = await notifyEvSchedule(ctx, evScheduleOf(ctx, renewed), acceptance);
        ctx.expectOneOf(status, ['Accepted'], acceptance, 'NotifyEVChargingScheduleResponse.status');
      },
    ),
);
