import http from 'node:http';
import net from 'node:net';
import WebSocket from 'ws';
import type { ConnectionOptions } from 'node:tls';
import { clientTlsOptions, type TlsMaterial } from '../../../transport/tls.js';
import { isLoopbackHost } from '../../../transport/loopback.js';
import { subprotocolOf, type OcppVersion } from '../../../core/versions.js';

/**
 * Network helpers of the 2.0.1 reference station: its WebSocket dial (with the knobs its faults
 * need), the loopback-only HTTP upload it uses for GetLog, and the checks it applies to
 * firmware locations. The reference station never reaches anything outside 127.0.0.1.
 */

/** Thrown when the CSMS refuses the upgrade with an HTTP status (401, 503 ...). */
export class HandshakeRefused extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export interface DialOptions {
  target: string;
  identity: string;
  /** Basic-auth user name (default: the identity; only a fault changes it). */
  authUser?: string;
  version: OcppVersion;
  basicAuthPassword?: string;
  timeoutMs: number;
  /** Largest message accepted; a bigger one closes the connection with 1009. */
  maxPayload: number;
  /** Fault: carry on even when the server selected a subprotocol we did not offer (or none). */
  ignoreSubprotocolAnswer?: boolean;
  /** Fault: extra query string appended to the URL. */
  query?: string;
  /** Security profile 2/3: TLS (wss://) with the CSMS root as ca; station certificate for profile 3. */
  tls?: TlsMaterial;
  /** The TLS options the station built from its own state (take precedence over `tls`). */
  tlsOptions?: ConnectionOptions;
}

export interface DialedSocket {
  ws: WebSocket;
  /**
   * Hands over to the real message listener (attach it first): replays the messages that
   * arrived between the 101 answer and now, which would otherwise be lost.
   */
  release(): void;
}

export function dialStation201(o: DialOptions): Promise<DialedSocket> {
  const offered = subprotocolOf(o.version);
  const url = `${o.target.replace(/\/+$/, '')}/${encodeURIComponent(o.identity)}${o.query ? `?${o.query}` : ''}`;
  const headers: Record<string, string> = {};
  if (o.basicAuthPassword) headers.authorization = `Basic ${Buffer.from(`${o.authUser ?? o.identity}:${o.basicAuthPassword}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [offered], { headers, handshakeTimeout: o.timeoutMs, maxPayload: o.maxPayload, perMessageDeflate: false, ...(o.tlsOptions ?? (o.tls ? clientTlsOptions(o.tls, url) : {})) });
    if (o.ignoreSubprotocolAnswer) {
      // ws checks the answer right after emitting 'upgrade'; pretending the server chose our
      // protocol makes the station talk over a session it never agreed to.
      ws.once('upgrade', (res: http.IncomingMessage) => {
        res.headers['sec-websocket-protocol'] = offered;
      });
    }
    const early: [WebSocket.RawData, boolean][] = [];
    const buffer = (data: WebSocket.RawData, isBinary: boolean) => early.push([data, isBinary]);
    ws.on('message', buffer);
    const release = () => {
      ws.off('message', buffer);
      for (const [data, isBinary] of early.splice(0)) ws.emit('message', data, isBinary);
    };
    ws.once('open', () => resolve({ ws, release }));
    ws.once('error', (err) => reject(err));
    ws.once('unexpected-response', (_req, res) => {
      ws.terminate();
      reject(new HandshakeRefused(res.statusCode ?? 0));
    });
  });
}


/** Hosts a station must not fetch firmware from: loopback, private, link-local, internal names. */
export function isInternalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (!h) return true;
  if (isLoopbackHost(h) || h === '0.0.0.0' || h === '::' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  if (net.isIPv4(h)) {
    const [a, b] = h.split('.').map(Number);
    return a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  if (net.isIPv6(h)) return h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80') || h.startsWith('::ffff:');
  return !h.includes('.');
}

/** Characters with a meaning to shells, and controls, which no firmware URL needs. */
const SHELL_META = /[;|&$`<>\\'"(){}\s\u0000-\u001f\u007f]/;

/**
 * Why a firmware location is refused, or undefined when it is acceptable: only https/ftps, no
 * credentials, no internal hosts, no path traversal, no shell metacharacters.
 */
export function firmwareLocationProblem(location: string, o: { allowFileScheme?: boolean } = {}): string | undefined {
  if (SHELL_META.test(location)) return 'shell metacharacters or controls in the location';
  if (/(^|[/\\])\.\.([/\\]|$)|%2e%2e/i.test(location)) return 'path traversal in the location';
  let u: URL;
  try {
    u = new URL(location);
  } catch {
    return 'the location is not a URL';
  }
  if (u.protocol === 'file:') return o.allowFileScheme ? undefined : 'file: locations are not allowed';
  if (u.protocol !== 'https:' && u.protocol !== 'ftps:') return `scheme ${u.protocol} is not a secure transport`;
  if (u.username || u.password) return 'credentials in the location';
  if (isInternalHost(u.hostname)) return `host ${u.hostname} is internal`;
  return undefined;
}


/** Deepest nesting of arrays/objects in a value, counted without recursion. */
export function nestingDepth(value: unknown, stopAt = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max >= stopAt) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return max;
}

/** Whether any string in the value looks like a date-time whose year has more than four digits. */
export function hasFarFutureYear(value: unknown): boolean {
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length && seen++ < 100_000) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (/^[+-]?\d{5,}-\d{2}-\d{2}T/.test(v)) return true;
    } else if (typeof v === 'object' && v !== null) {
      for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push(child);
    }
  }
  return false;
}
