import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { describeServerSocket, tlsNote, type TlsSessionInfo } from './tls.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { subprotocolOf, type OcppVersion } from '../protocol/versions.js';
import { OcppConnection, type WireRecorder } from './connection.js';

export interface CsmsServerOptions {
  host: string;
  port: number;
  /** The version to negotiate; its subprotocol is selected when the station offers it. */
  version: OcppVersion;
  /** Only this identity may connect (routing by URL path); other identities get 404. */
  identity: string;
  /** Security profile 1/2: the password the station must present with HTTP Basic auth. */
  basicAuthPassword?: string;
  /**
   * Security profile 2/3: TLS server options (see serverTlsOptions). With requestCert (profile 3)
   * a station without a verified client certificate is refused with 401.
   */
  tls?: https.ServerOptions;
  monotonic: () => number;
}

/**
 * How the mock CSMS answers the next upgrades, set by a case (e.g. answer with a subprotocol
 * the station did not offer, or refuse every connection). Undefined fields mean: as the spec says.
 */
export interface HandshakePolicy {
  /** Subprotocol to put in the 101 answer: a string (even one not offered) or null for none. */
  subprotocol?: string | null;
  /** Refuse upgrades with this HTTP status. */
  rejectStatus?: number;
}

export interface HandshakeInfo {
  identity: string;
  path: string;
  offered: string[];
  selected: string;
  remote: string;
  authUser?: string;
  /** Profile 2/3: negotiated protocol and cipher, and the client certificate (profile 3). */
  tls?: TlsSessionInfo;
}

/**
 * The mock CSMS's listener. It checks what the spec makes the CSMS check at the handshake
 * (identity in the path, subprotocol, Basic auth), records every decision, and hands accepted
 * connections to a listener. It never answers OCPP messages itself.
 */
export class CsmsServer {
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private connectionListener: ((c: OcppConnection, h: HandshakeInfo) => void) | undefined;
  private counter = 0;
  /** Notes about handshakes, for whichever case is attached. */
  recorder: WireRecorder | undefined;
  private readonly sockets = new Set<Duplex>();
  /** Set by the attached case; reset when a case detaches. */
  policy: HandshakePolicy = {};

  constructor(private readonly opts: CsmsServerOptions) {
    this.server = opts.tls ? https.createServer(opts.tls) : http.createServer();
    this.server.on('request', (_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain' });
      res.end('OCPP-J: WebSocket upgrade required\n');
    });
    const wanted = subprotocolOf(opts.version);
    // Select our version's subprotocol when offered, none otherwise (cases judge the absence).
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: 16 * 1024 * 1024,
      handleProtocols: (set) => {
        if (this.policy.subprotocol !== undefined) return this.policy.subprotocol ?? false;
        return set.has(wanted) ? wanted : false;
      },
    });
    this.server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  onConnection(listener: (c: OcppConnection, h: HandshakeInfo) => void): void {
    this.connectionListener = listener;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as { port: number }).port;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  url(): string {
    const host = this.opts.host === '0.0.0.0' || this.opts.host === '::' ? '127.0.0.1' : this.opts.host;
    return `${this.opts.tls ? 'wss' : 'ws'}://${host}:${this.port}/ocpp`;
  }

  private reject(socket: Duplex, status: number, text: string, why: string): void {
    this.recorder?.note('connection', `handshake refused with HTTP ${status}: ${why}`);
    socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  }

  private onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    const segments = path.split('/').filter(Boolean);
    let identity = '';
    try {
      identity = decodeURIComponent(segments[segments.length - 1] ?? '');
    } catch {
      return this.reject(socket, 400, 'Bad Request', `path ${JSON.stringify(path)} is not valid percent-encoding`);
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const remote = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    if (this.policy.rejectStatus) return this.reject(socket, this.policy.rejectStatus, 'Refused', 'the case asked the mock CSMS to refuse connections');
    if (identity !== this.opts.identity) {
      return this.reject(socket, 404, 'Not Found', `unknown station identity ${JSON.stringify(identity)} (expected ${JSON.stringify(this.opts.identity)})`);
    }
    let tlsInfo: TlsSessionInfo | undefined;
    if ((req.socket as TLSSocket).encrypted) {
      tlsInfo = describeServerSocket(req.socket as TLSSocket, this.opts.tls?.requestCert === true);
      const cc = tlsInfo.clientCert;
      if (cc && !cc.authorized) return this.reject(socket, 401, 'Unauthorized', `${tlsNote(tlsInfo)}; a verified station certificate is required (security profile 3)`);
      if (cc && cc.subjectCN !== identity) this.recorder?.note('connection', `client certificate CN ${JSON.stringify(cc.subjectCN)} is not the station identity ${JSON.stringify(identity)}`);
    }
    let authUser: string | undefined;
    if (this.opts.basicAuthPassword !== undefined) {
      const header = String(req.headers.authorization ?? '');
      const m = /^Basic\s+(.+)$/i.exec(header);
      if (!m) return this.reject(socket, 401, 'Unauthorized', 'no HTTP Basic Authorization header');
      const decoded = Buffer.from(m[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      authUser = colon >= 0 ? decoded.slice(0, colon) : decoded;
      const password = colon >= 0 ? decoded.slice(colon + 1) : '';
      // The password itself is never recorded; only whether it matched.
      if (authUser !== identity) return this.reject(socket, 401, 'Unauthorized', `Basic auth user ${JSON.stringify(authUser)} is not the station identity`);
      if (password !== this.opts.basicAuthPassword) return this.reject(socket, 401, 'Unauthorized', 'Basic auth password does not match');
    }
    const wanted = subprotocolOf(this.opts.version);
    const selected = this.policy.subprotocol !== undefined ? (this.policy.subprotocol ?? '') : offered.includes(wanted) ? wanted : '';
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const label = `ws#${++this.counter}`;
      const info: HandshakeInfo = { identity, path, offered, selected, remote, authUser, ...(tlsInfo ? { tls: tlsInfo } : {}) };
      this.recorder?.note(
        'connection',
        `${label} station ${JSON.stringify(identity)} connected from ${remote}; offered [${offered.join(', ')}], selected ${selected || 'none'}${authUser ? `; Basic auth user ${JSON.stringify(authUser)} accepted` : ''}${tlsInfo ? `; ${tlsNote(tlsInfo)}` : ''}`,
      );
      const conn = new OcppConnection(ws, label, identity, selected, this.opts.monotonic);
      this.connectionListener?.(conn, info);
    });
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Protocol selection hook for ws: the server picks the subprotocol itself in onUpgrade. */
export type { WebSocketServer };
