import { check, defineCase } from '../../../src/dsl.js';
import { mark, expectAfter, meterIntervalS, setVariable, startedTransaction, withVariable201 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_J_02_CS',
    title: 'Clock-aligned Meter Values - Transaction ongoing',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'J',
    requirements: ['J01.FR.20', 'J01.FR.01', 'J01.FR.14'],
    purpose:
      'During a transaction the clock-aligned readings are sent inside TransactionEvent Updated with the trigger MeterValueClock, for that transaction, marked as clock-aligned.',
    fault: 'aligned-tx-wrong-trigger',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const intervalS = meterIntervalS(config);
    await ctx.given('Booted');
    // SendDuringIdle true keeps clock-aligned readings out of transactions (TC_J_06): false for this case.
    await withVariable201(ctx, { component: 'AlignedDataCtrlr', variable: 'SendDuringIdle', value: 'false' }, async () => {
      await ctx.given('EnergyTransferStarted');
      const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;

      ctx.step(`The harness sets AlignedDataCtrlr.Interval to ${intervalS} s`);
      const since = mark(csms);
      await setVariable(ctx, 'AlignedDataCtrlr', 'Interval', String(intervalS), 'J01.FR.01');

      ctx.step('At the next boundary the station sends TransactionEvent Updated with meter values');
      const te = await expectAfter(csms, since, 'TransactionEvent', {
        within: intervalS * 1000 + config.timeouts.messageMs,
        where: (p) => p.eventType === 'Updated' && Array.isArray(p.meterValue),
        whereText: 'eventType Updated with meterValue',
        requirement: 'J01.FR.20',
      });
      ctx.expectOneOf(te.payload.transactionInfo.transactionId, [txId], 'J01.FR.20', 'transactionId');

      ctx.step('The event is triggered by the clock and its readings are clock-aligned');
      ctx.expectOneOf(te.payload.triggerReason, ['MeterValueClock'], 'J01.FR.20', 'triggerReason');
      const contexts = (te.payload.meterValue as { sampledValue: { context?: string }[] }[]).flatMap((m) =>
        m.sampledValue.map((s) => s.context),
      );
      check(
        contexts.every((c) => c === 'Sample.Clock'),
        'J01.FR.14',
        'context Sample.Clock on every sampled value',
        contexts,
      );

      ctx.step('The harness switches clock-aligned values off again');
      await setVariable(ctx, 'AlignedDataCtrlr', 'Interval', '0', 'J01.FR.01');
    });
  },
);
