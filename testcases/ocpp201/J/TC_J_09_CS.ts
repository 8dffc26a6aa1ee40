import { check, defineCase } from '../../../src/dsl.js';
import { mark, expectAfter, meterIntervalS, setVariable, startedTransaction } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_J_09_CS',
    title: 'Sampled Meter Values - EventType Updated',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'J',
    requirements: ['J02.FR.02', 'J02.FR.04', 'J02.FR.01'],
    purpose:
      'With a sampling interval configured, a running transaction reports periodic TransactionEvent Updated messages with the trigger MeterValuePeriodic and readings marked as periodic samples.',
    fault: 'periodic-wrong-context',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const intervalS = meterIntervalS(config);
    await ctx.given('Booted');

    ctx.step(`The harness sets SampledDataCtrlr.TxUpdatedInterval to ${intervalS} s`);
    await setVariable(ctx, 'SampledDataCtrlr', 'TxUpdatedInterval', String(intervalS), 'J02.FR.01');

    ctx.step('A transaction is started (EV connected, token authorized)');
    await ctx.given('EnergyTransferStarted');
    const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;
    const since = mark(csms);

    ctx.step('Within the interval the station sends TransactionEvent Updated with trigger MeterValuePeriodic');
    const te = await expectAfter(csms, since, 'TransactionEvent', {
      within: intervalS * 1000 + config.timeouts.messageMs,
      where: (p) => p.eventType === 'Updated' && p.triggerReason === 'MeterValuePeriodic',
      whereText: 'eventType Updated, triggerReason MeterValuePeriodic',
      requirement: 'J02.FR.02',
    });
    ctx.expectOneOf(te.payload.transactionInfo.transactionId, [txId], 'J02.FR.02', 'transactionId');

    ctx.step('Its readings are periodic samples');
    const contexts = ((te.payload.meterValue ?? []) as { sampledValue: { context?: string }[] }[]).flatMap((m) =>
      m.sampledValue.map((s) => s.context),
    );
    check(
      contexts.length > 0 && contexts.every((c) => c === 'Sample.Periodic'),
      'J02.FR.04',
      'context Sample.Periodic on every sampled value',
      contexts,
    );

    ctx.step('The harness switches periodic sampling off again');
    await setVariable(ctx, 'SampledDataCtrlr', 'TxUpdatedInterval', '0', 'J02.FR.01');
  },
);
