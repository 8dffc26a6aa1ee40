import { check, defineCase } from '../../../src/dsl.js';
import {
  mark,
  expectAfter,
  startedTransaction,
  validToken,
  withVariable201,
  STOP_ON_DEAUTHORIZE,
  unplug201,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_15_CS',
    title: 'Stop transaction options - StopAuthorized - Local',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'E',
    requirements: ['E07.FR.01', 'E07.FR.02', 'E01.FR.16', 'G01.FR.02'],
    purpose:
      'Presenting the token that started a running transaction ends it locally: the station sends TransactionEvent Ended with StopAuthorized, the next sequence number, and then frees the connector when the cable is removed.',
    fault: 'local-stop-ignored',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const token = validToken(config);
    await ctx.given('Booted');
    await withVariable201(ctx, STOP_ON_DEAUTHORIZE, async () => {
      await ctx.given('EnergyTransferStarted');
      const started = startedTransaction(ctx).payload;
      csms.respondTo('Authorize', { idTokenInfo: { status: 'Accepted' } });

      ctx.step('The driver presents the same token again to stop charging');
      await ctx.manual('presentIdToken', { ...token, evseId: config.ids.evseId }, 'Present the configured valid idToken again.');

      ctx.step('The station ends the transaction with TransactionEvent Ended (StopAuthorized)');
      const ended = await csms.expectCall('TransactionEvent', {
        where: (p) => p.eventType === 'Ended',
        whereText: 'eventType Ended',
        requirement: 'E07.FR.01',
      });
      ctx.expectOneOf(
        ended.payload.transactionInfo.transactionId,
        [started.transactionInfo.transactionId],
        'E07.FR.01',
        'Ended transactionId',
      );
      ctx.expectOneOf(ended.payload.triggerReason, ['StopAuthorized'], 'E07.FR.02', 'Ended triggerReason');
      ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason ?? 'Local', ['Local'], 'E07.FR.02', 'Ended stoppedReason');

      ctx.step('The sequence numbers of the transaction are contiguous');
      const seqNos = csms
        .receivedCalls('TransactionEvent')
        .filter((c) => c.payload.transactionInfo?.transactionId === started.transactionInfo.transactionId)
        .map((c) => c.payload.seqNo as number)
        .sort((a, b) => a - b);
      check(
        seqNos.every((n, i) => n === seqNos[0] + i),
        'E01.FR.16',
        'contiguous seqNo values',
        seqNos,
      );

      ctx.step('The cable is unplugged; the connector becomes Available');
      const since = mark(csms);
      await unplug201(ctx);
      await expectAfter(csms, since, 'StatusNotification', {
        where: (p) => p.connectorStatus === 'Available',
        whereText: 'connectorStatus Available',
        requirement: 'G01.FR.02',
      });
    });
  },
);
