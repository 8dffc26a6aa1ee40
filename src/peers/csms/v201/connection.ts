import http from 'node:http';
import type { TLSSocket } from 'node:tls';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { DualListener, type ConnectionAttempt, type TlsChoice } from '../../../transport/dual-listener.js';
import { describeServerSocket, type TlsSessionInfo } from '../../../transport/tls.js';
import type { ClientHelloInfo } from '../../../transport/tls-hello.js';

/** The TLS session an upgrade arrived on (wss:// only). */
export interface UpgradeTls extends TlsSessionInfo {
  /** Whether a client certificate was asked for in the handshake. */
  clientCertRequested: boolean;
  /** SHA-256 fingerprint of the client certificate (as Node writes it), when one was presented. */
  clientFingerprint?: string;
}

/** What the listener read from one upgrade request, before any decision. */
export interface UpgradeRequest {
  /** The request target exactly as sent (path and query). */
  url: string;
  /** The last path segment, still percent-encoded ('' for a trailing slash). */
  rawIdentity: string;
  /** The subprotocols offered, in the client's order (empty when none). */
  offered: string[];
  /** The Authorization header, if any. */
  authorization?: string;
  /** Set when the connection is TLS (wss://): the negotiated session and the client certificate. */
  tls?: UpgradeTls;
}

/** The CSMS's decision about an upgrade. */
export type Admission =
  | { refuse: number; reason: string; headers?: Record<string, string> }
  | {
      /** The decoded identity the session belongs to. */
      identity: string;
      /** The subprotocol to select; null completes the handshake without one. */
      subprotocol: string | null;
      /** Only for a null subprotocol: keep the socket instead of closing it at once (a fault). */
      keepWithoutSubprotocol?: boolean;
    };

export interface ListenerHooks {
  /** Decides one upgrade; may take time (a duplicate-identity check pings the other session). */
  admit(r: UpgradeRequest): Promise<Admission>;
  /** A station session is open with a selected subprotocol (or kept without one). */
  onStation(ws: WebSocket, identity: string): void;
  /** Runs before admit(); a fault may hold the upgrade here (serialised handshakes). */
  beforeAdmit?(socket: Duplex): Promise<void>;
  /** TLS settings for one incoming TLS connection; undefined refuses TLS. */
  tlsFor(hello: ClientHelloInfo | undefined): TlsChoice | undefined;
  /** Every TCP connection and how its TLS handshake (if any) ended. */
  onAttempt?(a: ConnectionAttempt): void;
}

export interface ListenerOptions {
  host: string;
  port: number;
  /** Largest message accepted; a bigger one closes the session with 1009. */
  maxPayload: number;
  /** A client must finish its request headers within this time. */
  headersTimeoutMs: number;
  /** The scheme of the URL listen() returns (the port serves both). */
  secureUrl: boolean;
}

/**
 * The WebSocket listener of the 2.0.1/2.1 reference CSMS. One port serves ws:// and wss:// (the TLS choice
 * is made per connection after its ClientHello, see DualListener), so the CSMS can see and refuse
 * a station that uses another security profile than the one it is registered with. Every decision
 * (identity, profile, credentials, client certificate, duplicate sessions) is the CSMS's; the
 * listener completes the handshake without a subprotocol when none is supported (then closes,
 * OCPP-J 3.2), negotiates permessage-deflate when offered, and can "crash": close everything and
 * refuse every new connection until stopped.
 */
export class CsmsListener {
  private readonly dual: DualListener;
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Duplex>();
  /** Connection order, for hooks that need to know which socket came first. */
  private readonly order = new WeakMap<Duplex, number>();
  private seq = 0;
  /** Sockets whose request has not been read completely yet. */
  private readonly unread = new Set<Duplex>();
  private readonly unreadChanged: (() => void)[] = [];
  crashed = false;

