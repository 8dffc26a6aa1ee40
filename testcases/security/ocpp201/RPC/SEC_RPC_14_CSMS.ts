import { defineCase, subprotocolOf } from '../../../../src/dsl.js';
import { authHeaders, freshIdentity } from '../../../../src/kit/index.js';

type Grade = 'must' | 'should';

export default defineCase(
  {
    id: 'SEC_RPC_14_CSMS',
    title: 'Identity edge cases in the connection URL',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-14',
    severity: 'high',
    cwe: 'CWE-22',
    requirements: ['OCPPJ20-3.1.1', 'OCPPJ20-3.2'],
    purpose:
      'Upgrades whose identity is not a valid charging station identity (49 characters, a colon, an encoded slash, an encoded NUL, dot segments, empty, a trailing slash) or is unknown, and a URL with a query string, are answered with a 4xx status and no WebSocket; none of them may produce a server error.',
    hint: 'Take the identity from the last path segment only, percent-decode it once, and check it against the identifierString rules (at most 48 characters, no ":", no "/", no control characters) before any lookup, file or log use. Answer 400 for malformed and 404 for unknown identities.',
    fault: 'identity-path-500',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const base = station.target.replace(/\/+$/, '');
    const known = encodeURIComponent(config.stationId);
    // [what, path after the base, how strictly a 101 is judged]
    const probes: ReadonlyArray<readonly [string, string, Grade]> = [
      ['an identity of 49 characters', `/${'A'.repeat(49)}`, 'must'],
      ['an identity with a colon', `/${known}:x`, 'must'],
      ['an identity with an encoded slash', `/CP%2F${known}`, 'must'],
      ['an identity with an encoded NUL', `/${known}%00`, 'must'],
      ['an empty identity', '/', 'must'],
      ['the dot segment ".."', '/..', 'must'],
      ['an identity of "%2E%2E" (encoded dots)', '/%2E%2E', 'must'],
      ['an unknown identity', `/${freshIdentity(ctx, 'UNKNOWN')}`, 'should'],
      ['the known identity with a trailing slash', `/${known}/`, 'should'],
      ['the known identity with a query string', `/${known}?chargeBoxId=${known}`, 'should'],
    ];
    for (const [what, path, grade] of probes) {
      ctx.step(`Upgrade request with ${what}: a 4xx answer, no WebSocket, no server error`);
      const url = `${base}${path}`;
      const res = await ctx.rawUpgrade({ url, protocols: subprotocolOf(ctx.ocpp), headers: authHeaders(ctx), timeoutMs: config.timeouts.messageMs });
      ctx.note(`${what} (${path}): ${res.status !== undefined ? `HTTP ${res.status} ${res.statusText ?? ''}` : `no HTTP answer (${res.error})`}`);
      const evidence = `GET ${new URL(base).pathname}${path} (Upgrade: websocket)`;
      if (res.status === undefined || res.status >= 500) ctx.evidence(evidence);
      ctx.check(res.status !== undefined, 'OCPPJ20-3.1.1', `an HTTP answer to an upgrade with ${what}`, res.error ?? 'no answer');
      ctx.check(res.status! < 500, 'OCPPJ20-3.1.1', `a 4xx answer (no server error) to an upgrade with ${what}`, `HTTP ${res.status} ${res.statusText ?? ''}`.trim());
      if (res.status === 101) {
        if (grade === 'must') {
          ctx.evidence(evidence);
          ctx.check(false, 'OCPPJ20-3.1.1', `no WebSocket for ${what}`, 'HTTP 101 Switching Protocols');
        }
        ctx.nonStrict('OCPPJ20-3.2', `${what} was upgraded to a WebSocket; a 4xx answer (404 for an unknown station) is expected`);
      } else {
        ctx.check(res.status! >= 400, 'OCPPJ20-3.1.1', `a 4xx answer to an upgrade with ${what}`, `HTTP ${res.status}`);
      }
    }
  },
);
