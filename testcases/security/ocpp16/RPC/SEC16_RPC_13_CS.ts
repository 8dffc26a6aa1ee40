import { defineCase, CaseFailure } from '../../../../src/dsl.js';
import { waitClosed } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_13_CS',
    title: 'A 101 answer with a subprotocol the charge point did not offer, or with none, makes it fail the connection',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-13',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['RFC6455-4.1', 'OCPPJ16-3.1.2'],
    purpose:
      'The mock central system completes the charge point\'s next WebSocket handshakes with a subprotocol it did not offer (ocpp2.0.1), then with no subprotocol at all. In both cases no OCPP 1.6 session has been agreed: the charge point fails the connection and sends nothing on it. Once the listener answers normally again, the charge point reconnects with ocpp1.6 and boots.',
    hint: 'After the 101 answer, check Sec-WebSocket-Protocol: it must be present and be one of the subprotocols you offered (ocpp1.6). Otherwise close the connection without sending any OCPP message and retry later; never fall back to speaking OCPP on an unnegotiated connection.',
    fault: 'cp-accepts-missing-subprotocol',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const t = config.timeouts;
    await ctx.given('Booted');
    const since = ctx.clock.monotonic();

    const badHandshake = async (subprotocol: string | null, requirement: string) => {
      const shown = subprotocol ?? 'none';
      csms.setHandshakePolicy({ subprotocol });
      csms.connection?.close(1000, 'the harness changes its handshake answer');
      const bad = await csms.expectConnection({ within: t.connectMs + t.messageMs, requirement });
      if (bad.subprotocol !== (subprotocol ?? '')) throw new Error(`harness: the listener selected ${bad.subprotocol || 'none'} instead of ${shown}`);
      ctx.note(`the charge point reconnected and the listener answered 101 with subprotocol ${shown}`);
      const closed = await waitClosed(bad, t.messageMs);
      // A charge point that falls back to a laxer handshake would do so right away.
      await csms.wait(t.silenceMs);
      const spoken = csms.receivedCalls().filter((c) => c.at >= since && c.conn.subprotocol !== 'ocpp1.6');
      if (spoken.length) {
        ctx.evidence(`HTTP/1.1 101 Switching Protocols${subprotocol ? `, Sec-WebSocket-Protocol: ${subprotocol}` : ' without Sec-WebSocket-Protocol'} (the charge point offered ocpp1.6)`);
        throw new CaseFailure(requirement, [`no OCPP message on a connection whose subprotocol is ${shown}`], spoken.map((c) => `CALL ${c.action} on ${c.conn.label} (subprotocol ${c.conn.subprotocol || 'none'})`).join(', '));
      }
      const open = csms.connection;
      if (!closed || (open && open.subprotocol !== 'ocpp1.6')) {
        ctx.evidence(`HTTP/1.1 101 Switching Protocols${subprotocol ? `, Sec-WebSocket-Protocol: ${subprotocol}` : ' without Sec-WebSocket-Protocol'} (the charge point offered ocpp1.6)`);
        throw new CaseFailure(requirement, [`the charge point fails the connection answered with subprotocol ${shown}`], `${(open ?? bad).label} still open ${t.messageMs} ms after the handshake`);
      }
    };

    ctx.step('The listener answers the next handshake with ocpp2.0.1, which was not offered: the charge point fails that connection');
    await badHandshake('ocpp2.0.1', 'RFC6455-4.1');

    ctx.step('The listener answers the next handshake with no subprotocol: the charge point fails that connection too');
    await badHandshake(null, 'OCPPJ16-3.1.2');

    ctx.step('The listener answers normally again: the charge point reconnects with ocpp1.6 and boots');
    csms.setHandshakePolicy({});
    const boot = await csms.expectCall('BootNotification', { within: t.connectMs + t.messageMs, requirement: 'OCPPJ16-3.1.2' });
    ctx.check(boot.conn.subprotocol === 'ocpp1.6', 'OCPPJ16-3.1.2', 'BootNotification on a connection with subprotocol ocpp1.6', boot.conn.subprotocol || 'none');
    await csms.reply(boot, { status: 'Accepted', currentTime: ctx.nowIso(), interval: t.heartbeatIntervalS });
  },
);
