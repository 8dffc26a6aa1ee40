import { defineCase } from '../../../src/dsl.js';
import { meterIntervalS, setVariable, withVariable201 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_J_06_CS',
    title: 'Clock-aligned Meter Values - No MeterValues during transaction',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'J',
    requirements: ['J01.FR.06', 'J01.FR.01'],
    purpose:
      'With AlignedDataCtrlr.SendDuringIdle true, an EVSE with a running transaction sends no clock-aligned readings, neither as MeterValues nor in a TransactionEvent triggered by the clock.',
    fault: 'aligned-ignores-send-during-idle',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const intervalS = meterIntervalS(config);
    await ctx.given('Booted');
    await withVariable201(ctx, { component: 'AlignedDataCtrlr', variable: 'SendDuringIdle', value: 'true' }, async () => {
      await ctx.given('EnergyTransferStarted');

      ctx.step(`The harness sets AlignedDataCtrlr.Interval to ${intervalS} s`);
      await setVariable(ctx, 'AlignedDataCtrlr', 'Interval', String(intervalS), 'J01.FR.01');

      ctx.step('For two intervals the station sends no clock-aligned readings');
      const within = 2 * intervalS * 1000 + config.timeouts.messageMs;
      await Promise.all([
        csms.expectNoCall('TransactionEvent', {
          within,
          where: (p) => p.triggerReason === 'MeterValueClock',
          whereText: 'triggerReason MeterValueClock',
          requirement: 'J01.FR.06',
        }),
        csms.expectNoCall('MeterValues', {
          within,
          // Only the charging EVSE is watched: whether idle EVSEs (or the main meter) of a busy station report is read both ways.
          where: (p) =>
            p.evseId === config.ids.evseId &&
            ((p.meterValue ?? []) as { sampledValue: { context?: string }[] }[]).some((m) =>
              m.sampledValue.some((s) => s.context === 'Sample.Clock'),
            ),
          whereText: 'clock-aligned readings of the charging EVSE',
          requirement: 'J01.FR.06',
        }),
      ]);
    });
  },
);
