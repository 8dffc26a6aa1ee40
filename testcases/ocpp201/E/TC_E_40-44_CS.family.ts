import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  seqNoOf,
  startedTransaction,
  STOP_ON_DEAUTHORIZE,
  STOP_ON_UNPLUG,
  unplug201,
  validToken,
  whileOffline,
  withVariable201,
} from '../../../src/kit/index.js';

/**
 * A transaction started online ends while the station has lost its connection (E11, E08): by
 * unplugging the cable (TC_E_40) or by the driver presenting the same token again (TC_E_44;
 * stopping with the token that started the transaction needs no authorization, so it works
 * offline). Once back, the station delivers the Ended event it kept, marked offline, and the
 * transaction's seqNo run has no gap.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_E_40_CS',
      title: 'Offline Behaviour - Connection loss during transaction',
      requirements: ['E11.FR.01', 'E11.FR.02'],
      purpose:
        'A transaction that ends while the station has lost its connection is still reported: once back, the station delivers the Ended event, marked offline, with the seqNo following the last one the CSMS had.',
      fault: 'tx-offline-events-dropped',
      stop: 'unplug' as const,
    },
    {
      id: 'TC_E_44_CS',
      title: 'Offline Behaviour - Stop transaction during offline period',
      requirements: ['E11.FR.01', 'E11.FR.02', 'E07.FR.02'],
      purpose:
        'A driver who stops a running transaction with the same token while the station is offline ends it; once back, the station delivers the Ended event (StopAuthorized, Local), marked offline.',
      fault: 'tx-offline-flag-missing',
      stop: 'token' as const,
    },
  ] as const,
  ({ stop, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'cs', block: 'E', profiles: ['Core'] }, async (ctx) => {
      const { csms, config } = ctx;
      await ctx.given('Booted');
      await withVariable201(ctx, stop === 'unplug' ? STOP_ON_UNPLUG : STOP_ON_DEAUTHORIZE, async () => {
        await ctx.given('EnergyTransferStarted');
        const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;

        await whileOffline(ctx, 'E11.FR.01', async () => {
          await csms.wait(config.timeouts.silenceMs);
          if (stop === 'unplug') {
            ctx.step('While offline, the EV cable is unplugged at the station: the transaction ends');
            await unplug201(ctx, 'Unplug the EV cable at the station side (the station has no connection to the CSMS now).');
          } else {
            ctx.step('While offline, the driver presents the same token again to stop: the transaction ends');
            await ctx.manual(
              'presentIdToken',
              { ...validToken(config), evseId: config.ids.evseId },
              'Present the configured valid idToken again (the station has no connection to the CSMS now).',
            );
          }
          await csms.wait(config.timeouts.silenceMs);
        });

        ctx.step('Back online, the station delivers the Ended event it kept, marked offline');
        const ended = await csms.expectCall('TransactionEvent', {
          where: (p) => p.eventType === 'Ended' && p.transactionInfo.transactionId === txId,
          whereText: `eventType Ended of ${txId}`,
          within: ctx.waits.reconnect,
          requirement: 'E11.FR.01',
        });
        ctx.expectOneOf(ended.payload.offline, [true], 'E11.FR.01', 'Ended offline');
        if (stop === 'token') {
          ctx.expectOneOf(ended.payload.triggerReason, ['StopAuthorized'], 'E07.FR.02', 'Ended triggerReason');
          // stoppedReason Local is the default when left out.
          ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason ?? 'Local', ['Local'], 'E07.FR.02', 'Ended stoppedReason');
        }

        ctx.step("The transaction's events carry seqNo 0, 1, 2 ... in the order they arrived, none missing");
        const all = csms
          .receivedCalls('TransactionEvent')
          .filter((c) => c.payload.transactionInfo.transactionId === txId)
          .map(seqNoOf);
        // A message whose answer was lost with the connection may come again with its seqNo: repeats count once.
        // Any run without gaps passes; the station may send Updated events (meter values, cable) before Ended.
        const seqNos = all.filter((n, i) => all.indexOf(n) === i);
        const unbroken = seqNos.every((n, i) => n === (seqNos[0] ?? 0) + i);
        check(unbroken, 'E11.FR.02', `seqNo of ${txId} consecutive in arrival order`, `seqNo ${seqNos.join(', ')}`);
      });
    }),
);
