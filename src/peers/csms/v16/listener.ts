import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { describeServerSocket, serverTlsOptions, tlsNote, type TlsMaterial } from '../../../transport/tls.js';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { subprotocolOf, type OcppVersion } from '../../../protocol/versions.js';

/** The path prefix the 1.6 reference central system serves; the identity is the one segment after it. */
export const BASE_PATH = '/ocpp/';
/** Longest identity accepted (the identifierString length OCPP uses for the connection URL). */
export const MAX_IDENTITY_LENGTH = 48;

export interface Listener16Options {
  host: string;
  port: number;
  version: OcppVersion;
  /** The Basic-auth password every identity must present; undefined = security profile 0. */
  basicAuthPassword?: string;
  /** Fault cs-500-on-bad-percent-encoding: an identity that is not valid percent-encoding gets HTTP 500. */
  serverErrorOnBadEncoding?: boolean;
  /** Fault cs-selects-unoffered-subprotocol: the 101 answer names ocpp1.6 whatever the charge point offered. */
  selectUnofferedSubprotocol?: boolean;
  log?: (line: string) => void;
  /** Security profile 2/3: serve TLS; profile 3 refuses a charge point without a verified certificate. */
  tls?: TlsMaterial;
}

export interface Listener16Events {
  /** Every upgrade request that names a well-formed identity, before any other check. */
  onAttempt?(identity: string): void;
  /** A charge point connected with the ocpp1.6 subprotocol and passed every check. */
  onSession(ws: WebSocket, identity: string): void;
}

/** Why an identity taken from the URL is unusable, or undefined when it is fine. */
export function identityProblem(identity: string): string | undefined {
  if (identity.length === 0) return 'empty identity';
  if (identity.length > MAX_IDENTITY_LENGTH) return `identity longer than ${MAX_IDENTITY_LENGTH} characters`;
  if (identity === '.' || identity === '..') return 'dot segment as identity';
  // Control characters, space, DEL, path separators and the colon (the Basic-auth user separator).
  if (/[\u0000-\u0020\u007f-\u009f/\\:]/.test(identity)) return 'identity contains a control character, space, slash, backslash or colon';
  if (/[\u202a-\u202e\u2066-\u2069\ufeff\ufffd]/.test(identity)) return 'identity contains a bidi control, BOM or replacement character';
  return undefined;
}

/**
 * The WebSocket listener of the 1.6 reference central system (OCPP-J 1.6 section 3).
 *
 * - The URL is BASE_PATH + one percent-encoded segment: the charge point identity. A missing,
 *   extra or malformed segment is refused before the upgrade (404 / 400); so is an identity that
 *   cannot be a charge point id (see identityProblem). A well-formed identity that the central
 *   system does not know is let through: it is refused at BootNotification (Rejected), which is
 *   what RPC-16 exercises.
 * - With a Basic-auth password configured, the Authorization header must carry identity:password
 *   (401 with a WWW-Authenticate challenge otherwise).
 * - When ocpp1.6 is offered it is selected. Otherwise the handshake completes without a
 *   Sec-WebSocket-Protocol header and the connection is closed at once (section 3.2).
 */
export class Listener16 {
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Duplex>();

  constructor(
    private readonly o: Listener16Options,
    private readonly events: Listener16Events,
  ) {
    const onRequest = (_q: http.IncomingMessage, r: http.ServerResponse) => {
      r.writeHead(426, { 'content-type': 'text/plain' });
      r.end('OCPP-J: WebSocket upgrade required\n');
    };
    this.server = o.tls ? https.createServer(serverTlsOptions(o.tls), onRequest) : http.createServer(onRequest);
    const ours = subprotocolOf(o.version);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: 4 * 1024 * 1024,
      handleProtocols: (set) => (set.has(ours) || o.selectUnofferedSubprotocol ? ours : false),
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  private refuse(socket: Duplex, status: number, text: string, why: string, extra = ''): void {
    this.o.log?.(`handshake refused with HTTP ${status}: ${why}`);
    socket.write(`HTTP/1.1 ${status} ${text}\r\n${extra}Connection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  }

  private onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    if (!path.startsWith(BASE_PATH)) return this.refuse(socket, 404, 'Not Found', `path ${JSON.stringify(path)} is not under ${BASE_PATH}`);
    const segment = path.slice(BASE_PATH.length);
    if (segment === '' || segment.includes('/')) return this.refuse(socket, 404, 'Not Found', 'the path does not end in exactly one identity segment');
    let identity: string;
    try {
      identity = decodeURIComponent(segment);
    } catch {
      if (this.o.serverErrorOnBadEncoding) return this.refuse(socket, 500, 'Internal Server Error', 'fault: identity decoding threw');
      return this.refuse(socket, 400, 'Bad Request', 'the identity is not valid percent-encoded UTF-8');
    }
    const problem = identityProblem(identity);
    if (problem) return this.refuse(socket, 400, 'Bad Request', problem);
    if (this.o.tls?.profile === 3) {
      const t = describeServerSocket(req.socket as TLSSocket, true);
      if (!t.clientCert?.authorized) return this.refuse(socket, 401, 'Unauthorized', `${tlsNote(t)}; a verified charge point certificate is required`);
    }
    this.events.onAttempt?.(identity);
    if (this.o.basicAuthPassword !== undefined) {
      const m = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
      const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
      if (decoded !== `${identity}:${this.o.basicAuthPassword}`) {
        return this.refuse(socket, 401, 'Unauthorized', m ? 'wrong Basic credentials' : 'no Basic credentials', 'WWW-Authenticate: Basic realm="OCPP"\r\n');
      }
    }
    const ours = subprotocolOf(this.o.version);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (ws.protocol !== ours) {
        // Section 3.2: complete the handshake without a subprotocol, then close at once.
        this.o.log?.(`${identity} offered no supported subprotocol; closing`);
        ws.close(1002, 'no supported OCPP subprotocol');
        setTimeout(() => ws.terminate(), 1000).unref();
        return;
      }
      this.events.onSession(ws, identity);
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.o.port, this.o.host, () => resolve());
    });
    const port = (this.server.address() as { port: number }).port;
    return `${this.o.tls ? 'wss' : 'ws'}://${this.o.host}:${port}${BASE_PATH.replace(/\/$/, '')}`;
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
