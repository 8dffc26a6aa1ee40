import { check, defineCase } from '../../../src/dsl.js';
import { startedTransaction } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_J_07_CS',
    title: 'Sampled Meter Values - EventType Started - EVSE known',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'J',
    requirements: ['J02.FR.10', 'J02.FR.01'],
    purpose:
      'The TransactionEvent Started of a session on a known EVSE names that EVSE and carries the meter reading at the start of the transaction (context Transaction.Begin).',
    fault: 'started-no-metervalue',
  },
  async (ctx) => {
    const { config } = ctx;
    await ctx.given('EnergyTransferStarted');

    ctx.step('The Started event names the EVSE the transaction runs on');
    const started = startedTransaction(ctx).payload;
    ctx.expectOneOf(started.evse?.id, [config.ids.evseId], 'J02.FR.01', 'Started evse.id');

    ctx.step('The Started event carries the Transaction.Begin meter reading');
    const values = ((started.meterValue ?? []) as { sampledValue: { context?: string; value: number }[] }[]).flatMap((m) => m.sampledValue);
    check(
      values.some((v) => v.context === 'Transaction.Begin'),
      'J02.FR.10',
      'a sampled value with context Transaction.Begin in TransactionEvent Started',
      values.length ? values : 'no meterValue',
    );
  },
);
