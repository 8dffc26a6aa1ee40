import { check, defineCase } from '../../../src/dsl.js';
import {
  plugIn201,
  respondToTransactionEvents,
  seqNoOf,
  STOP_ON_UNPLUG,
  unplug201,
  validToken,
  whileOffline,
  withVariables201,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_43_CS',
    title: 'Offline Behaviour - Transaction during offline period',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'E',
    profiles: ['Core'],
    requirements: ['E12.FR.01', 'E11.FR.02'],
    purpose:
      'A whole transaction that happens while the station is offline (started with an offline-authorized token, ended by unplugging) is reported once the station is back: Started to Ended, each event marked offline, seqNo without gaps.',
    fault: 'tx-offline-events-dropped',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const token = validToken(config);
    await ctx.given('Booted');
    // Offline authorization: here by letting the station start for tokens it cannot check
    // (OfflineTxForUnknownIdEnabled); a station that cannot be set so is not-applicable.
    const needs = [{ component: 'AuthCtrlr', variable: 'OfflineTxForUnknownIdEnabled', value: 'true' }, STOP_ON_UNPLUG];
    await withVariables201(ctx, needs, async () => {
      // The delivered events are answered as they come (the Started one Accepted for the token); the steps below take them.
      respondToTransactionEvents(ctx);
      await whileOffline(ctx, 'E12.FR.01', async () => {
        await csms.wait(config.timeouts.silenceMs);
        ctx.step('While offline, the EV cable is plugged in and the driver presents the valid token: a transaction starts');
        await plugIn201(ctx);
        await ctx.manual(
          'presentIdToken',
          { ...token, evseId: config.ids.evseId },
          'Present the configured valid idToken (the station is offline).',
        );
        await csms.wait(Math.max(config.timeouts.silenceMs, config.timeouts.transactionMs) * 2);
        ctx.step('Still offline, the EV cable is unplugged: the transaction ends');
        await unplug201(ctx, 'Unplug the EV cable at the station side (the station is still offline).');
        await csms.wait(config.timeouts.silenceMs);
      });

      ctx.step('Back online, the station reports the offline transaction, Started first, every event marked offline');
      const started = await csms.expectCall('TransactionEvent', {
        where: (p) => p.eventType === 'Started',
        whereText: 'eventType Started',
        within: ctx.waits.reconnect,
        requirement: 'E12.FR.01',
      });
      const txId = started.payload.transactionInfo.transactionId;
      const ended = await csms.expectCall('TransactionEvent', {
        where: (p) => p.eventType === 'Ended' && p.transactionInfo.transactionId === txId,
        whereText: `eventType Ended of ${txId}`,
        requirement: 'E12.FR.01',
      });
      const events = csms.receivedCalls('TransactionEvent').filter((c) => c.payload.transactionInfo.transactionId === txId);
      const notOffline = events.filter((c) => c.payload.offline !== true).map((c) => `${c.payload.eventType} seqNo ${seqNoOf(c)}`);
      check(notOffline.length === 0, 'E12.FR.01', `every event of ${txId} marked offline true`, `not marked: ${notOffline.join(', ')}`);
      check(ended.at >= started.at, 'E11.FR.02', 'Started delivered before Ended', 'Ended first');
      const all = events.map(seqNoOf);
      // A message whose answer was lost may come again with its seqNo: repeats count once.
      const seqNos = all.filter((n, i) => all.indexOf(n) === i);
      check(
        seqNos.every((n, i) => n === (seqNos[0] ?? 0) + i),
        'E11.FR.02',
        `seqNo of ${txId} consecutive in arrival order`,
        `seqNo ${seqNos.join(', ')}`,
      );
    });
  },
);
