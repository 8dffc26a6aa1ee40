import { defineCase } from '../../../../src/dsl.js';
import { expectReachable } from '../../../../src/kit/index.js';

const ANSWERED = ['Heartbeat', 'StatusNotification', 'NotifyEvent', 'SecurityEventNotification', 'MeterValues', 'LogStatusNotification', 'FirmwareStatusNotification'];

export default defineCase(
  {
    id: 'SEC_DOS_06_CS',
    title: 'The CSMS goes silent: no answers, no pongs',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-06',
    severity: 'medium',
    cwe: 'CWE-400',
    requirements: ['OCPPJ20-4.1.1', 'OCPPJ20-5.2'],
    purpose:
      'When the CSMS stops answering calls and WebSocket pings, the station keeps at most one call outstanding (it does not pile up retries), and it should notice the dead peer through its ping interval, drop the connection and reconnect.',
    hint: 'Keep one CALL in flight and retry only after the message timeout; use WebSocketPingInterval pings and close the socket when no pong arrives, then reconnect with back-off.',
    fault: 'unanswered-call-flood',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness sets a WebSocket ping interval of 1 s');
    const set = await csms.call('SetVariables', { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'WebSocketPingInterval' }, attributeValue: '1' }] }, { requirement: 'OCPPJ20-5.2' });
    const pingS = set.setVariableResult?.[0]?.attributeStatus === 'Accepted' ? 1 : undefined;
    if (!pingS) ctx.note(`WebSocketPingInterval not set (${JSON.stringify(set.setVariableResult?.[0]?.attributeStatus)}); dead-peer detection is judged with the station's own settings`);

    ctx.step('The mock CSMS goes silent: it answers nothing and stops answering pings; the station sends a triggered Heartbeat');
    const conn = csms.connection!;
    for (const a of ANSWERED) csms.stopResponding(a);
    (conn.ws as unknown as { _autoPong: boolean })._autoPong = false;
    const trig = await csms.call('TriggerMessage', { requestedMessage: 'Heartbeat' }, { requirement: 'OCPPJ20-4.1.1' });
    ctx.expectOneOf(trig.status, ['Accepted'], 'OCPPJ20-4.1.1', 'TriggerMessage Heartbeat status');
    const hb = await csms.expectCall('Heartbeat', { requirement: 'OCPPJ20-4.1.1' });
    ctx.evidence(`Heartbeat ${hb.messageId} left unanswered; pongs suppressed`);

    const windowMs = pingS ? 2 * pingS * 1000 + 200 : 4 * config.timeouts.silenceMs;
    ctx.step(`For ${windowMs} ms the station keeps its single Heartbeat outstanding and should drop the silent connection`);
    await Promise.race([new Promise<void>((r) => (conn.closed ? r() : conn.onClose(() => r()))), csms.wait(windowMs)]);
    const extra = csms.receivedCalls().filter((c) => c.conn === conn && c.at > hb.at);
    ctx.check(extra.length === 0, 'OCPPJ20-4.1.1', 'no further CALL while the Heartbeat is unanswered', `received ${extra.map((c) => c.action).join(', ')}`);
    if (!conn.closed) ctx.nonStrict('OCPPJ20-5.2', `the station kept the silent connection open for ${windowMs} ms`);
    else ctx.note(`the station dropped the silent connection (code ${conn.closed.code})`);

    ctx.step('The mock CSMS answers again; the station is reachable');
    (conn.ws as unknown as { _autoPong: boolean })._autoPong = true;
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    for (const a of ANSWERED.filter((x) => x !== 'Heartbeat')) csms.respondTo(a, {});
    await expectReachable(ctx, 'OCPPJ20-5.2');
    await csms.call('SetVariables', { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'WebSocketPingInterval' }, attributeValue: '0' }] }, { requirement: 'OCPPJ20-5.2' });
  },
);
