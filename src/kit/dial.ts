import type { AnyCaseContext } from './contexts.js';
import type { StationConnectOptions, StationTlsOverride } from '../roles/roles.js';
import type { ConnectionOptions } from 'node:tls';
import type { DialResult } from '../transport/client.js';
import { CaseInconclusive } from '../core/verdict.js';
import { waitUntil } from './observe.js';

/**
 * How the harness station dials a CSMS: the URL of an identity, ws:// or wss:// targets, TLS and
 * Basic-auth options for any security profile (whatever the run is configured for), and how a
 * refused dial reads in a failure.
 */

/** The URL a station with this identity connects to (identity percent-encoded unless raw). */
export function stationUrlFor(ctx: AnyCaseContext, identity: string, raw = false): string {
  return `${ctx.station.target.replace(/\/+$/, '')}/${raw ? identity : encodeURIComponent(identity)}`;
}

/** The URL the harness charge point dials for an identity (raw: the path segment is used as given). */
export function identityUrl(ctx: AnyCaseContext, rawSegment: string): string {
  return stationUrlFor(ctx, rawSegment, true);
}

/** The configured central system URL with ws:// (false) or wss:// (true). */
export function targetWith(ctx: AnyCaseContext, secure: boolean): string {
  const t = ctx.station.target;
  return secure ? t.replace(/^ws:\/\//i, 'wss://') : t.replace(/^wss:\/\//i, 'ws://');
}

/** The CSMS URL with wss:// (profile 2/3 dials from a profile 0/1 configuration). */
export function wssTarget(ctx: AnyCaseContext): string {
  return targetWith(ctx, true);
}

/** The CSMS URL with ws:// (a plain dial to a profile 2/3 CSMS). */
export function wsTarget(ctx: AnyCaseContext): string {
  return targetWith(ctx, false);
}

/**
 * TLS options for a wss:// dial to the CSMS that trust the CSMS root of the run's PKI (also at
 * profiles 0/1, where the configured link has no TLS), with overrides.
 */
export function secureDial(ctx: AnyCaseContext, o: StationTlsOverride = {}): ConnectionOptions {
  return ctx.station.tlsOptions({ trust: [ctx.pki.csmsRoot], ...o });
}

/**
 * Options for station.tryConnect() that connect with security profile `profile` whatever the run
 * is configured for: ws:// or wss://, Basic auth (1/2, `password` or the configured one) or a
 * client certificate (3, `clientCert` or the PKI's station certificate). The CSMS root of the test
 * PKI is trusted for wss://.
 */
export function connectOptionsAt(
  ctx: AnyCaseContext,
  profile: 0 | 1 | 2 | 3,
  o: { password?: string; clientCert?: { chainPem: string; keyPem: string } } = {},
): StationConnectOptions {
  const { station } = ctx;
  if (profile <= 1)
    return {
      target: targetWith(ctx, false),
      password: profile === 1 ? (o.password ?? ctx.config.security.basicAuthPassword ?? null) : null,
      tls: undefined,
    };
  const trust = [ctx.pki.csmsRoot];
  if (profile === 2)
    return {
      target: targetWith(ctx, true),
      password: o.password ?? ctx.config.security.basicAuthPassword ?? null,
      tls: station.tlsOptions({ clientCert: null, trust }),
    };
  return {
    target: targetWith(ctx, true),
    password: null,
    tls: station.tlsOptions({ clientCert: o.clientCert ?? ctx.pki.artifact('station'), trust }),
  };
}

/** How a refused connection attempt reads in a check's "actual". */
export function dialOutcome(r: { ok: boolean; status?: number; error?: string }): string {
  return r.ok
    ? 'the connection was accepted (WebSocket open)'
    : r.status !== undefined
      ? `refused with HTTP ${r.status}`
      : `failed: ${r.error}`;
}

/**
 * Judges a dial the CSMS must refuse. Every form of refusal counts: an HTTP status (401, 403 ...),
 * a TLS alert or a reset, or a 101 after which the CSMS closes before anything is sent (watched
 * for the silence window). A refusal only counts when a correct dial right beside it (`control`,
 * default the configured one) is accepted: a CSMS that refuses that too proves nothing, so the
 * case is inconclusive. An accepted dial is closed here; `outcome` is the check's "actual".
 */
export async function judgeRefusal(
  ctx: AnyCaseContext,
  dial: DialResult,
  control: StationConnectOptions = {},
): Promise<{ refused: boolean; outcome: string }> {
  let outcome = dialOutcome(dial);
  if (dial.ok) {
    const conn = dial.conn;
    await waitUntil(ctx, () => conn.closed !== undefined, ctx.config.timeouts.silenceMs);
    if (!conn.closed || conn.closed.by === 'harness') {
      conn.close(1000, 'test done');
      return { refused: false, outcome: 'HTTP 101: the connection was accepted and stayed open' };
    }
    outcome = `accepted (101), then closed by the CSMS before any message (code ${conn.closed.code})`;
    ctx.note(`refusal by close: ${outcome}`);
  }
  const beside = await ctx.station.tryConnect(control);
  if (!beside.ok)
    throw new CaseInconclusive(
      `the refusal (${outcome}) cannot be judged: a correct dial right beside it was not accepted either (${dialOutcome(beside)})`,
    );
  beside.conn.close(1000, 'positive control done');
  return { refused: true, outcome };
}

/** The Authorization header of the configured credentials (none at security profile 0). */
export function authHeaders(ctx: AnyCaseContext, identity = ctx.config.stationId): Record<string, string> {
  const h = ctx.station.basicAuthHeader(identity);
  return h ? { Authorization: h } : {};
}
