import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { txEvent } from '../../../src/kit/index.js';

/**
 * External charging limits (K12, K13): an energy management system imposes or releases a limit on
 * the station, which tells the CSMS; the CSMS answers. What the CSMS does with the limit is its own
 * business; the answer is the requirement.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_K_48_CSMS',
      title: 'Set / Update External Charging Limit (not on a transaction)',
      notify: true,
      clear: false,
      tx: false,
      requirements: ['K12.FR.03'],
      purpose: 'An EMS imposes a limit on an idle EVSE; the station reports it with NotifyChargingLimit and the CSMS answers.',
      fault: 'notify-limit-ems-error',
    },
    {
      id: 'TC_K_50_CSMS',
      title: 'Reset / release external charging limit - Without ongoing transaction',
      notify: false,
      clear: true,
      tx: false,
      requirements: ['K13.FR.02'],
      purpose:
        'The station reports that an EMS released its limit on an idle EVSE (ClearedChargingLimit); the CSMS answers, even if it never heard of that limit (it may have been set while the CSMS was not told).',
      fault: 'cleared-limit-unknown-error',
    },
    {
      id: 'TC_K_51_CSMS',
      title: 'Reset / release external charging limit - With ongoing transaction',
      notify: true,
      clear: true,
      tx: true,
      requirements: ['K13.FR.02', 'K12.FR.03'],
      purpose:
        'During a transaction an EMS limits the EVSE and later releases the limit; the CSMS answers both notifications and the rate change that follows.',
      fault: 'cleared-limit-during-tx-error',
    },
  ] as const,
  ({ notify, clear, tx, requirements, ...row }) =>
    defineCase(
      {
        ...row,
        requirements: [...requirements],
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'K',
        // Not in a 2.0.1 Part 5 profile (2.1 adds them to Smart Charging): listed under the block's profile.
        profiles: ['Smart Charging'],
        features: ['SmartCharging'],
      },
      async (ctx) => {
        const { station, config } = ctx;
        const evseId = config.ids.evseId;
        await ctx.given(tx ? 'EnergyTransferStarted' : 'Booted');

        if (notify) {
          ctx.step('An EMS limits the EVSE to 10 A; the station reports it and the CSMS answers');
          await station.call(
            'NotifyChargingLimit',
            {
              evseId,
              chargingLimit: { chargingLimitSource: 'EMS', isGridCritical: false },
              chargingSchedule: [
                { id: 1, startSchedule: ctx.nowIso(), chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 10 }] },
              ],
            },
            { requirement: 'K12.FR.03' },
          );
          if (tx) await txEvent(ctx, 'Updated', 'ChargingRateChanged', { chargingState: 'Charging', requirement: 'K12.FR.03' });
        }
        if (clear) {
          ctx.step('The EMS releases its limit; the station reports it and the CSMS answers');
          await station.call('ClearedChargingLimit', { chargingLimitSource: 'EMS', evseId }, { requirement: 'K13.FR.02' });
          if (tx) await txEvent(ctx, 'Updated', 'ChargingRateChanged', { chargingState: 'Charging', requirement: 'K13.FR.02' });
        }
      },
    ),
);
