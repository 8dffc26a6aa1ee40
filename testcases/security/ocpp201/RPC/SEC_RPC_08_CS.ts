import { defineCase, serializeCall } from '../../../../src/dsl.js';
import { callsSince, describeOutcome, mark, sendAndObserve, validToken } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_RPC_08_CS',
    title: 'Replayed RequestStartTransaction with the same message id',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-08',
    severity: 'high',
    cwe: 'CWE-294',
    requirements: ['OCPPJ20-4.1.4', 'F01.FR.01'],
    purpose:
      'A message id identifies one request. When a RequestStartTransaction that was executed (and its transaction ended) arrives again with the same message id, the station does not start a second transaction; it may answer with a CALLERROR.',
    hint: 'Remember the message ids of recently executed CSMS requests (across reconnects) and never execute a request twice; answer a repeat with a CALLERROR or the earlier answer, and log AttemptedReplayAttacks.',
    fault: 'replayed-start-executed-twice',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    await ctx.given('EVConnectedPreSession');
    csms.respondTo('TransactionEvent', (c) => (c.payload.idToken ? { idTokenInfo: { status: 'Accepted' } } : {}));
    csms.respondTo('Authorize', { idTokenInfo: { status: 'Accepted' } });

    ctx.step('The harness starts a transaction remotely; the station accepts and starts it');
    const remoteStartId = 1 + Math.floor(Math.random() * 1_000_000);
    const messageId = ctx.ids.next();
    const frame = serializeCall(messageId, 'RequestStartTransaction', { idToken: validToken(config), remoteStartId, evseId: config.ids.evseId });
    const first = await sendAndObserve(ctx, frame, { ids: [messageId], within: config.timeouts.messageMs });
    ctx.check(first.kind === 'result' && first.payload.status === 'Accepted', 'F01.FR.01', 'RequestStartTransaction Accepted', describeOutcome(first));
    const started = await csms.expectCall('TransactionEvent', { where: (p) => p.eventType === 'Started', whereText: 'eventType Started', requirement: 'F01.FR.01' });
    const transactionId = started.payload.transactionInfo.transactionId as string;

    ctx.step('The harness stops the transaction; the station ends it');
    const stop = await csms.call('RequestStopTransaction', { transactionId }, { requirement: 'F01.FR.01' });
    ctx.expectOneOf(stop.status, ['Accepted'], 'F01.FR.01', 'RequestStopTransaction status');
    await csms.expectCall('TransactionEvent', { where: (p) => p.eventType === 'Ended', whereText: 'eventType Ended', requirement: 'F01.FR.01' });

    ctx.step('The harness replays the identical RequestStartTransaction frame (same message id)');
    ctx.evidence(frame);
    const before = mark(csms);
    const replay = await sendAndObserve(ctx, frame, { ids: [messageId], within: config.timeouts.messageMs });
    ctx.note(`replay answered with ${describeOutcome(replay)}`);

    ctx.step('No second transaction starts');
    await csms.wait(config.timeouts.silenceMs + (replay.kind === 'result' && replay.payload.status === 'Accepted' ? config.timeouts.silenceMs : 0));
    const again = callsSince(csms, before).filter((c) => c.action === 'TransactionEvent' && c.payload.eventType === 'Started');
    ctx.check(again.length === 0, 'OCPPJ20-4.1.4', 'no TransactionEvent Started after the replayed request', again.map((c) => JSON.stringify(c.payload).slice(0, 200)).join('; '));
    ctx.check(csms.connection !== undefined, 'OCPPJ20-4.1.4', 'the session survives the replay', describeOutcome(replay));

    ctx.step('The EV is unplugged again');
    await ctx.manual('unplug', { evseId: config.ids.evseId, connectorId: config.ids.connectorId }, 'Unplug the EV cable from the configured EVSE and connector.');
  },
);
