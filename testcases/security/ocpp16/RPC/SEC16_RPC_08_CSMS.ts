import { defineCase, serializeCall } from '../../../../src/dsl.js';
import { statusNotification16 } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_08_CSMS',
    title: 'A replayed StartTransaction (same message id) creates no second transaction',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-08',
    severity: 'high',
    cwe: 'CWE-294',
    requirements: ['OCPPJ16-4.1.4', 'OCPP16-4.8', 'OCPP16-4.10'],
    purpose:
      'The harness charge point starts a transaction for the valid idTag, then sends the identical StartTransaction frame again, same message id included, as a replaying attacker (or a confused retry) would. The central system must not open a second transaction: it refuses the reused id with a CALLERROR or answers with the transactionId it already assigned. The one transaction is then stopped normally.',
    hint: 'Make transaction creation idempotent: key it by the charge point and the start data (connector, idTag, meterStart, timestamp) or refuse reused message ids, and answer a repeat with the transactionId already assigned; never bill a replayed start twice.',
    fault: 'cs-start-tx-replay-new-id',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const payload = { connectorId: config.ids.connectorId, idTag: config.ids.validIdToken.idToken, meterStart: 1000, timestamp: ctx.nowIso() };

    ctx.step('The harness plugs in and starts a transaction; the central system assigns a transactionId');
    await statusNotification16(ctx, 'Preparing');
    const messageId = ctx.ids.next();
    const first = await station.call('StartTransaction', payload, { messageId, requirement: 'OCPP16-4.8' });
    ctx.expectOneOf(first.idTagInfo?.status, ['Accepted'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status');
    const transactionId = first.transactionId as number;

    ctx.step('The harness replays the same StartTransaction frame, same message id');
    const replay = serializeCall(messageId, 'StartTransaction', payload);
    const again = await station.callMayError('StartTransaction', payload, { messageId, requirement: 'OCPPJ16-4.1.4', schema: false });
    if (again.kind === 'error') ctx.note(`the replay was refused with CALLERROR ${again.errorCode}`);
    else {
      if (again.payload.transactionId !== transactionId) ctx.evidence(replay);
      ctx.check(again.payload.transactionId === transactionId, 'OCPPJ16-4.1.4', `a CALLERROR, or the same transactionId ${transactionId} again`, `transactionId ${JSON.stringify(again.payload.transactionId)}: a second transaction`);
    }

    ctx.step('The one transaction is stopped and confirmed');
    const stop = await station.call('StopTransaction', { transactionId, meterStop: 2500, timestamp: ctx.nowIso(), reason: 'Local' }, { requirement: 'OCPP16-4.10' });
    ctx.check(typeof stop === 'object', 'OCPP16-4.10', 'StopTransaction.conf', stop);
  },
);
