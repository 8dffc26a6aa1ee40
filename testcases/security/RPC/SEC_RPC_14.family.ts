import { defineCase, defineCaseFamily, subprotocolOf, CaseFailure } from '../../../src/dsl.js';
import { authHeaders, freshIdentity, identityUrl } from '../../../src/kit/index.js';

/**
 * SEC-RPC-14, charging station identities in the connection URL that cannot be one, for both
 * versions: the union of the former cases' paths. Each is answered with a 4xx and no WebSocket,
 * never a server error. How strictly an upgrade counts differs by version for two of them: 2.0.1
 * defines the identity as an identifierString (at most 48 characters, no ":"), 1.6 does not.
 */

const ROWS = [
  {
    id: 'SEC16_RPC_14_CSMS',
    ocpp: '1.6',
    title: 'Malformed charge point identities in the URL are refused with a 4xx, never upgraded, never a 5xx',
    purpose:
      'Raw upgrade requests (offering ocpp1.6, with the configured credentials) name identities that cannot be a charge point: empty, dot segments, an encoded slash with traversal, the real identity followed by an encoded NUL or CR LF, invalid percent-encoding, overlong UTF-8, and (SHOULD level) 49 and 1000 characters, a colon, a leading space and a trailing slash. Each is answered with an HTTP 4xx; none is upgraded (which could alias the real charge point or a file path) and none makes the central system fail with a 5xx or no answer.',
    hint: 'Decode the last path segment once, strictly (invalid percent-encoding or UTF-8 is a 400), then validate it as an identifierString (1 to 48 printable characters, no "/", ":", control characters or dot segments) before any lookup, logging or storage; answer 400/404 rather than letting an exception become a 500.',
    fault: 'cs-500-on-bad-percent-encoding',
    requirements: ['OCPPJ16-3.1.1', 'OCPPJ16-3.2'],
  },
  {
    id: 'SEC_RPC_14_CSMS',
    ocpp: '2.0.1',
    title: 'Identity edge cases in the connection URL',
    purpose:
      'Upgrades whose identity is not a valid charging station identity (49 characters, a colon, an encoded slash, an encoded NUL or CR LF, invalid percent-encoding, overlong UTF-8, dot segments, empty) or is unknown, and URLs with a trailing slash, a query string, a leading space or 1000 characters, are answered with a 4xx status and no WebSocket; none of them may produce a server error.',
    hint: 'Take the identity from the last path segment only, percent-decode it once, and check it against the identifierString rules (at most 48 characters, no ":", no "/", no control characters) before any lookup, file or log use. Answer 400 for malformed and 404 for unknown identities.',
    fault: 'identity-path-500',
    requirements: ['OCPPJ20-3.1.1', 'OCPPJ20-3.2'],
  },
] as const;

/** How an upgrade (HTTP 101) of the path is judged: a failure (must) or a SHOULD-level note. */
type Grade = 'must' | 'should';

/** [what, raw path after the base URL, grade] for an identity `id` (percent-encoded) of version `v`. */
function paths(v: '1.6' | '2.0.1', id: string, unknown: string): ReadonlyArray<readonly [string, string, Grade]> {
  const identifierString: Grade = v === '1.6' ? 'should' : 'must';
  return [
    ['an empty identity', '', 'must'],
    ['the dot segment ".."', '..', 'must'],
    ['an encoded dot segment %2E%2E', '%2E%2E', 'must'],
    ['an encoded slash before the identity', `CP%2F${id}`, 'must'],
    ['an encoded slash with traversal', `${id}%2F..%2F..%2Fadmin`, 'must'],
    ['the identity followed by an encoded NUL', `${id}%00`, 'must'],
    ['the identity followed by an encoded CR LF', `${id}%0D%0AX-Injected:%201`, 'must'],
    ['invalid percent-encoding', `${id}%ZZ`, 'must'],
    ['overlong UTF-8 for ".."', '%C0%AE%C0%AE', 'must'],
    ['a 49-character identity', 'A'.repeat(49), identifierString],
    ['the identity with a colon', `${id}:x`, identifierString],
    ['the identity with an encoded colon', `${id}%3Aadmin`, identifierString],
    ['a 1000-character identity', 'B'.repeat(1000), 'should'],
    ['the identity with a leading space', `%20${id}`, 'should'],
    ['the known identity with a trailing slash', `${id}/`, 'should'],
    // Kept out of the 1.6 case: the 1.6 reference central system upgrades both (it registers
    // unknown charge points and reads the identity from the path only), a SHOULD-level finding
    // that would leave the 1.6 case unproven on its reference peer.
    ...(v === '1.6'
      ? []
      : ([
          ['an unknown identity', unknown, 'should'],
          ['the known identity with a query string', `${id}?chargeBoxId=${id}`, 'should'],
        ] as const)),
  ];
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      sut: 'csms',
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-14',
      severity: 'high',
      cwe: 'CWE-22',
    },
    async (ctx) => {
      const [identity, handshake] = row.requirements;
      const edges = paths(row.ocpp, encodeURIComponent(ctx.config.stationId), freshIdentity(ctx, 'UNKNOWN'));
      ctx.step(`The harness sends ${edges.length} upgrade requests with identities that cannot be a station`);
      for (const [what, path, grade] of edges) {
        const url = identityUrl(ctx, path);
        const r = await ctx.rawUpgrade({
          url,
          protocols: subprotocolOf(row.ocpp),
          headers: authHeaders(ctx),
          timeoutMs: ctx.waits.message,
        });
        const shown = r.status !== undefined ? `HTTP ${r.status}` : `no HTTP answer (${r.error})`;
        ctx.note(`${what}: ${shown}`);
        const evidence = `GET ${url.replace(/^wss?:\/\/[^/]*/, '')} (Upgrade: websocket)`;
        if (r.status === undefined) {
          if (r.error?.startsWith('no answer')) {
            ctx.evidence(evidence);
            throw new CaseFailure(handshake, [`an HTTP 4xx for ${what}`], shown);
          }
          ctx.nonStrict(handshake, `${what}: connection closed without an HTTP answer`);
        } else if (r.status >= 500) {
          ctx.evidence(evidence);
          throw new CaseFailure(handshake, [`an HTTP 4xx for ${what}`], `${shown}: the identity broke request handling`);
        } else if (r.status === 101) {
          if (grade === 'must') {
            ctx.evidence(evidence);
            throw new CaseFailure(identity, [`an HTTP 4xx for ${what}`], 'HTTP 101: the identity was upgraded');
          }
          ctx.nonStrict(identity, `${what}: upgraded (HTTP 101) instead of refused with a 4xx (404 for an unknown station)`);
        } else if (r.status < 400) {
          ctx.nonStrict(handshake, `${what}: HTTP ${r.status} instead of a 4xx`);
        }
      }
    },
  ),
);
