import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { AnyCaseContext, Ctx201Cs, Request201 } from './contexts.js';
import type { SutConfig } from '../core/config.js';
import { CaseFailure } from '../core/verdict.js';
import type { Payload } from '../roles/endpoint.js';
import type { OcppConnection } from '../transport/connection.js';
import type { HandshakeInfo } from '../transport/server.js';
import { ChangeSignal, waitFor } from '../transport/wait.js';
import { getVariable } from './csms201.js';

/**
 * Security profiles (2.0.1 block A, the 1.6 security whitepaper): Basic-auth passwords and
 * AuthorizationKeys (made, recognised, masked in every log), the station's own reconnects and
 * every upgrade request it makes, and the network connection profiles that move it to another
 * profile.
 */

/** User and password of a `Basic` Authorization header, or undefined when there is none. */
export function parseBasicAuth(header: string | string[] | undefined): { user: string; password: string } | undefined {
  const h = Array.isArray(header) ? header[0] : header;
  const m = /^Basic\s+(\S+)$/i.exec(h ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? { user: decoded, password: '' } : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** A random passwordString (A00.FR.205 errata): `length` characters of a-zA-Z0-9. */
export function randomPassword(length = 24): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

/** A random AuthorizationKey: 20 random bytes, hex-encoded (40 digits), masked in every log. */
export function newAuthorizationKey(ctx: AnyCaseContext): string {
  return ctx.secret(randomBytes(20).toString('hex'));
}

/** The whitepaper's AuthorizationKey format: 16 to 20 bytes, hex encoded (32 to 40 hex digits). */
export function isAuthorizationKey(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-fA-F]{32,40}$/.test(value) && value.length % 2 === 0;
}

/**
 * Whether `value` carries `secret` in any usual encoding, and which: plain, hex (either case),
 * base64 / base64url, and for a hex secret (the 1.6 AuthorizationKey) its decoded bytes plain or
 * in base64. A write-only key returned in any of them is readable (issue 9, class 15).
 */
export function revealsSecret(value: string, secret: string): string | undefined {
  if (secret.length === 0) return undefined;
  const bytes = Buffer.from(secret, 'utf8');
  const isHex = /^(?:[0-9a-fA-F]{2})+$/.test(secret);
  const decoded = isHex ? Buffer.from(secret, 'hex') : undefined;
  const unpadded = (b64: string) => b64.replace(/=+$/, '');
  const forms: [string, string, boolean][] = [
    ['plain', secret, isHex],
    ['hex', bytes.toString('hex'), true],
    ['base64', unpadded(bytes.toString('base64')), false],
    ['base64url', bytes.toString('base64url'), false],
    ...(decoded
      ? ([
          ['the decoded bytes', decoded.toString('latin1'), false],
          ['the decoded bytes in base64', unpadded(decoded.toString('base64')), false],
          ['the decoded bytes in base64url', decoded.toString('base64url'), false],
        ] as [string, string, boolean][])
      : []),
  ];
  const lower = value.toLowerCase();
  const hit = forms.find(([, form, anyCase]) => form.length > 0 && (anyCase ? lower.includes(form.toLowerCase()) : value.includes(form)));
  return hit?.[0];
}

/**
 * Masks secrets a peer sends before the frame reaches the wire log: the listener runs ahead of
 * the connection's recorder. `secretsIn` reads them from a parsed frame.
 */
function maskSecretsFrom(ctx: AnyCaseContext, conn: OcppConnection | undefined, secretsIn: (frame: unknown[]) => unknown[]): void {
  // Masking is set up once the SUT is connected (after the Booted state).
  if (!conn) throw new Error(`harness: ${ctx.meta.id} has no open connection to mask secrets on`);
  conn.ws.prependListener('message', (data: unknown, isBinary: boolean) => {
    if (isBinary) return;
    try {
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data as Buffer[]).toString('utf8')
          : String(data);
      const f = JSON.parse(text) as unknown[];
      if (!Array.isArray(f) || f[0] !== 2) return;
      for (const s of secretsIn(f)) if (typeof s === 'string' && s.length >= 4) ctx.secret(s);
    } catch {
      /* not JSON: nothing to mask */
    }
  });
}

/**
 * Masks a Basic-auth password the CSMS sends in SetVariables (A01). Call on every connection the
 * CSMS may send a new password on, before it does.
 */
export function maskPasswordsFrom(ctx: AnyCaseContext, conn: OcppConnection | undefined): void {
  maskSecretsFrom(ctx, conn, (f) =>
    f[2] === 'SetVariables'
      ? (((f[3] as Payload)?.setVariableData ?? []) as Payload[])
          .filter((d) => d?.variable?.name === 'BasicAuthPassword')
          .map((d) => d.attributeValue)
      : [],
  );
}