  constructor(
    private readonly o: ListenerOptions,
    private readonly hooks: ListenerHooks,
  ) {
    this.dual = new DualListener({
      monotonic: () => performance.now(),
      tlsFor: (hello) => (this.crashed ? undefined : hooks.tlsFor(hello)),
      onAttempt: (a) => hooks.onAttempt?.(a),
    });
    this.server = this.dual.http;
    this.server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      this.markRead(res.socket as Duplex);
      res.writeHead(426, { Upgrade: 'websocket', 'Content-Length': '0' });
      res.end();
    });
    this.server.headersTimeout = o.headersTimeoutMs;
    this.server.requestTimeout = o.headersTimeoutMs * 2;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: o.maxPayload,
      // RFC 7692 compression is negotiated when the station offers it (OCPP-J: a CSMS supports
      // it); ws counts the inflated size against maxPayload, so a deflate bomb closes with 1009.
      // Messages of more than maxFragments (ws default 16384) fragments close with 1008.
      perMessageDeflate: true,
      // The CSMS decided already; ws only writes the header it is told to.
      handleProtocols: (_set, req) => (req as http.IncomingMessage & { chosen?: string | null }).chosen ?? false,
    });
    // Plain sockets and finished TLS sockets both arrive here (DualListener emits them).
    this.server.on('connection', (s: net.Socket) => {
      if (this.crashed) return void s.destroy();
      this.sockets.add(s);
      this.order.set(s, ++this.seq);
      this.unread.add(s);
      s.on('close', () => {
        this.sockets.delete(s);
        this.markRead(s);
      });
    });
    this.server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      void this.onUpgrade(req, socket, head);
    });
  }

  private markRead(s: Duplex | undefined): void {
    if (!s || !this.unread.delete(s)) return;
    for (const l of this.unreadChanged.splice(0)) l();
  }

  /** Resolves once every socket that connected before this one has sent its whole request. */
  async waitForEarlierRequests(socket: Duplex): Promise<void> {
    const mine = this.order.get(socket) ?? Number.MAX_SAFE_INTEGER;
    while ([...this.unread].some((s) => s !== socket && (this.order.get(s) ?? 0) < mine)) {
      await new Promise<void>((r) => this.unreadChanged.push(r));
    }
  }

  private async onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (this.crashed) return void socket.destroy();
    const url = req.url ?? '/';
    const path = url.split('?')[0];
    const rawIdentity = path.slice(path.lastIndexOf('/') + 1);
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const tls = upgradeTls(req.socket as TLSSocket);
    if (this.hooks.beforeAdmit) await this.hooks.beforeAdmit(socket);
    this.markRead(socket);
    let decision: Admission;
    try {
      decision = await this.hooks.admit({ url, rawIdentity, offered, authorization: req.headers.authorization, ...(tls ? { tls } : {}) });
    } catch (err) {
      decision = { refuse: 500, reason: (err as Error).message };
    }
    if (this.crashed || socket.destroyed) return void socket.destroy();
    if ('refuse' in decision) return refuse(socket, decision.refuse, decision.reason, decision.headers);
    const { identity, subprotocol, keepWithoutSubprotocol } = decision;
    (req as http.IncomingMessage & { chosen?: string | null }).chosen = subprotocol;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (this.crashed) return ws.terminate();
      if (subprotocol === null && !keepWithoutSubprotocol) {
        // OCPP-J 3.2: finish the handshake without a subprotocol, then close at once.
        ws.close(1002, 'no supported OCPP subprotocol offered');
        setTimeout(() => ws.terminate(), 1000).unref();
        return;
      }
      this.hooks.onStation(ws, identity);
    });
  }

  async listen(): Promise<string> {
    const port = await this.dual.listen(this.o.port, this.o.host);
    return `${this.o.secureUrl ? 'wss' : 'ws'}://${this.o.host}:${port}/ocpp`;
  }

  /** Simulated crash: every connection dropped, every new one refused until close(). */
  crash(): void {
    this.crashed = true;
    for (const c of this.wss.clients) c.terminate();
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    for (const s of this.sockets) s.destroy();
    for (const l of this.unreadChanged.splice(0)) l();
    await this.dual.close();
  }
}

/** The TLS session of an upgrade's socket; undefined for plain ws://. */
function upgradeTls(socket: TLSSocket): UpgradeTls | undefined {
  if (!socket.encrypted) return undefined;
  const requested = (socket as unknown as { _requestCert?: boolean })._requestCert === true;
  const info = describeServerSocket(socket, true);
  const peer = socket.getPeerCertificate();
  const has = peer && Object.keys(peer).length > 0;
  const clientCert = requested || has ? info.clientCert : undefined;
  return {
    protocol: info.protocol,
    cipher: info.cipher,
    ...(clientCert ? { clientCert } : {}),
    clientCertRequested: requested,
    ...(has && peer.fingerprint256 ? { clientFingerprint: peer.fingerprint256 } : {}),
  };
}

function refuse(socket: Duplex, status: number, reason: string, headers: Record<string, string> = {}): void {
  const extra = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  const body = Buffer.from(`${reason}\n`, 'utf8');
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body.toString('utf8')}`,
  );
  setTimeout(() => socket.destroy(), 1000).unref();
}
