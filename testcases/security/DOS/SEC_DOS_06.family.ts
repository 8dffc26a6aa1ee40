import { check, defineCase, defineCaseFamily, present, type CaseContext, untypedContext, contextOf } from '../../../src/dsl.js';
import { RawStation, authHeaders, bootPayload, callArrivedOn, callOn, expectReachable, waitUntil } from '../../../src/kit/index.js';

/**
 * SEC-DOS-06, a peer that goes silent without closing (no answers, no pongs), for both roles.
 * The two cases are mirror images with different duties, so each role keeps its own scenario:
 * a station whose CSMS goes silent keeps one call outstanding and should drop the connection;
 * a CSMS whose station session goes silent lets the station back in and sends its commands to
 * the new session.
 */

const ROWS = [
  {
    id: 'SEC_DOS_06_CS',
    sut: 'cs',
    title: 'The CSMS goes silent: no answers, no pongs',
    severity: 'medium',
    cwe: 'CWE-400',
    purpose:
      'When the CSMS stops answering calls and WebSocket pings, the station keeps at most one call outstanding (it does not pile up retries), and it should notice the dead peer through its ping interval, drop the connection and reconnect.',
    hint: 'Keep one CALL in flight and retry only after the message timeout; use WebSocketPingInterval pings and close the socket when no pong arrives, then reconnect with back-off.',
    fault: 'unanswered-call-flood',
    requirements: ['OCPPJ20-4.1.1', 'OCPPJ20-5.2'],
  },
  {
    id: 'SEC_DOS_06_CSMS',
    sut: 'csms',
    title: 'A half-open session that stopped answering pings does not lock the station out',
    severity: 'high',
    cwe: 'CWE-613',
    purpose:
      "The station's session goes silent without closing (it neither answers WebSocket pings nor sends anything, like a link that died without a FIN). When the real station reconnects, the CSMS lets it in within its connect time and sends commands to the new session; the ghost session should be detected and closed.",
    hint: 'Ping every session (WebSocketPingInterval) and drop the ones that stop answering; when a station reconnects while its old session is still registered, check the old one (or replace it) instead of refusing the station, and route commands to the live session only.',
    fault: 'ghost-session-blocks-reconnect',
    requirements: ['OCPPJ20-5.3', 'SEC-DOS-06'],
  },
] as const;

/** The calls of a station the mock CSMS stops answering while it is silent. */
const ANSWERED = [
  'Heartbeat',
  'StatusNotification',
  'NotifyEvent',
  'SecurityEventNotification',
  'MeterValues',
  'LogStatusNotification',
  'FirmwareStatusNotification',
];

const pingInterval = (value: string) => ({
  setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'WebSocketPingInterval' }, attributeValue: value }],
});

/** The station side: the mock CSMS goes silent. */
async function silentCsms(ctx: CaseContext, [oneCall, deadPeer]: readonly string[]): Promise<void> {
  const { csms } = ctx;
  await ctx.given('Booted');

  ctx.step('The harness sets a WebSocket ping interval of 1 s');
  const set = await csms.call('SetVariables', pingInterval('1'), { requirement: deadPeer });
  const pingS = set.setVariableResult?.[0]?.attributeStatus === 'Accepted' ? 1 : undefined;
  if (!pingS)
    ctx.note(
      `WebSocketPingInterval not set (${JSON.stringify(set.setVariableResult?.[0]?.attributeStatus)}); dead-peer detection is judged with the station's own settings`,
    );

  ctx.step('The mock CSMS goes silent: it answers nothing and stops answering pings; the station sends a triggered Heartbeat');
  const conn = present(csms.connection, oneCall, 'a connection to the station', 'none');
  // The ws library answers pings itself; switching that off makes the mock CSMS a dead peer.
  const ws = conn.ws as unknown as { _autoPong: boolean };
  const before = csms.receivedCalls().at(-1);
  for (const a of ANSWERED) csms.stopResponding(a);
  ws._autoPong = false;
  const trig = await csms.call('TriggerMessage', { requestedMessage: 'Heartbeat' }, { requirement: oneCall });
  ctx.expectOneOf(trig.status, ['Accepted'], oneCall, 'TriggerMessage Heartbeat status');
  // The first call left unanswered is the triggered Heartbeat, or a call of the station's own that
  // was still on its way (a boot-time report): the Heartbeat then rightly waits behind it (4.1.1).
  const hb = await csms.expectOneOf(ANSWERED, { after: before, requirement: oneCall });
  ctx.evidence(`${hb.action} ${hb.messageId} left unanswered; pongs suppressed`);

  const windowMs = pingS ? 2 * pingS * 1000 + 200 : 4 * ctx.waits.silence;
  ctx.step(`For ${windowMs} ms the station keeps its single Heartbeat outstanding and should drop the silent connection`);
  await Promise.race([new Promise<void>((r) => (conn.closed ? r() : conn.onClose(() => r()))), csms.wait(windowMs)]);
  const extra = csms.receivedCalls().filter((c) => c.conn === conn && c.at > hb.at);
  check(
    extra.length === 0,
    oneCall,
    `no further CALL while its ${hb.action} is unanswered`,
    `received ${extra.map((c) => c.action).join(', ')}`,
  );
  if (!conn.closed) ctx.nonStrict(deadPeer, `the station kept the silent connection open for ${windowMs} ms`);
  else ctx.note(`the station dropped the silent connection (code ${conn.closed.code})`);

  ctx.step('The mock CSMS answers again; the station is reachable');
  ws._autoPong = true;
  csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
  for (const a of ANSWERED.filter((x) => x !== 'Heartbeat')) csms.respondTo(a, {});
  await expectReachable(ctx, deadPeer);
  await csms.call('SetVariables', pingInterval('0'), { requirement: deadPeer });
}

