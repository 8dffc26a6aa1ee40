import { defineCase, CaseFailure } from '../../../../src/dsl.js';
import { closedText, fenceCall, identityUrl } from '../../../../src/kit/index.js';

interface Attempt {
  label: string;
  protocols: string | null;
  authorization?: string;
  /** A 101 naming a subprotocol is an accepted hijack; for credential attempts any 101 is. */
  credentials: boolean;
}

export default defineCase(
  {
    id: 'SEC16_ID_01_CSMS',
    title: 'An attacker reusing a connected charge point\'s identity without a valid handshake is refused and does not disturb it',
    ocpp: '1.6',
    sut: 'csms',
    block: 'ID',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-ID-01',
    severity: 'critical',
    cwe: 'CWE-287',
    requirements: ['OCPPJ16-3.1.1', 'OCPPJ16-3.2'],
    purpose:
      'While the booted harness charge point is connected, an attacker sends upgrade requests for the same identity that must not yield a session: no subprotocol offered, only ocpp2.0.1 offered, and (with Basic auth configured) no credentials and a wrong password. Each is refused (4xx, or 101 without a subprotocol for the subprotocol attempts). The real session is untouched: still open, served, and the target of operator commands.',
    hint: 'Run every handshake check (credentials, subprotocol) before touching the session registry; only a connection that passed all of them may replace or be refused against an existing session. A failed attempt must leave the live charge point connected.',
    fault: 'cs-displaced-by-refused-handshake',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const live = station.connection!;
    const url = identityUrl(ctx, encodeURIComponent(station.identity));
    const auth = station.basicAuthHeader();
    const attempts: Attempt[] = [
      { label: 'no subprotocol offered', protocols: null, authorization: auth, credentials: false },
      { label: 'only ocpp2.0.1 offered', protocols: 'ocpp2.0.1', authorization: auth, credentials: false },
    ];
    if (auth) {
      attempts.push({ label: 'no Basic credentials', protocols: 'ocpp1.6', credentials: true });
      attempts.push({ label: 'a wrong Basic password', protocols: 'ocpp1.6', authorization: station.basicAuthHeader(station.identity, 'wrong-password-0123456789'), credentials: true });
    } else {
      ctx.note('security profile 0: no credentials to get wrong; only the subprotocol attempts apply');
    }

    ctx.step(`An attacker sends ${attempts.length} upgrade requests for the connected identity`);
    const within = Math.min(config.timeouts.messageMs, 5000);
    const tried: string[] = [];
    for (const a of attempts) {
      const r = await ctx.rawUpgrade({ url, protocols: a.protocols, headers: a.authorization ? { authorization: a.authorization } : undefined, timeoutMs: within });
      const selected = r.headers['sec-websocket-protocol'];
      const shown = r.status !== undefined ? `HTTP ${r.status}${selected ? ` with subprotocol ${selected}` : ''}` : `no HTTP answer (${r.error})`;
      ctx.note(`${a.label}: ${shown}`);
      const line = `GET ${url.replace(/^wss?:\/\/[^/]*/, '')} (${a.label})`;
      tried.push(line);
      if (r.status === 101 && (a.credentials || selected)) {
        ctx.evidence(line);
        throw new CaseFailure('OCPPJ16-3.2', [`the attempt with ${a.label} is refused`], `${shown}: the attacker got a session`);
      }
    }

    ctx.step('The real session is untouched: still open and served');
    await station.wait(50);
    if (!live.isOpen) {
      ctx.evidence(...tried);
      throw new CaseFailure('OCPPJ16-3.1.1', ['the connected charge point keeps its session through refused attempts'], closedText(live));
    }
    await fenceCall(ctx, station, live, 'Heartbeat', {}, 'OCPPJ16-3.1.1');

    ctx.step('An operator command still reaches the real charge point\'s socket');
    await ctx.manual('csmsSend', { message: 'GetConfiguration', stationId: config.stationId, key: ['HeartbeatInterval'] }, 'Make the central system send GetConfiguration for HeartbeatInterval to the charge point.');
    const get = await station.expectCall('GetConfiguration', { requirement: 'OCPPJ16-3.1.1' });
    ctx.check(get.conn === live, 'OCPPJ16-3.1.1', `GetConfiguration on the real connection ${live.label}`, `on ${get.conn.label}`);
    await station.reply(get, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: String(config.timeouts.heartbeatIntervalS) }] });
  },
);
