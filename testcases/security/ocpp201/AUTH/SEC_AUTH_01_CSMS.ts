import { defineCase, subprotocolOf } from '../../../../src/dsl.js';
import { stationUrlFor } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_AUTH_01_CSMS',
    title: 'An upgrade without an Authorization header is refused with 401',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'AUTH',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-AUTH-01',
    severity: 'critical',
    cwe: 'CWE-306',
    securityProfiles: [1, 2],
    requirements: ['A00.FR.202', 'A00.FR.302'],
    purpose:
      'On security profile 1 or 2 an upgrade request for the known station that carries no Authorization header gets HTTP 401 (with a WWW-Authenticate Basic challenge) and no WebSocket; knowing a station identity alone must not be enough.',
    hint: 'Check the HTTP Basic credentials before completing the WebSocket upgrade and answer 401 with WWW-Authenticate: Basic when they are missing.',
    fault: 'missing-credentials-accepted',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const requirement = ctx.securityProfile === 1 ? 'A00.FR.202' : 'A00.FR.302';

    ctx.step(`An upgrade for ${config.stationId} without an Authorization header: HTTP 401`);
    const r = await ctx.rawUpgrade({
      url: stationUrlFor(ctx, config.stationId),
      protocols: subprotocolOf(ctx.ocpp),
      timeoutMs: config.timeouts.connectMs,
      ...(station.secure ? { tls: station.tlsOptions({}) } : {}),
    });
    if (r.status === 101) ctx.evidence(`GET …/${config.stationId} (Upgrade: websocket) without Authorization`);
    ctx.check(r.status !== 101, requirement, 'the upgrade without credentials is refused', 'HTTP 101: the connection was accepted');
    ctx.check(r.status === 401, requirement, 'HTTP 401 Unauthorized', r.status !== undefined ? `HTTP ${r.status}` : String(r.error));
    if (!/^\s*basic\b/i.test(r.headers['www-authenticate'] ?? ''))
      ctx.nonStrict(requirement, `the 401 carries no WWW-Authenticate: Basic challenge (${r.headers['www-authenticate'] ?? 'none'})`);

    ctx.step('With its credentials the station connects');
    const ok = await station.tryConnect();
    ctx.check(ok.ok, requirement, 'the upgrade with valid credentials is accepted', ok.ok ? '' : ok.error);
  },
);
