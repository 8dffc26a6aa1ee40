import { defineCase, type OcppConnection } from '../../../../src/dsl.js';

export default defineCase(
  {
    id: 'SEC_RPC_13_CS',
    title: 'Handshake answers with an unoffered subprotocol or none',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-13',
    severity: 'medium',
    cwe: 'CWE-295',
    requirements: ['RFC6455-4.1', 'OCPPJ20-5.3'],
    purpose:
      'A station offers ocpp2.0.1 when it connects. If the 101 answer selects a subprotocol it did not offer, or none at all, the station fails that connection instead of speaking OCPP over it; once the CSMS answers properly again, it reconnects.',
    hint: 'After the upgrade, check Sec-WebSocket-Protocol: it must be present and one of the offered values; otherwise close the connection (1002) and retry later.',
    fault: 'accepts-unoffered-subprotocol',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const within = config.timeouts.connectMs + config.timeouts.messageMs;
    const policies: ReadonlyArray<readonly [string, string | null]> = [
      ['a subprotocol the station did not offer (ocpp1.6)', 'ocpp1.6'],
      ['no subprotocol at all', null],
    ];
    try {
      for (const [what, subprotocol] of policies) {
        ctx.step(`The mock CSMS answers the next upgrades with ${what}, and closes the current connection`);
        csms.setHandshakePolicy({ subprotocol });
        csms.close(1001, 'going away');
        ctx.step('The station fails each such connection: it closes at once and sends no OCPP message over it');
        const conn: OcppConnection = await csms.expectConnection({ within, requirement: 'OCPPJ20-5.3' });
        const closedFast = await Promise.race([
          new Promise<boolean>((r) => (conn.closed ? r(true) : conn.onClose(() => r(true)))),
          csms.wait(config.timeouts.silenceMs).then(() => false),
        ]);
        const traffic = csms.receivedCalls().filter((c) => c.conn === conn);
        if (!closedFast || traffic.length) ctx.evidence(`HTTP 101 with ${subprotocol === null ? 'no Sec-WebSocket-Protocol' : `Sec-WebSocket-Protocol: ${subprotocol}`}`);
        ctx.check(traffic.length === 0, 'RFC6455-4.1', `no OCPP message over a connection answered with ${what}`, `received ${traffic.map((c) => c.action).join(', ')}`);
        ctx.check(closedFast, 'RFC6455-4.1', `the station closes a connection answered with ${what} within ${config.timeouts.silenceMs} ms`, 'the connection stayed open');
      }

      ctx.step('The mock CSMS answers properly again; the station reconnects');
      csms.setHandshakePolicy({});
      // A connection still being made under the old policy may come first; wait for a proper one.
      const deadline = ctx.clock.monotonic() + within;
      let ok = csms.connection?.subprotocol === 'ocpp2.0.1' ? csms.connection : undefined;
      while (!ok) {
        const left = Math.max(1, deadline - ctx.clock.monotonic());
        const c = await csms.expectConnection({ within: left, requirement: 'OCPPJ20-5.3' });
        if (c.subprotocol === 'ocpp2.0.1') ok = c;
      }
      ctx.check(ok.isOpen, 'OCPPJ20-5.3', 'the station stays connected once the handshake is proper', 'the connection closed');
    } finally {
      // Leave the station able to connect, whatever happened above.
      csms.setHandshakePolicy({});
    }
  },
);
