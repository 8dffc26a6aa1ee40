import { defineCase, CaseFailure, serializeCall } from '../../../../src/dsl.js';
import { acceptStart, acceptStop, plugIn, statusOf } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_08_CS',
    title: 'A replayed RemoteStartTransaction (same message id) is executed at most once',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-08',
    severity: 'high',
    cwe: 'CWE-294',
    requirements: ['OCPPJ16-4.1.4', 'OCPP16-5.11', 'OCPP16-5.12'],
    purpose:
      'With the cable plugged in, a RemoteStartTransaction starts a transaction, which a RemoteStopTransaction ends. The harness then sends the very same RemoteStartTransaction frame again, same message id included, as an attacker replaying captured traffic would. The charge point must not start a second transaction from it: it refuses the reused id with a CALLERROR, or answers without acting; no StartTransaction follows.',
    hint: 'Remember the message ids of recently received CALLs (per connection at least) and refuse a CALL whose id was already used with a CALLERROR instead of executing it again; OCPP-J requires a fresh id for every CALL. Log the attempt as a replay (AttemptedReplayAttacks where the security extensions are implemented).',
    fault: 'cp-replayed-remote-start-twice',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    const idTag = config.ids.validIdToken.idToken;
    await ctx.given('Booted');
    csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });

    ctx.step('The EV cable is plugged in');
    await plugIn(ctx);
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Preparing'), requirement: 'OCPP16-5.11' });

    ctx.step('The harness sends RemoteStartTransaction; the charge point accepts it and starts the transaction');
    const messageId = ctx.ids.next();
    const payload = { connectorId, idTag };
    const res = await csms.call('RemoteStartTransaction', payload, { messageId, requirement: 'OCPP16-5.11' });
    ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.11', 'RemoteStartTransaction.conf status');
    const start = await csms.expectCall('StartTransaction', { requirement: 'OCPP16-5.11' });
    const transactionId = await acceptStart(ctx, start);
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Charging'), requirement: 'OCPP16-5.11' });

    ctx.step('The harness stops the transaction with RemoteStopTransaction');
    const stopRes = await csms.call('RemoteStopTransaction', { transactionId }, { requirement: 'OCPP16-5.12' });
    ctx.expectOneOf(stopRes.status, ['Accepted'], 'OCPP16-5.12', 'RemoteStopTransaction.conf status');
    const stop = await csms.expectCall('StopTransaction', { where: (p) => p.transactionId === transactionId, whereText: `transactionId = ${transactionId}`, requirement: 'OCPP16-5.12' });
    await acceptStop(ctx, stop);

    ctx.step('The harness replays the original RemoteStartTransaction frame, same message id');
    const replay = serializeCall(messageId, 'RemoteStartTransaction', payload);
    ctx.evidence(replay);
    await csms.sendRaw(replay);
    try {
      const answer = await csms.awaitResponse(messageId, 'the replayed RemoteStartTransaction', csms.connection, { requirement: 'OCPPJ16-4.1.4' });
      if (answer.kind === 'error') ctx.note(`the replay was refused with CALLERROR ${answer.errorCode}`);
      else if (answer.payload.status === 'Accepted') ctx.nonStrict('OCPPJ16-4.1.4', 'the replayed RemoteStartTransaction was answered Accepted (a reused message id deserves a CALLERROR)');
    } catch (err) {
      if (!(err instanceof CaseFailure)) throw err;
      ctx.note('the replay was not answered (dropped)');
    }

    ctx.step('No second transaction starts from the replay');
    await csms.expectNoCall('StartTransaction', { within: config.timeouts.silenceMs, requirement: 'OCPPJ16-4.1.4' });

    ctx.step('The cable is unplugged; the charge point returns to idle');
    await ctx.given('Idle');
  },
);
