import type http from 'node:http';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import WebSocket from 'ws';
import { clientTlsOptions, OCPP_CIPHERS, type TlsMaterial } from '../../../transport/tls.js';
import { RpcPeer } from '../../rpc.js';
import { FrameTap } from '../../shared/frame-tap.js';
import type { StationState } from './state.js';
import { classifyTlsFailure } from './tls-identity.js';
import { csmsRoots } from './blocks/certificates.js';
import { dropLowerSlots, securityEvent } from './blocks/security.js';

/**
 * The connection of a 2.0.1-family reference station: the WebSocket dial (with the knobs its
 * faults need), TLS and Basic auth per security profile, the reconnect back-off and WebSocket
 * pings. The station never reaches anything outside 127.0.0.1.
 */

/** Largest WebSocket message the station accepts (a documented limit; bigger ones close with 1009). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Fragments per message the fragment-flood-crash fault survives (conformant: ws assembles up to 16384, more close with 1008). */
const FAULT_MAX_FRAGMENTS = 1000;

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
  /** The subprotocol offered (the only one). */
  subprotocol: string;
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

export function dialStation2(o: DialOptions): Promise<DialedSocket> {
  const offered = o.subprotocol;
  const url = `${o.target.replace(/\/+$/, '')}/${encodeURIComponent(o.identity)}${o.query ? `?${o.query}` : ''}`;
  const headers: Record<string, string> = {};
  if (o.basicAuthPassword)
    headers.authorization = `Basic ${Buffer.from(`${o.authUser ?? o.identity}:${o.basicAuthPassword}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [offered], {
      headers,
      handshakeTimeout: o.timeoutMs,
      maxPayload: o.maxPayload,
      perMessageDeflate: false,
      ...(o.tlsOptions ?? (o.tls ? clientTlsOptions(o.tls, url) : {})),
    });
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

/** The URL of the dial: wss:// on profile 2/3 (unless broken), ws:// below. */
function dialUrl(st: StationState): string {
  const secure = st.profile >= 2 && !st.faults.has('dials-plain-ws');
  return secure ? st.url.replace(/^ws:\/\//i, 'wss://') : st.url.replace(/^wss:\/\//i, 'ws://');
}

/** TLS options of the dial (profile 2/3): trust the installed CSMS roots; profile 3 presents the station certificate. */
function tlsOptions(st: StationState, url: string): ConnectionOptions | undefined {
  if (!/^wss:/i.test(url)) return undefined;
  let host = '';
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    /* the dial reports a bad URL itself */
  }
  const f = st.faults;
  let ciphers = OCPP_CIPHERS;
  if (f.has('accepts-tls-below-1-2')) ciphers += ':AES128-SHA:AES256-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0';
  if (f.has('offers-weak-suites')) ciphers += ':DES-CBC3-SHA:NULL-SHA256:@SECLEVEL=0';
  if (f.has('accepts-cbc-sha1-suites')) ciphers += ':AES128-SHA:AES256-SHA';
  const lax = f.has('accepts-invalid-csms-cert');
  return {
    ca: csmsRoots(st),
    minVersion: f.has('accepts-tls-below-1-2') ? 'TLSv1' : 'TLSv1.2',
    ciphers,
    ...(lax ? { rejectUnauthorized: false, checkServerIdentity: () => undefined } : {}),
    ...(host && isIP(host) === 0 ? { servername: host } : {}),
    ...(st.profile === 3 && st.identity ? { cert: st.identity.cert, key: st.identity.key } : {}),
  };
}

/** The password of the Basic-auth header (profiles 1 and 2 only). */
function dialPassword(st: StationState): string | undefined {
  return st.profile === 1 || st.profile === 2 ? st.password : undefined;
}

/** Reconnects after a growing delay: minimum, doubled per failed attempt (capped), plus jitter. */
export function scheduleReconnect(st: StationState): void {
  if (st.stopped || st.crashed) return;
  st.later(st.backoff.next(st.faults.has('no-backoff')), () => void connect(st));
}