/**
 * Masks the value of every ChangeConfiguration AuthorizationKey that arrives on `conn`
 * (A01.FR.09/12: a password never shows up in logs or reports).
 */
export function maskAuthorizationKeysFrom(ctx: AnyCaseContext, conn: OcppConnection | undefined): void {
  maskSecretsFrom(ctx, conn, (f) =>
    f[2] === 'ChangeConfiguration' && (f[3] as Payload)?.key === 'AuthorizationKey' ? [(f[3] as Payload).value] : [],
  );
}

/** Makes the station open a new connection: the mock CSMS drops the current one (the station reconnects by itself). */
export function dropConnection(ctx: AnyCaseContext): void {
  if (ctx.csms.connection) ctx.csms.close(1001, 'going away');
}

/** How long a reconnect may take: back-off plus the connect timeout plus a message timeout. */
export function reconnectWindow(config: SutConfig): number {
  return 2 * config.timeouts.connectMs + config.timeouts.messageMs;
}

/**
 * The station drops and re-opens its connection by itself (A01.FR.02, A02.FR.08); when it is
 * still on the old connection after a message timeout, the mock CSMS closes that one.
 */
export async function awaitOwnReconnect(
  ctx: AnyCaseContext,
  handshakesBefore: number,
  requirement: string,
  expected: string,
): Promise<HandshakeInfo> {
  const { csms, config } = ctx;
  try {
    return await csms.expectHandshake({ after: handshakesBefore, within: config.timeouts.messageMs, requirement, expected });
  } catch (err) {
    if (!(err instanceof CaseFailure)) throw err;
    ctx.note('the station did not reconnect by itself within the message timeout; the mock CSMS closes the connection');
    dropConnection(ctx);
    return csms.expectHandshake({ after: handshakesBefore, within: reconnectWindow(config), requirement, expected });
  }
}

/** One WebSocket upgrade request the station sent to the mock CSMS (accepted or refused). */
export interface UpgradeAttempt {
  /** Monotonic time (ms) the request arrived. */
  at: number;
  /** Request target exactly as sent (path and query). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface UpgradeObserver {
  readonly attempts: UpgradeAttempt[];
  /** Waits until at least `n` attempts were seen; false when the time ran out. */
  waitForCount(n: number, withinMs: number): Promise<boolean>;
  stop(): void;
}

/**
 * Records every upgrade request the station makes to the mock CSMS, refused ones included (the
 * HandshakeInfo list only has accepted ones, without the query string). Reads the listener's
 * HTTP server; a listener-level hook for this is an open engine wish.
 */
export function observeUpgrades(ctx: AnyCaseContext): UpgradeObserver {
  const gateway = ctx.csms.gateway;
  if (!gateway) throw new Error('harness: the mock CSMS has no listener attached');
  const http = (gateway.server as unknown as { server: Server }).server;
  const attempts: UpgradeAttempt[] = [];
  const changed = new ChangeSignal();
  const listener = (req: IncomingMessage) => {
    attempts.push({ at: ctx.clock.monotonic(), url: req.url ?? '/', headers: { ...req.headers } });
    changed.notify();
  };
  http.on('upgrade', listener);
  return {
    attempts,
    async waitForCount(n, withinMs) {
      const r = await waitFor(changed, () => (attempts.length >= n ? true : undefined), withinMs, ctx.abort);
      return r.ok;
    },
    stop() {
      http.off('upgrade', listener);
    },
  };
}

/** A NetworkConnectionProfile for the mock CSMS at `profile` (wss:// for 2/3). */
export function connectionDataFor(ctx: AnyCaseContext, profile: number): Request201<'SetNetworkProfile'>['connectionData'] {
  const base = ctx.csms.listenerUrl ?? '';
  const url = profile >= 2 ? base.replace(/^wss?:/i, 'wss:') : base.replace(/^wss?:/i, 'ws:');
  return {
    ocppVersion: 'OCPP20',
    ocppTransport: 'JSON',
    ocppCsmsUrl: url,
    messageTimeout: Math.max(1, Math.round(ctx.config.timeouts.messageMs / 1000)),
    securityProfile: profile,
    ocppInterface: 'Wired0',
  };
}

/** A configuration slot other than the one(s) in NetworkConfigurationPriority. */
export async function freeSlot(ctx: Ctx201Cs, requirement: string): Promise<{ slot: number; priority: string[] }> {
  const r = await getVariable(ctx, 'OCPPCommCtrlr', 'NetworkConfigurationPriority', requirement);
  const priority = String(r.attributeValue ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let slot = 1;
  while (priority.includes(String(slot))) slot++;
  return { slot, priority };
}
