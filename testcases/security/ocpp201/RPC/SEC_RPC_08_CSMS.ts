import { defineCase } from '../../../../src/dsl.js';
import type { Payload } from '../../../../src/dsl.js';
import { describeOutcome, energyReading, newTx, sendAndObserve, txEvent } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_RPC_08_CSMS',
    title: 'Replayed TransactionEvent and MeterValues calls are applied at most once',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-08',
    severity: 'high',
    cwe: 'CWE-294',
    requirements: ['OCPPJ20-4.1.4', 'OCPPJ20-4.2.1'],
    purpose:
      'A CALL repeated with the same message id (an immediate duplicate of a TransactionEvent and of a MeterValues, and a late replay of the Started event of a transaction that has ended) is answered or ignored but not applied again: the replayed start does not bring the ended transaction back, so the CSMS still stops the transaction that really runs on the EVSE.',
    hint: 'Make TransactionEvent handling idempotent: remember the message ids and the (transactionId, seqNo) pairs already processed and answer a repeat without changing state; never re-open an ended transaction because its Started event arrives again.',
    fault: 'replayed-txevent-applied-twice',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const { evseId, connectorId, validIdToken } = config.ids;
    const idToken = { idToken: validIdToken.idToken, type: validIdToken.type };
    await ctx.given('Booted');

    ctx.step('The station starts transaction T1 (the Started event is kept for a replay)');
    const t1 = `sec08-${ctx.ids.next().slice(0, 12)}`;
    const startedId = ctx.ids.next();
    const started: Payload = {
      eventType: 'Started',
      timestamp: ctx.nowIso(),
      triggerReason: 'Authorized',
      seqNo: 0,
      transactionInfo: { transactionId: t1, chargingState: 'EVConnected' },
      evse: { id: evseId, connectorId },
      idToken,
    };
    const startedFrame = JSON.stringify([2, startedId, 'TransactionEvent', started]);
    await station.sendRaw(startedFrame);
    const first = await station.awaitResponse(startedId, 'TransactionEvent Started', station.connection, { requirement: 'OCPPJ20-4.2.1' });
    ctx.check(first.kind === 'result', 'OCPPJ20-4.2.1', 'a TransactionEventResponse for the Started event', first.kind === 'error' ? `CALLERROR ${first.errorCode}` : '');

    ctx.step('The station sends an Updated event with a meter value, then the identical CALL again');
    const updatedId = ctx.ids.next();
    const updated = JSON.stringify([2, updatedId, 'TransactionEvent', {
      eventType: 'Updated', timestamp: ctx.nowIso(), triggerReason: 'MeterValuePeriodic', seqNo: 1,
      transactionInfo: { transactionId: t1, chargingState: 'Charging' }, meterValue: [energyReading(ctx, 1000, 'Sample.Periodic')],
    }]);
    await station.sendRaw(updated);
    const upd = await station.awaitResponse(updatedId, 'TransactionEvent Updated', station.connection, { requirement: 'OCPPJ20-4.2.1' });
    ctx.check(upd.kind === 'result', 'OCPPJ20-4.2.1', 'a TransactionEventResponse for the Updated event', upd.kind === 'error' ? `CALLERROR ${upd.errorCode}` : '');
    const dup = await sendAndObserve(ctx, updated, { ids: [updatedId], requirement: 'OCPPJ20-4.1.4' });
    ctx.note(`duplicate Updated event: ${describeOutcome(dup)}`);
    ctx.check(!dup.closed, 'OCPPJ20-4.1.4', 'the session stays open after a duplicated CALL', `closed (code ${dup.closed?.code})`);

    ctx.step('The station sends a MeterValues CALL twice with the same message id');
    const mvId = ctx.ids.next();
    const mv = JSON.stringify([2, mvId, 'MeterValues', { evseId, meterValue: [energyReading(ctx, 1100, 'Sample.Periodic')] }]);
    await station.sendRaw(mv);
    await station.awaitResponse(mvId, 'MeterValues', station.connection, { requirement: 'OCPPJ20-4.2.1' });
    const mvDup = await sendAndObserve(ctx, mv, { ids: [mvId], requirement: 'OCPPJ20-4.1.4' });
    ctx.note(`duplicate MeterValues: ${describeOutcome(mvDup)}`);
    ctx.check(!mvDup.closed, 'OCPPJ20-4.1.4', 'the session stays open after a duplicated MeterValues', `closed (code ${mvDup.closed?.code})`);

    ctx.step('Transaction T1 ends');
    const endedId = ctx.ids.next();
    await station.sendRaw(JSON.stringify([2, endedId, 'TransactionEvent', {
      eventType: 'Ended', timestamp: ctx.nowIso(), triggerReason: 'EVCommunicationLost', seqNo: 2,
      transactionInfo: { transactionId: t1, chargingState: 'Idle', stoppedReason: 'EVDisconnected' }, meterValue: [energyReading(ctx, 1200, 'Transaction.End')],
    }]));
    await station.awaitResponse(endedId, 'TransactionEvent Ended', station.connection, { requirement: 'OCPPJ20-4.2.1' });

    ctx.step('Transaction T2 starts on the same EVSE');
    const t2 = newTx(ctx, `sec08-${ctx.ids.next().slice(0, 12)}`);
    await txEvent(ctx, 'Started', 'Authorized', { chargingState: 'EVConnected', idToken: validIdToken, requirement: 'OCPPJ20-4.2.1' });

    ctx.step('An attacker replays the Started event of T1 (same message id, same content)');
    const replay = await sendAndObserve(ctx, startedFrame, { ids: [startedId], requirement: 'OCPPJ20-4.1.4' });
    ctx.note(`replayed Started of T1: ${describeOutcome(replay)}`);
    ctx.check(!replay.closed, 'OCPPJ20-4.1.4', 'the session stays open after the replay', `closed (code ${replay.closed?.code})`);

    ctx.step('The operator stops the transaction running on the EVSE: the CSMS picks T2, not the replayed T1');
    await ctx.manual('csmsSend', { message: 'RequestStopTransaction', stationId: config.stationId, evseId }, `Stop the transaction that is running on EVSE ${evseId} of station ${config.stationId}`);
    const stop = await station.expectCall('RequestStopTransaction', { requirement: 'OCPPJ20-4.1.4' });
    if (stop.payload.transactionId !== t2.transactionId) ctx.evidence(startedFrame);
    ctx.check(
      stop.payload.transactionId === t2.transactionId,
      'OCPPJ20-4.1.4',
      `RequestStopTransaction for the running transaction ${t2.transactionId}`,
      stop.payload.transactionId === t1 ? `transactionId ${t1}: the replayed Started event re-opened the ended transaction` : `transactionId ${JSON.stringify(stop.payload.transactionId)}`,
    );
    await station.reply(stop, { status: 'Accepted' });

    ctx.step('Transaction T2 ends after the remote stop');
    await txEvent(ctx, 'Ended', 'RemoteStop', { chargingState: 'Idle', stoppedReason: 'Remote', requirement: 'OCPPJ20-4.2.1' });
  },
);
