import { defineCase } from '../../../../src/dsl.js';
import { RawStation, authHeaders, bootPayload, callArrivedOn, callOn, waitUntil } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_DOS_06_CSMS',
    title: 'A half-open session that stopped answering pings does not lock the station out',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-06',
    severity: 'high',
    cwe: 'CWE-613',
    requirements: ['OCPPJ20-5.3', 'SEC-DOS-06'],
    purpose:
      'The station\'s session goes silent without closing (it neither answers WebSocket pings nor sends anything, like a link that died without a FIN). When the real station reconnects, the CSMS lets it in within its connect time and sends commands to the new session; the ghost session should be detected and closed.',
    hint: 'Ping every session (WebSocketPingInterval) and drop the ones that stop answering; when a station reconnects while its old session is still registered, check the old one (or replace it) instead of refusing the station, and route commands to the live session only.',
    fault: 'ghost-session-blocks-reconnect',
  },
  async (ctx) => {
    const { station, config } = ctx;
    let ghost: RawStation | undefined;
    try {
      ctx.step('The station connects and boots on a session that will go silent (no pongs, no frames)');
      const opened = await RawStation.open(ctx, 'ghost', { identity: config.stationId, headers: authHeaders(ctx) });
      ghost = opened.raw;
      ctx.check(ghost !== undefined, 'OCPPJ20-5.3', 'the CSMS accepts the station', opened.result.status !== undefined ? `HTTP ${opened.result.status}` : (opened.result.error ?? 'no answer'));
      const boot = await ghost!.call('BootNotification', bootPayload(), config.timeouts.messageMs);
      ctx.check(boot?.kind === 'result', 'OCPPJ20-5.3', 'a BootNotificationResponse on the first session', boot?.text ?? 'no answer');

      ctx.step(`The link dies silently; the station reconnects and must get in within ${config.timeouts.connectMs} ms`);
      const t0 = performance.now();
      const dial = await station.tryConnect();
      if (!dial.ok) ctx.evidence('first session: open, answering no pings and sending nothing', `second connection as ${config.stationId}: ${dial.error}`);
      ctx.check(dial.ok, 'OCPPJ20-5.3', 'the reconnecting station is accepted while its old session is a silent ghost', dial.ok ? '' : dial.error);
      ctx.note(`the station got back in after ${Math.round(performance.now() - t0)} ms (the ghost received ${ghost!.pings} ping(s))`);
      const conn = dial.ok ? dial.conn : undefined;
      const again = await callOn(ctx, conn!, 'BootNotification', bootPayload(), { requirement: 'OCPPJ20-5.3' });
      ctx.check(again.kind === 'result' && again.payload.status === 'Accepted', 'OCPPJ20-5.3', 'BootNotification Accepted on the new session', JSON.stringify(again));

      ctx.step('Commands go to the new session, not to the ghost');
      await ctx.manual('csmsSend', { message: 'TriggerMessage', stationId: config.stationId, requestedMessage: 'Heartbeat' }, `Make the CSMS send TriggerMessage (Heartbeat) to station ${config.stationId}`);
      const call = await callArrivedOn(ctx, conn!, 'TriggerMessage', config.timeouts.messageMs);
      const toGhost = ghost!.callsOf('TriggerMessage').length;
      ctx.check(call !== undefined, 'SEC-DOS-06', 'TriggerMessage arrives on the new session', toGhost ? 'it was sent to the ghost session' : 'it did not arrive');
      await conn!.send(JSON.stringify([3, (call!.frame as { messageId: string }).messageId, { status: 'Accepted' }]));

      ctx.step('The ghost session should be closed by the CSMS');
      const gone = await waitUntil(ctx, () => !ghost!.open || ghost!.closeCode !== undefined, config.timeouts.messageMs);
      ctx.note(`ghost session: ${gone ? `closed by the CSMS${ghost!.closeCode !== undefined ? ` (code ${ghost!.closeCode})` : ''}` : 'still open'}; pings seen: ${ghost!.pings}`);
      if (!gone) ctx.nonStrict('OCPPJ20-5.3', `the silent session was still open ${config.timeouts.messageMs} ms after the station reconnected; a CSMS should ping and drop it`);
      conn!.close(1000, 'case finished');
    } finally {
      ghost?.destroy();
    }
  },
);
