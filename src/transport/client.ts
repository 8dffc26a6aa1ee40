import type { ConnectionOptions } from 'node:tls';
import WebSocket from 'ws';
import { tlsSocketOf, upgradeRequestOf } from './ws-internals.js';
import { subprotocolOf, type OcppVersion } from '../core/versions.js';
import { OcppConnection, type WireRecorder } from './connection.js';
import { maxFrameBytes } from './limits.js';

export interface StationDialOptions {
  /** CSMS base URL; the identity is appended as the last path segment. */
  target: string;
  identity: string;
  version: OcppVersion;
  /** Subprotocols to offer; defaults to the version's one. */
  subprotocols?: string[];
  /** Text, or bytes (a 1.6 AuthorizationKey's decoded form, which need not be UTF-8). */
  basicAuthPassword?: string | Buffer;
  /** User name for Basic auth; defaults to the identity. */
  basicAuthUser?: string;
  /** TLS options for wss:// (ca, servername, and cert/key for profile 3). Never recorded. */
  tls?: ConnectionOptions;
  timeoutMs: number;
  label: string;
  recorder?: WireRecorder;
  monotonic: () => number;
  /** The largest message accepted (default: the run's limit); a larger one closes with 1009. */
  maxPayload?: number;
  /**
   * Offer permessage-deflate (RFC 7692; default true, as ws does). The fuzzer turns it off:
   * compressing every small frame costs more CPU than the whole round trip.
   */
  compress?: boolean;
}

export type DialResult =
  | { ok: true; conn: OcppConnection }
  | {
      ok: false;
      status?: number;
      error: string;
      /** The dial failed at the network level (nothing listening, no route, name unknown, TCP never connected): the SUT was not reached at all. */
      unreachable?: true;
    };

/** Socket errors that mean the peer was never reached (a refusal by the SUT always comes after TCP connects). */
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'EADDRNOTAVAIL',
]);

export function stationUrl(target: string, identity: string): string {
  return `${target.replace(/\/+$/, '')}/${encodeURIComponent(identity)}`;
}

/** Connects as a charging station. Records the handshake outcome; never retries. */
export function dialCsms(opts: StationDialOptions): Promise<DialResult> {
  const url = stationUrl(opts.target, opts.identity);
  const protocols = opts.subprotocols ?? [subprotocolOf(opts.version)];
  const headers: Record<string, string> = {};
  if (opts.basicAuthPassword !== undefined) {
    const user = opts.basicAuthUser ?? opts.identity;
    headers.authorization = `Basic ${Buffer.concat([Buffer.from(`${user}:`), Buffer.from(opts.basicAuthPassword)]).toString('base64')}`;
  }
  opts.recorder?.note(
    'connection',
    `${opts.label} connecting to ${url} offering [${protocols.join(', ')}]${opts.basicAuthPassword !== undefined ? ' with Basic auth' : ''}${opts.tls?.cert ? ' with a client certificate' : ''}`,
  );
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: DialResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!r.ok) opts.recorder?.note('connection', `${opts.label} connection failed: ${r.error}`);
      resolve(r);
    };
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, protocols, {
        headers,
        handshakeTimeout: opts.timeoutMs,
        maxPayload: opts.maxPayload ?? maxFrameBytes(),
        ...(opts.compress === false ? { perMessageDeflate: false } : {}),
        ...(opts.tls ?? {}),
      });
    } catch (err) {
      return done({ ok: false, error: (err as Error).message });
    }
    // Whether TCP connected: a timeout before it means the SUT was not reached (TLS never started).
    let tcpConnected = false;
    upgradeRequestOf(ws)?.once('socket', (s) => (s.connecting ? s.once('connect', () => (tcpConnected = true)) : (tcpConnected = true)));
    const timedOut = (): DialResult =>
      tcpConnected
        ? { ok: false, error: `no handshake within ${opts.timeoutMs} ms` }
        : { ok: false, error: `TCP connection not established within ${opts.timeoutMs} ms`, unreachable: true };
    const timer = setTimeout(() => {
      ws.terminate();
      done(timedOut());
    }, opts.timeoutMs + 100);
    ws.once('unexpected-response', (_req, res) => {
      done({ ok: false, status: res.statusCode, error: `HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim() });
      ws.terminate();
    });
    ws.once('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== undefined && NETWORK_ERRORS.has(code) && !tcpConnected) done({ ok: false, error: err.message, unreachable: true });
      else if (!tcpConnected && /handshake has timed out/i.test(err.message)) done(timedOut());
      else done({ ok: false, error: err.message });
    });
    ws.once('open', () => {
      const conn = new OcppConnection(ws, opts.label, opts.identity, ws.protocol, opts.monotonic);
      conn.attach(opts.recorder);
      opts.recorder?.note('connection', `${opts.label} open; subprotocol ${ws.protocol || 'none'}${tlsDescription(ws)}`);
      done({ ok: true, conn });
    });
  });
}

/** The TLS session of an open client WebSocket, for the handshake note ('' for plain ws). */
function tlsDescription(ws: WebSocket): string {
  const socket = tlsSocketOf(ws);
  if (!socket) return '';
  const peer = socket.getPeerCertificate();
  const cn = peer && peer.subject ? (Array.isArray(peer.subject.CN) ? peer.subject.CN[0] : peer.subject.CN) : undefined;
  const issuer = peer && peer.issuer ? (Array.isArray(peer.issuer.CN) ? peer.issuer.CN[0] : peer.issuer.CN) : undefined;
  return `; TLS ${socket.getProtocol() ?? 'unknown'} ${socket.getCipher()?.standardName ?? 'unknown'}; server certificate CN=${JSON.stringify(cn ?? '')} issued by CN=${JSON.stringify(issuer ?? '')}`;
}
