import { check, defineCase } from '../../../src/dsl.js';
import { expectAfter, mark, meterIntervalS, startedTransaction, withVariables201 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_J_03_CS',
    title: 'Clock-aligned Meter Values - EventType Ended',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'J',
    requirements: ['J01.FR.15', 'F03.FR.01'],
    purpose:
      'With AlignedDataCtrlr.TxEndedInterval and TxEndedMeasurands set, the TransactionEvent Ended of a transaction that ran past an interval boundary carries the clock-aligned readings taken during it.',
    fault: 'aligned-ended-missing',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const intervalS = meterIntervalS(config);
    await ctx.given('Booted');
    await withVariables201(
      ctx,
      [
        { component: 'AlignedDataCtrlr', variable: 'TxEndedInterval', value: String(intervalS) },
        {
          component: 'AlignedDataCtrlr',
          variable: 'TxEndedMeasurands',
          value: 'Energy.Active.Import.Register',
          // Any list that includes the energy register will do.
          holds: (v) => v.split(',').some((m) => m.trim() === 'Energy.Active.Import.Register'),
        },
      ],
      async () => {
        await ctx.given('EnergyTransferStarted');
        const txId = startedTransaction(ctx).payload.transactionInfo.transactionId;

        ctx.step(`The transaction runs past at least one ${intervalS} s boundary`);
        await new Promise((r) => setTimeout(r, 2 * intervalS * 1000));

        ctx.step('The harness stops the transaction remotely; the station ends it');
        const since = mark(csms);
        const stop = await csms.call('RequestStopTransaction', { transactionId: txId }, { requirement: 'F03.FR.01' });
        ctx.expectOneOf(stop.status, ['Accepted'], 'F03.FR.01', 'RequestStopTransactionResponse.status');
        const ended = await expectAfter(csms, since, 'TransactionEvent', {
          where: (p) => p.eventType === 'Ended',
          whereText: 'eventType Ended',
          requirement: 'F03.FR.01',
        });

        ctx.step('The Ended event carries clock-aligned readings (context Sample.Clock)');
        const contexts = ((ended.payload.meterValue ?? []) as { sampledValue: { context?: string }[] }[]).flatMap((m) =>
          m.sampledValue.map((s) => s.context),
        );
        check(
          contexts.includes('Sample.Clock'),
          'J01.FR.15',
          'a sampled value with context Sample.Clock in TransactionEvent Ended',
          contexts,
        );
      },
    );
  },
);
