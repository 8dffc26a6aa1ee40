import { defineCase, serializeCall } from '../../../../src/dsl.js';

export default defineCase(
  {
    id: 'SEC_RPC_10_CSMS',
    title: 'Back-to-back and crossing CALLs: the CSMS answers each, correlated by id',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-10',
    severity: 'medium',
    cwe: 'CWE-362',
    requirements: ['OCPPJ20-4.1.1', 'OCPPJ20-4.1.4'],
    purpose:
      'Two CALLs sent without waiting (Authorize for the valid and for the invalid token; Heartbeat and StatusNotification) are both answered, each under its own message id with its own content, and a CALL from the station that crosses a pending CSMS call is answered too: no deadlock, no dropped call, no swapped answers.',
    hint: 'Keep request handling independent of other in-flight messages: queue or process inbound CALLs as they come, key every answer by the message id of its request, and keep answering while your own call to the station is outstanding.',
    fault: 'back-to-back-call-dropped',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const { validIdToken, invalidIdToken, evseId, connectorId } = config.ids;
    await ctx.given('Booted');
    const conn = station.connection!;

    ctx.step('The station sends Authorize (valid token) and Authorize (invalid token) back to back');
    const a = ctx.ids.next();
    const b = ctx.ids.next();
    const fa = serializeCall(a, 'Authorize', { idToken: { idToken: validIdToken.idToken, type: validIdToken.type } });
    const fb = serializeCall(b, 'Authorize', { idToken: { idToken: invalidIdToken.idToken, type: invalidIdToken.type } });
    await Promise.all([conn.send(fa), conn.send(fb)]);
    ctx.evidence(fa, fb);
    const [ra, rb] = await Promise.all([
      station.awaitResponse(a, 'Authorize (valid token)', conn, { requirement: 'OCPPJ20-4.1.1' }),
      station.awaitResponse(b, 'Authorize (invalid token)', conn, { requirement: 'OCPPJ20-4.1.1' }),
    ]);
    ctx.check(ra.kind === 'result' && rb.kind === 'result', 'OCPPJ20-4.1.1', 'a CALLRESULT for each Authorize', `${ra.kind}, ${rb.kind}`);
    const sa = ra.kind === 'result' ? ra.payload.idTokenInfo?.status : undefined;
    const sb = rb.kind === 'result' ? rb.payload.idTokenInfo?.status : undefined;
    ctx.check(sa === 'Accepted' && sb !== 'Accepted', 'OCPPJ20-4.1.4', `the answer under ${a} is for the valid token (Accepted) and the one under ${b} for the invalid token`, `${a}: ${sa}, ${b}: ${sb}`);

    ctx.step('The station sends Heartbeat and StatusNotification back to back');
    const h = ctx.ids.next();
    const s = ctx.ids.next();
    await Promise.all([
      conn.send(serializeCall(h, 'Heartbeat', {})),
      conn.send(serializeCall(s, 'StatusNotification', { timestamp: ctx.nowIso(), connectorStatus: 'Available', evseId, connectorId })),
    ]);
    const [rh, rs] = await Promise.all([
      station.awaitResponse(h, 'Heartbeat', conn, { requirement: 'OCPPJ20-4.1.1' }),
      station.awaitResponse(s, 'StatusNotification', conn, { requirement: 'OCPPJ20-4.1.1' }),
    ]);
    ctx.check(rh.kind === 'result' && typeof rh.payload.currentTime === 'string', 'OCPPJ20-4.1.4', `a HeartbeatResponse under ${h}`, JSON.stringify(rh));
    ctx.check(rs.kind === 'result' && rs.payload.currentTime === undefined, 'OCPPJ20-4.1.4', `a StatusNotificationResponse (no currentTime) under ${s}`, JSON.stringify(rs));

    ctx.step('The CSMS sends a call; before answering it the station sends a Heartbeat, which the CSMS answers');
    await ctx.manual('csmsSend', { message: 'TriggerMessage', stationId: config.stationId, requestedMessage: 'StatusNotification', evseId, connectorId }, `Make the CSMS send TriggerMessage (StatusNotification) to station ${config.stationId}`);
    const trigger = await station.expectCall('TriggerMessage', { requirement: 'OCPPJ20-4.1.1' });
    const crossing = await station.callMayError('Heartbeat', {}, { requirement: 'OCPPJ20-4.1.1' });
    ctx.check(crossing.kind === 'result', 'OCPPJ20-4.1.1', 'a HeartbeatResponse while the CSMS waits for its own answer', crossing.kind === 'error' ? `CALLERROR ${crossing.errorCode}` : '');
    await station.reply(trigger, { status: 'Accepted' });
    await station.call('StatusNotification', { timestamp: ctx.nowIso(), connectorStatus: 'Available', evseId, connectorId }, { requirement: 'OCPPJ20-4.1.1' });
  },
);
