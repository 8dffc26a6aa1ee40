import { check, defineCase, defineCaseFamily, present, subprotocolOf } from '../../../src/dsl.js';
import { authHeaders, callArrivedOn, closedText, fenceCall, identityUrl, waitUntil } from '../../../src/kit/index.js';

/**
 * SEC-ID-01, an attacker who knows a connected station's identity but not a valid handshake, for
 * both versions: the union of the former attempts (no subprotocol, only the other version's, no
 * credentials, a wrong password), each a raw upgrade next to the live session. None may yield a
 * session, none may displace or disturb the live one, and the CSMS keeps sending its commands
 * there. Without Basic auth (profile 0 or 3) the credential attempts are plain duplicates of the
 * identity: in 2.0.1 knowing it must still not be enough to displace the live session.
 */

const ROWS = [
  {
    id: 'SEC16_ID_01_CSMS',
    ocpp: '1.6',
    title: "An attacker reusing a connected charge point's identity without a valid handshake is refused and does not disturb it",
    purpose:
      'While the booted harness charge point is connected, an attacker sends upgrade requests for the same identity that must not yield a session: no subprotocol offered, only ocpp2.0.1 offered, and (with Basic auth configured) no credentials and a wrong password. Each is refused (4xx, or 101 without a subprotocol for the subprotocol attempts). The real session is untouched: still open, served, and the target of operator commands.',
    hint: 'Run every handshake check (credentials, subprotocol) before touching the session registry; only a connection that passed all of them may replace or be refused against an existing session. A failed attempt must leave the live charge point connected.',
    fault: 'cs-displaced-by-refused-handshake',
    requirements: ['OCPPJ16-3.1.1', 'OCPPJ16-3.2'],
    command: { message: 'GetConfiguration', key: ['HeartbeatInterval'] },
  },
  {
    id: 'SEC_ID_01_CSMS',
    ocpp: '2.0.1',
    title: 'An attacker with the station identity but no or wrong credentials cannot take over its session',
    purpose:
      "While the real station is connected, connections that present its identity without credentials or with a wrong password, or that offer no subprotocol or only ocpp1.6, are refused, and the live session is untouched: it stays open, is answered, and keeps receiving the CSMS's commands. At security profile 0 (no credentials configured) knowing the identity must still not be enough to displace a live session.",
    hint: 'Authenticate before upgrading (HTTP Basic on profile 1/2, the client certificate on 3) and never let a new connection close or shadow an established, responsive session of the same identity; at the least, check the old session with a ping before giving its identity away.',
    fault: 'duplicate-identity-takeover',
    requirements: ['SEC-ID-01', 'A00.FR.202'],
    cve: 'CVE-2026-20781',
    command: { message: 'TriggerMessage', requestedMessage: 'Heartbeat' },
  },
] as const;

export default defineCaseFamily(ROWS, ({ command, ...row }) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      sut: 'csms',
      block: 'ID',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-ID-01',
      severity: 'critical',
      cwe: 'CWE-287',
    },
    async (ctx) => {
      const { station, config } = ctx;
      const [session, hijack] = row.requirements;
      const own = subprotocolOf(row.ocpp);
      const other = subprotocolOf(row.ocpp === '1.6' ? '2.0.1' : '1.6');
      await ctx.given('Booted');
      const live = present(station.connection, session, 'the live session of the station', 'none');
      const url = identityUrl(ctx, encodeURIComponent(station.identity));
      const valid = authHeaders(ctx);
      const secured = Object.keys(valid).length > 0;
      const wrong = station.basicAuthHeader(station.identity, 'not-the-station-password-0000');
      const attempts: ReadonlyArray<readonly [string, string | null, Record<string, string>, boolean]> = [
        ['no subprotocol offered', null, valid, false],
        [`only ${other} offered`, other, valid, false],
        // Without Basic auth a credential attempt is a plain duplicate of the identity. The 1.6
        // case leaves those to SEC-DOS-08, which lets a duplicate replace the old session (the
        // 1.6 reference central system does so); 2.0.1 asks that it never displace a live one.
        ...(secured || row.ocpp === '2.0.1'
          ? ([
              ['no credentials', own, {}, true],
              ['a wrong password', own, wrong ? { Authorization: wrong } : {}, true],
            ] as const)
          : []),
      ];
      if (!secured) ctx.note('no Basic auth configured: the credential attempts are duplicates of the identity');
      for (const [what, protocols, headers, credentials] of attempts) {
        ctx.step(`An attacker sends an upgrade for ${config.stationId} with ${what}; it yields no session`);
        const r = await ctx.rawUpgrade({ url, protocols, headers, timeoutMs: ctx.waits.message, keepOpen: true });
        const selected = r.headers['sec-websocket-protocol'];
        const shown =
          r.status !== undefined ? `HTTP ${r.status}${selected ? ` with subprotocol ${selected}` : ''}` : `no HTTP answer (${r.error})`;
        ctx.note(`attacker with ${what}: ${shown}`);
        const line = `GET ${url.replace(/^wss?:\/\/[^/]*/, '')} (Upgrade: websocket) with ${what}`;
        try {
          if (r.status === 101 && (selected || (credentials && secured))) ctx.evidence(line);
          check(
            r.status !== 101 || !(credentials && secured),
            hijack,
            `the upgrade with ${what} is refused (HTTP 401)`,
            `${shown}: the attacker got a session`,
          );
          check(
            r.status !== 101 || credentials || !selected,
            session,
            `no OCPP session for an upgrade with ${what}`,
            `${shown}: the attacker got a session`,
          );
          if (r.status === 101 && credentials) {
            // A duplicate where no Basic auth tells the attacker apart: it must not displace the live session.
            const socket = r.socket;
            const settled = await waitUntil(ctx, () => socket?.destroyed === true || live.closed !== undefined, ctx.waits.message);
            if (live.closed || !settled) ctx.evidence(line);
            check(
              !live.closed,
              session,
              'the live session of the station stays open',
              `the attacker's connection displaced it (${closedText(live)})`,
            );
            check(
              settled,
              session,
              "the attacker's connection is refused or closed",
              `it stayed open next to the live session for ${ctx.waits.message} ms`,
            );
            ctx.nonStrict(
              session,
              `the attacker's upgrade with ${what} was accepted and closed afterwards; refusing it at the handshake is safer`,
            );
          }
        } finally {
          r.socket?.destroy();
        }
        ctx.step(`After the attempt with ${what} the live session is untouched and served`);
        await station.wait(50);
        if (!live.isOpen) ctx.evidence(line);
        check(live.isOpen, session, 'the live session of the station stays open', closedText(live));
        await fenceCall(ctx, station, live, 'Heartbeat', {}, session);
      }

      ctx.step('The CSMS still sends its commands to the live session');
      await ctx.manual(
        'csmsSend',
        { ...command, stationId: config.stationId },
        `Make the CSMS send ${command.message} to station ${config.stationId}`,
      );
      const call = await callArrivedOn(ctx, live, command.message, ctx.waits.message);
      check(call !== undefined, session, `${command.message} arrives on the live session`, 'it did not arrive there');
      const messageId = (call.frame as { messageId: string }).messageId;
      await live.send(
        JSON.stringify([
          3,
          messageId,
          command.message === 'GetConfiguration'
            ? { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: String(config.timeouts.heartbeatIntervalS) }] }
            : { status: 'Accepted' },
        ]),
      );
    },
  ),
);