/** Dials the CSMS; on success the connection gets the station's handlers and the peer boots or reports in. */
export async function connect(st: StationState): Promise<void> {
  if (st.stopped || st.crashed) return;
  const o = st.o;
  let ws: WebSocket;
  let release: () => void;
  const url = dialUrl(st);
  try {
    ({ ws, release } = await dialStation2({
      target: url,
      identity: o.identity,
      authUser: st.faults.has('basic-auth-user-not-identity') ? 'admin' : undefined,
      subprotocol: st.variant.subprotocol,
      basicAuthPassword: dialPassword(st),
      timeoutMs: o.config.timeouts.connectMs,
      tls: o.tls,
      tlsOptions: tlsOptions(st, url),
      maxPayload: st.faults.has('big-message-crash') ? 16 * MAX_MESSAGE_BYTES : MAX_MESSAGE_BYTES,
      ignoreSubprotocolAnswer: st.faults.has('accepts-unoffered-subprotocol'),
      query: st.faults.has('secret-in-url-query') ? `authToken=${encodeURIComponent(st.password ?? 'REF-201-0001-token')}` : undefined,
    }));
  } catch (err) {
    o.log?.(`connect failed: ${(err as Error).message}`);
    st.diagnostics.add(`${st.now()} connection attempt failed: ${(err as Error).message}`);
    if (err instanceof HandshakeRefused && err.status === 401 && !st.faults.has('auth-failure-not-logged')) {
      securityEvent(st, 'FailedToAuthenticateAtCsms', 'the CSMS answered the WebSocket upgrade with HTTP 401');
    }
    const tlsEvent = /^wss:/i.test(url) ? classifyTlsFailure(err) : undefined;
    if (tlsEvent && !st.tlsIncidents.has(tlsEvent)) {
      // One event per kind until connected again; pushed once a valid server is reached.
      st.tlsIncidents.add(tlsEvent);
      securityEvent(st, tlsEvent, `TLS connection aborted: ${(err as Error).message}`.slice(0, 255), true);
    }
    scheduleReconnect(st);
    return;
  }
  if (st.stopped || st.crashed) {
    ws.terminate();
    return;
  }
  st.backoff.reset();
  st.tlsIncidents.clear();
  dropLowerSlots(st);
  st.diagnostics.add(`${st.now()} connected to the CSMS`);
  if (st.faults.has('fragment-flood-crash') || st.faults.has('deflate-bomb-crash')) {
    // The frame tap sees what ws hides (fragment counts, RSV1); only these faults install it.
    FrameTap.attach(ws, (f) => {
      if (st.faults.has('fragment-flood-crash') && f.fragments > FAULT_MAX_FRAGMENTS)
        st.crash(`a message of more than ${FAULT_MAX_FRAGMENTS} fragments`);
      if (st.faults.has('deflate-bomb-crash') && f.rsv1 && f.opcode < 8) st.crash('a compressed frame inflated without a limit');
    });
  }
  const rpc = new RpcPeer(ws, {
    version: st.variant.version,
    validator: o.validator,
    ids: o.ids,
    callTimeoutMs: o.config.timeouts.messageMs * 5,
  });
  st.rpc = rpc;
  st.attach(rpc);
  release();
  rpc.onClose(() => {
    if (st.rpc !== rpc) return;
    st.rpc = undefined;
    st.cancel(st.pingTimer);
    st.pingTimer = undefined;
    st.diagnostics.add(`${st.now()} connection lost`);
    if (st.stopped || st.crashed || st.closing.has(rpc)) return;
    // Connection lost without a reboot: reconnect; a station that was accepted does not boot again.
    scheduleReconnect(st);
  });
  restartPings(st);
  st.onConnected(rpc);
}

/** WebSocket pings every WebSocketPingInterval s; a ping unanswered after half an interval closes the connection. */
export function restartPings(st: StationState): void {
  st.cancel(st.pingTimer);
  st.pingTimer = undefined;
  const rpc = st.rpc;
  const s = st.dm.int('OCPPCommCtrlr', 'WebSocketPingInterval');
  if (!rpc || s <= 0) return;
  let awaiting = false;
  rpc.ws.on('pong', () => (awaiting = false));
  const check = () => {
    if (st.rpc !== rpc || rpc.closed || !awaiting) return;
    st.o.log?.('no pong from the CSMS: closing the connection');
    st.diagnostics.add(`${st.now()} no pong within ${s / 2} s: connection closed`);
    rpc.ws.terminate();
  };
  const tick = () => {
    if (st.rpc !== rpc || rpc.closed) return;
    awaiting = true;
    try {
      rpc.ws.ping();
    } catch {
      /* closing */
    }
    st.later((s * 1000) / 2, check);
    st.pingTimer = st.later(s * 1000, tick);
  };
  st.pingTimer = st.later(s * 1000, tick);
}
