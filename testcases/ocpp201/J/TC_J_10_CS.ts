import { check, defineCase } from '../../../src/dsl.js';
import { startedTransaction, validToken, withVariable201, STOP_ON_DEAUTHORIZE } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_J_10_CS',
    title: 'Sampled Meter Values - EventType Ended',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'J',
    requirements: ['J02.FR.11', 'E07.FR.01'],
    purpose:
      'The TransactionEvent Ended of a session carries the meter reading at the end of the transaction (context Transaction.End), not lower than the reading at its start.',
    fault: 'ended-no-metervalue',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const token = validToken(config);
    await ctx.given('Booted');
    await withVariable201(ctx, STOP_ON_DEAUTHORIZE, async () => {
      await ctx.given('EnergyTransferStarted');
      const started = startedTransaction(ctx).payload;
      csms.respondTo('Authorize', { idTokenInfo: { status: 'Accepted' } });

      ctx.step('The driver presents the token again to stop the transaction');
      await ctx.manual('presentIdToken', { ...token, evseId: config.ids.evseId }, 'Present the configured valid idToken again.');
      const ended = await csms.expectCall('TransactionEvent', {
        where: (p) => p.eventType === 'Ended',
        whereText: 'eventType Ended',
        requirement: 'E07.FR.01',
      });

      ctx.step('The Ended event carries the Transaction.End meter reading');
      const values = (
        (ended.payload.meterValue ?? []) as { sampledValue: { context?: string; value: number; measurand?: string }[] }[]
      ).flatMap((m) => m.sampledValue);
      const end = values.find((v) => v.context === 'Transaction.End');
      check(
        end !== undefined,
        'J02.FR.11',
        'a sampled value with context Transaction.End in TransactionEvent Ended',
        values.length ? values : 'no meterValue',
      );

      ctx.step('The energy register at the end is not below the one at the start');
      const energy = (vs: { measurand?: string; value: number }[]) =>
        vs.find((v) => (v.measurand ?? 'Energy.Active.Import.Register') === 'Energy.Active.Import.Register')?.value;
      const begin = energy(
        ((started.meterValue ?? []) as { sampledValue: { measurand?: string; value: number }[] }[]).flatMap((m) => m.sampledValue),
      );
      const final = energy([end]);
      if (begin !== undefined && final !== undefined)
        check(final >= begin, 'J02.FR.11', `Energy.Active.Import.Register at the end >= ${begin}`, final);
    });
  },
);
