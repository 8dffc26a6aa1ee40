import { defineCase } from '../../../../src/dsl.js';
import type { Payload } from '../../../../src/dsl.js';
import { callArrivedOn, callOn, connectAndBoot, freshIdentity } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_ID_04_CSMS',
    title: "A station cannot act on another station's transaction",
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'ID',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-ID-04',
    severity: 'high',
    cwe: 'CWE-639',
    requirements: ['SEC-ID-04', 'OCPPJ20-4.2.1'],
    purpose:
      "Station B runs a transaction; authenticated station A sends TransactionEvents (Updated, then Ended) with B's transactionId. The CSMS rejects them or keeps them apart from B's transaction: B's own events are still answered, and when the operator stops B's transaction the request goes to B with B's transactionId, not to A.",
    hint: 'Key transactions by (station identity, transactionId), never by transactionId alone, and check that the sender of an event owns the transaction it names; route transaction commands by the owning station.',
    fault: 'txevent-cross-station',
  },
  async (ctx) => {
    const { config } = ctx;
    const { validIdToken, evseId, connectorId } = config.ids;
    const idToken = { idToken: validIdToken.idToken, type: validIdToken.type };
    const b = freshIdentity(ctx, 'SECB');
    const tx = `sec04-${ctx.ids.next().slice(0, 12)}`;
    const event = (eventType: string, seqNo: number, extra: Payload = {}): Payload => ({
      eventType,
      timestamp: ctx.nowIso(),
      triggerReason: eventType === 'Started' ? 'Authorized' : eventType === 'Ended' ? 'StopAuthorized' : 'ChargingStateChanged',
      seqNo,
      transactionInfo: {
        transactionId: tx,
        chargingState: eventType === 'Ended' ? 'Idle' : 'Charging',
        ...(eventType === 'Ended' ? { stoppedReason: 'Local' } : {}),
      },
      ...extra,
    });

    ctx.step(`Station A (${config.stationId}) connects and boots`);
    await ctx.given('Booted');
    const a = ctx.station.connection!;

    ctx.step(`The operator registers a second station B (${b}); B connects, boots and starts transaction ${tx}`);
    await ctx.manual(
      'csmsRegisterStation',
      { stationId: b, bootStatus: 'Accepted' },
      `Register charging station "${b}" in the CSMS (same credentials as "${config.stationId}") and accept it`,
    );
    const { conn: bConn, status } = await connectAndBoot(ctx, b, 'SEC-ID-04');
    ctx.check(status === 'Accepted', 'SEC-ID-04', `BootNotification of the registered station ${b} Accepted`, status);
    const started = await callOn(ctx, bConn, 'TransactionEvent', event('Started', 0, { evse: { id: evseId, connectorId }, idToken }), {
      requirement: 'OCPPJ20-4.2.1',
    });
    ctx.check(started.kind === 'result', 'OCPPJ20-4.2.1', "a TransactionEventResponse for B's Started event", JSON.stringify(started));

    ctx.step(`Station A sends an Updated and an Ended event naming B's transaction ${tx}`);
    const forged: string[] = [];
    for (const [type, seqNo] of [
      ['Updated', 1],
      ['Ended', 2],
    ] as const) {
      const payload = event(type, seqNo, { evse: { id: evseId, connectorId } });
      const res = await callOn(ctx, a, 'TransactionEvent', payload, { requirement: 'SEC-ID-04' });
      forged.push(JSON.stringify([2, res.messageId, 'TransactionEvent', payload]));
      ctx.note(
        `A's ${type} event for ${tx}: ${res.kind === 'result' ? `CALLRESULT ${JSON.stringify(res.payload)}` : `CALLERROR ${res.errorCode}`}`,
      );
    }

    ctx.step('B continues its transaction and is answered normally');
    const upd = await callOn(ctx, bConn, 'TransactionEvent', event('Updated', 1, { idToken }), { requirement: 'SEC-ID-04' });
    ctx.check(upd.kind === 'result', 'SEC-ID-04', "a TransactionEventResponse for B's own Updated event", JSON.stringify(upd));

    ctx.step(`The operator stops transaction ${tx} of station B: the request goes to B`);
    await ctx.manual(
      'csmsSend',
      { message: 'RequestStopTransaction', stationId: b, transactionId: tx },
      `Stop transaction ${tx} of station ${b}`,
    );
    const onB = await callArrivedOn(ctx, bConn, 'RequestStopTransaction', ctx.config.timeouts.messageMs);
    const onA = ctx.station.receivedCalls('RequestStopTransaction').filter((c) => c.conn === a);
    if (!onB || onA.length) ctx.evidence(...forged);
    ctx.check(
      onA.length === 0,
      'SEC-ID-04',
      `no RequestStopTransaction for B's transaction on station A`,
      `station A received ${JSON.stringify(onA[0]?.payload)}: A's forged events took the transaction over`,
    );
    ctx.check(onB !== undefined, 'SEC-ID-04', `RequestStopTransaction for ${tx} on station B`, 'it did not arrive at B');
    const req = onB!.frame as { messageId: string; payload: Payload };
    ctx.check(req.payload.transactionId === tx, 'SEC-ID-04', `RequestStopTransaction names ${tx}`, JSON.stringify(req.payload));
    await bConn.send(JSON.stringify([3, req.messageId, { status: 'Accepted' }]));
    await callOn(
      ctx,
      bConn,
      'TransactionEvent',
      {
        ...event('Ended', 2),
        triggerReason: 'RemoteStop',
        transactionInfo: { transactionId: tx, chargingState: 'Idle', stoppedReason: 'Remote' },
      },
      { requirement: 'SEC-ID-04' },
    );
    bConn.close(1000, 'case finished');
  },
);
