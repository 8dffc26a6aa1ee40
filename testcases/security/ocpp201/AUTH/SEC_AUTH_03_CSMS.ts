import { defineCase, subprotocolOf } from '../../../../src/dsl.js';
import { stationUrlFor } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_AUTH_03_CSMS',
    title: 'Malformed Basic authorization headers are refused cleanly',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'AUTH',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-AUTH-03',
    severity: 'medium',
    cwe: 'CWE-20',
    securityProfiles: [1, 2],
    requirements: ['SEC-AUTH-03', 'A00.FR.202', 'A00.FR.302'],
    purpose:
      'Authorization headers that are not valid Basic credentials (not Base64, no ":" separator, an unknown scheme, an empty value, an oversized value, bytes outside ASCII, two headers) are refused with 400 or 401, never with a 5xx and never with a WebSocket; the CSMS keeps serving the real station afterwards.',
    hint: 'Parse the Authorization header defensively: decode errors, a missing ":" or an odd scheme are authentication failures (401), not server errors.',
    fault: 'malformed-basic-header-500',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const id = config.stationId;
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
    const password = config.security.basicAuthPassword ?? '';
    const headers: [string, string][] = [
      ['a value that is not Base64', 'Basic !!!not*base64!!!'],
      ['credentials without ":"', `Basic ${b64(id)}`],
      ['only the user name and ":"', `Basic ${b64(`${id}:`)}`],
      ['the Bearer scheme', `Bearer ${b64(`${id}:${password}`)}`],
      ['an empty Basic value', 'Basic '],
      ['a 10 KiB value', `Basic ${'A'.repeat(10 * 1024)}`],
      ['non-ASCII credentials', `Basic ${b64(`${id}:pässwörd-ü-€-0123456789`)}`],
      [
        'two Authorization headers (a wrong one first)',
        `Basic ${b64(`${id}:wrong-password-000000`)}\r\nAuthorization: Basic ${b64(`${id}:another-wrong-password`)}`,
      ],
    ];
    for (const [what, value] of headers) {
      ctx.step(`An upgrade for ${id} with ${what}: 400 or 401`);
      const r = await ctx.rawUpgrade({
        url: stationUrlFor(ctx, id),
        protocols: subprotocolOf(ctx.ocpp),
        headers: { Authorization: value },
        timeoutMs: config.timeouts.connectMs,
        ...(station.secure ? { tls: station.tlsOptions({}) } : {}),
      });
      ctx.note(`${what}: ${r.status !== undefined ? `HTTP ${r.status}` : r.error}`);
      if (r.status === undefined || r.status >= 500 || r.status === 101) ctx.evidence(`GET …/${id} with Authorization: ${what}`);
      ctx.check(r.status !== 101, 'A00.FR.202', `the upgrade with ${what} is refused`, 'HTTP 101: the connection was accepted');
      ctx.check(
        r.status !== undefined && r.status < 500,
        'SEC-AUTH-03',
        `a 4xx answer to ${what}`,
        r.status !== undefined ? `HTTP ${r.status}` : String(r.error),
      );
      if (r.status !== 400 && r.status !== 401) ctx.nonStrict('SEC-AUTH-03', `${what}: HTTP ${r.status}; 400 or 401 is expected`);
    }

    ctx.step('The real station still connects');
    const ok = await station.tryConnect();
    ctx.check(ok.ok, 'SEC-AUTH-03', 'the station with valid credentials is accepted', ok.ok ? '' : ok.error);
  },
);
