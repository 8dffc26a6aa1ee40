import { check, defineCase, defineCaseFamily, subprotocolOf, type OcppConnection } from '../../../src/dsl.js';

/**
 * SEC-RPC-13, handshake answers that select a subprotocol the station did not offer (the other
 * version's) or none, for both versions. The station fails each such connection at once and
 * speaks no OCPP over it; once the handshake is proper again it reconnects with its own
 * subprotocol (a 1.6 charge point then boots again, a 2.0.1 station need not).
 */

const ROWS = [
  {
    id: 'SEC16_RPC_13_CS',
    ocpp: '1.6',
    title: 'A 101 answer with a subprotocol the charge point did not offer, or with none, makes it fail the connection',
    purpose:
      "The mock central system completes the charge point's next WebSocket handshakes with a subprotocol it did not offer (ocpp2.0.1), then with no subprotocol at all. In both cases no OCPP 1.6 session has been agreed: the charge point fails the connection at once and sends nothing on it. Once the listener answers normally again, the charge point reconnects with ocpp1.6 and boots.",
    hint: 'After the 101 answer, check Sec-WebSocket-Protocol: it must be present and be one of the subprotocols you offered (ocpp1.6). Otherwise close the connection without sending any OCPP message and retry later; never fall back to speaking OCPP on an unnegotiated connection.',
    fault: 'cp-accepts-missing-subprotocol',
    requirements: ['RFC6455-4.1', 'OCPPJ16-3.1.2'],
    cwe: 'CWE-20',
    // 1.6 states that the subprotocol must be agreed (3.1.2); 2.0.1 leaves it to RFC 6455.
    missing: 'OCPPJ16-3.1.2',
  },
  {
    id: 'SEC_RPC_13_CS',
    ocpp: '2.0.1',
    title: 'Handshake answers with an unoffered subprotocol or none',
    purpose:
      'A station offers ocpp2.0.1 when it connects. If the 101 answer selects a subprotocol it did not offer (ocpp1.6), or none at all, the station fails that connection at once instead of speaking OCPP over it; once the CSMS answers properly again, it reconnects.',
    hint: 'After the upgrade, check Sec-WebSocket-Protocol: it must be present and one of the offered values; otherwise close the connection (1002) and retry later.',
    fault: 'accepts-unoffered-subprotocol',
    requirements: ['RFC6455-4.1', 'OCPPJ20-5.3'],
    cwe: 'CWE-295',
    missing: 'RFC6455-4.1',
  },
] as const;

export default defineCaseFamily(ROWS, ({ missing, ...row }) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      sut: 'cs',
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-13',
      severity: 'medium',
    },
    async (ctx) => {
      const { csms } = ctx;
      const [unoffered, reconnect] = row.requirements;
      const own = subprotocolOf(row.ocpp);
      const other = subprotocolOf(row.ocpp === '1.6' ? '2.0.1' : '1.6');
      await ctx.given('Booted');
      const policies: ReadonlyArray<readonly [string, string | null, string]> = [
        [`a subprotocol the station did not offer (${other})`, other, unoffered],
        ['no subprotocol at all', null, missing],
      ];
      try {
        for (const [what, subprotocol, requirement] of policies) {
          ctx.step(`The mock CSMS answers the next upgrades with ${what}, and closes the current connection`);
          csms.setHandshakePolicy({ subprotocol });
          csms.close(1001, 'the harness changes its handshake answer');
          ctx.step('The station fails that connection: it closes at once and sends no OCPP message over it');
          const conn: OcppConnection = await csms.expectConnection({ within: ctx.waits.reconnect, requirement: reconnect });
          if (conn.subprotocol !== (subprotocol ?? ''))
            throw new Error(`harness: the listener selected ${conn.subprotocol || 'none'} instead of ${subprotocol ?? 'none'}`);
          const closedFast = await Promise.race([
            new Promise<boolean>((r) => (conn.closed ? r(true) : conn.onClose(() => r(true)))),
            csms.wait(ctx.waits.silence).then(() => false),
          ]);
          const traffic = csms.receivedCalls().filter((c) => c.conn === conn);
          if (!closedFast || traffic.length)
            ctx.evidence(
              `HTTP 101 with ${subprotocol === null ? 'no Sec-WebSocket-Protocol' : `Sec-WebSocket-Protocol: ${subprotocol}`} (the station offered ${own})`,
            );
          check(
            traffic.length === 0,
            requirement,
            `no OCPP message over a connection answered with ${what}`,
            `received ${traffic.map((c) => c.action).join(', ')}`,
          );
          check(
            closedFast,
            requirement,
            `the station closes a connection answered with ${what} within ${ctx.waits.silence} ms`,
            'the connection stayed open',
          );
        }

        ctx.step(`The mock CSMS answers properly again; the station reconnects with ${own}`);
        csms.setHandshakePolicy({});
        if (row.ocpp === '1.6')
          // A reconnect is not a reboot: a 1.6 charge point boots again only after a (re)boot (OCPP 1.6
          // §4.2), so a BootNotification on the new connection is answered if it comes, not awaited.
          csms.respondTo('BootNotification', () => ({
            status: 'Accepted',
            currentTime: ctx.nowIso(),
            interval: ctx.config.timeouts.heartbeatIntervalS,
          }));
        // A connection still being made under the old policy may come first; wait for a proper one.
        const deadline = ctx.clock.monotonic() + ctx.waits.reconnect;
        let ok = csms.connection?.subprotocol === own ? csms.connection : undefined;
        while (!ok) {
          const c = await csms.expectConnection({ within: Math.max(1, deadline - ctx.clock.monotonic()), requirement: reconnect });
          if (c.subprotocol === own) ok = c;
        }
        if (row.ocpp === '1.6') await csms.wait(ctx.waits.silence);
        check(ok.isOpen, reconnect, 'the station stays connected once the handshake is proper', 'the connection closed');
      } finally {
        // Leave the station able to connect, whatever happened above.
        csms.setHandshakePolicy({});
      }
    },
  ),
);
