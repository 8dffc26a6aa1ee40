import { defineCase, CaseFailure } from '../../../../src/dsl.js';
import { identityUrl } from '../../../../src/kit/index.js';

interface Edge {
  label: string;
  /** The raw path segment after the central system's base URL. */
  segment: string;
  /** A 101 is a MUST-level failure (true) or a SHOULD-level note (false). */
  must: boolean;
}

export default defineCase(
  {
    id: 'SEC16_RPC_14_CSMS',
    title: 'Malformed charge point identities in the URL are refused with a 4xx, never upgraded, never a 5xx',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-14',
    severity: 'high',
    cwe: 'CWE-22',
    requirements: ['OCPPJ16-3.1.1', 'OCPPJ16-3.2'],
    purpose:
      'Raw upgrade requests (offering ocpp1.6, with the configured credentials) name identities that cannot be a charge point: empty, dot segments, an encoded slash with traversal, the real identity followed by an encoded NUL or CR LF, invalid percent-encoding, overlong UTF-8, and (SHOULD level) 49 and 1000 characters, a colon, a leading space. Each is answered with an HTTP 4xx; none is upgraded (which could alias the real charge point or a file path) and none makes the central system fail with a 5xx or no answer.',
    hint: 'Decode the last path segment once, strictly (invalid percent-encoding or UTF-8 is a 400), then validate it as an identifierString (1 to 48 printable characters, no "/", ":", control characters or dot segments) before any lookup, logging or storage; answer 400/404 rather than letting an exception become a 500.',
    fault: 'cs-500-on-bad-percent-encoding',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const id = encodeURIComponent(station.identity);
    const auth = station.basicAuthHeader();
    const within = Math.min(config.timeouts.messageMs, 5000);
    const edges: Edge[] = [
      { label: 'an empty identity', segment: '', must: true },
      { label: 'the dot segment ".."', segment: '..', must: true },
      { label: 'an encoded dot segment %2E%2E', segment: '%2E%2E', must: true },
      { label: 'an encoded slash with traversal', segment: `${id}%2F..%2F..%2Fadmin`, must: true },
      { label: 'the identity followed by an encoded NUL', segment: `${id}%00`, must: true },
      { label: 'the identity followed by an encoded CR LF', segment: `${id}%0D%0AX-Injected:%201`, must: true },
      { label: 'invalid percent-encoding', segment: `${id}%ZZ`, must: true },
      { label: 'overlong UTF-8 for ".."', segment: '%C0%AE%C0%AE', must: true },
      { label: 'a 49-character identity', segment: 'A'.repeat(49), must: false },
      { label: 'a 1000-character identity', segment: 'B'.repeat(1000), must: false },
      { label: 'the identity with a colon', segment: `${id}%3Aadmin`, must: false },
      { label: 'the identity with a leading space', segment: `%20${id}`, must: false },
    ];

    ctx.step(`The harness sends ${edges.length} upgrade requests with malformed identities`);
    for (const e of edges) {
      const url = identityUrl(ctx, e.segment);
      const r = await ctx.rawUpgrade({ url, protocols: 'ocpp1.6', headers: auth ? { authorization: auth } : undefined, timeoutMs: within });
      const shown = r.status !== undefined ? `HTTP ${r.status}` : `no HTTP answer (${r.error})`;
      ctx.note(`${e.label}: ${shown}`);
      const evidence = `GET ${url.replace(/^wss?:\/\/[^/]*/, '')} (Sec-WebSocket-Protocol: ocpp1.6)`;
      if (r.status === undefined) {
        if (r.error?.startsWith('no answer')) {
          ctx.evidence(evidence);
          throw new CaseFailure('OCPPJ16-3.2', [`an HTTP 4xx for ${e.label}`], shown);
        }
        ctx.nonStrict('OCPPJ16-3.2', `${e.label}: connection closed without an HTTP answer`);
      } else if (r.status >= 500) {
        ctx.evidence(evidence);
        throw new CaseFailure('OCPPJ16-3.2', [`an HTTP 4xx for ${e.label}`], `${shown}: the identity broke request handling`);
      } else if (r.status === 101) {
        if (e.must) {
          ctx.evidence(evidence);
          throw new CaseFailure('OCPPJ16-3.1.1', [`an HTTP 4xx for ${e.label}`], 'HTTP 101: the malformed identity was upgraded');
        }
        ctx.nonStrict('OCPPJ16-3.1.1', `${e.label}: upgraded (HTTP 101) instead of refused`);
      } else if (r.status < 400) {
        ctx.nonStrict('OCPPJ16-3.2', `${e.label}: HTTP ${r.status} instead of a 4xx`);
      }
    }
  },
);