/** The CSMS side: the station's session turns into a silent ghost, and the station reconnects. */
async function ghostSession(ctx: CaseContext, [letIn, commands]: readonly string[]): Promise<void> {
  const { station, config } = ctx;
  let ghost: RawStation | undefined;
  try {
    ctx.step('The station connects and boots on a session that will go silent (no pongs, no frames)');
    const opened = await RawStation.open(ctx, 'ghost', { identity: config.stationId, headers: authHeaders(ctx) });
    ghost = present(
      opened.raw,
      letIn,
      'the CSMS accepts the station',
      opened.result.status !== undefined ? `HTTP ${opened.result.status}` : (opened.result.error ?? 'no answer'),
    );
    const boot = await ghost.call('BootNotification', bootPayload(), ctx.waits.message);
    check(boot?.kind === 'result', letIn, 'a BootNotificationResponse on the first session', boot?.text ?? 'no answer');

    ctx.step(`The link dies silently; the station reconnects and must get in within ${config.timeouts.connectMs} ms`);
    const t0 = performance.now();
    const dial = await station.tryConnect();
    if (!dial.ok)
      ctx.evidence(
        'first session: open, answering no pings and sending nothing',
        `second connection as ${config.stationId}: ${dial.error}`,
      );
    check(dial.ok, letIn, 'the reconnecting station is accepted while its old session is a silent ghost', dial.ok ? '' : dial.error);
    ctx.note(`the station got back in after ${Math.round(performance.now() - t0)} ms (the ghost received ${ghost.pings} ping(s))`);
    const conn = dial.conn;
    const again = await callOn(contextOf(ctx, '2.0.1', 'csms'), conn, 'BootNotification', bootPayload(), { requirement: letIn });
    check(
      again.kind === 'result' && again.payload.status === 'Accepted',
      letIn,
      'BootNotification Accepted on the new session',
      JSON.stringify(again),
    );

    ctx.step('Commands go to the new session, not to the ghost');
    await ctx.manual(
      'csmsSend',
      { message: 'TriggerMessage', stationId: config.stationId, requestedMessage: 'Heartbeat' },
      `Make the CSMS send TriggerMessage (Heartbeat) to station ${config.stationId}`,
    );
    const call = await callArrivedOn(ctx, conn, 'TriggerMessage', ctx.waits.message);
    check(
      call !== undefined,
      commands,
      'TriggerMessage arrives on the new session',
      ghost.callsOf('TriggerMessage').length ? 'it was sent to the ghost session' : 'it did not arrive',
    );
    await conn.send(JSON.stringify([3, (call.frame as { messageId: string }).messageId, { status: 'Accepted' }]));

    ctx.step('The ghost session should be closed by the CSMS');
    const g = ghost;
    const gone = await waitUntil(ctx, () => !g.open || g.closeCode !== undefined, ctx.waits.message);
    ctx.note(
      `ghost session: ${gone ? `closed by the CSMS${g.closeCode !== undefined ? ` (code ${g.closeCode})` : ''}` : 'still open'}; pings seen: ${g.pings}`,
    );
    if (!gone)
      ctx.nonStrict(
        letIn,
        `the silent session was still open ${ctx.waits.message} ms after the station reconnected; a CSMS should ping and drop it`,
      );
    conn.close(1000, 'case finished');
  } finally {
    ghost?.destroy();
  }
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      ocpp: '2.0.1',
      block: 'DOS',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-DOS-06',
    },
    (ctx) => (row.sut === 'cs' ? silentCsms(untypedContext(ctx), row.requirements) : ghostSession(untypedContext(ctx), row.requirements)),
  ),
);
