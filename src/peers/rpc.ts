import http from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { parseFrame, serializeCall, serializeError, serializeResult, serializeSend, type CallErrorFrame } from '../protocol/framing.js';
import { errorCode, errorKindForSchemaKeyword } from '../protocol/errors.js';
import type { SchemaValidator } from '../protocol/schemas.js';
import { subprotocolOf, type OcppVersion } from '../core/versions.js';
import type { IdSource } from '../core/clock.js';

export type Payload = Record<string, any>;

/** Thrown by a handler to answer with a CALLERROR. */
export class RpcError extends Error {
  constructor(
    readonly code: string,
    message = '',
    readonly details: Payload = {},
  ) {
    super(message);
  }
}

export type Handler = (payload: Payload, action: string) => Promise<Payload | typeof NO_REPLY> | Payload | typeof NO_REPLY;
/** A handler returning this sends no reply (used by faults only). */
export const NO_REPLY = Symbol('no-reply');

export interface RpcPeerOptions {
  version: OcppVersion;
  validator: SchemaValidator;
  ids: IdSource;
  callTimeoutMs: number;
  /** Validate inbound calls and answer violations with the spec's CALLERROR (a conformant peer does). */
  validateInbound?: boolean;
}

/**
 * A small conformant OCPP-J endpoint for the reference peers (not used by the harness side):
 * it answers calls through handlers, validates them against the schemas, answers unknown
 * actions with NotImplemented, and sends its own calls one at a time.
 */
export class RpcPeer {
  private readonly handlers = new Map<string, Handler>();
  private readonly pending = new Map<string, { resolve: (p: Payload) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly closeListeners: ((code: number) => void)[] = [];
  /** 2.1 CALLRESULTERRORs [5] received: the other side found an error in one of our CALLRESULTs. */
  readonly resultErrors: CallErrorFrame[] = [];
  private interceptor: ((text: string, isBinary: boolean) => boolean) | undefined;
  closed = false;

  constructor(
    readonly ws: WebSocket,
    private readonly opts: RpcPeerOptions,
  ) {
    ws.on('message', (data, isBinary) => void this.onMessage(data.toString(), isBinary));
    ws.on('close', (code) => {
      this.closed = true;
      for (const [, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new Error('connection closed'));
      }
      this.pending.clear();
      for (const l of this.closeListeners) l(code);
    });
    ws.on('error', () => undefined);
  }

  handle(action: string, handler: Handler): this {
    this.handlers.set(action, handler);
    return this;
  }

  /**
   * Sees every inbound text before the conformant handling; returning true means "handled, do
   * nothing more". Peer modules implement their named faults here (and only under a fault).
   */
  intercept(fn: (text: string, isBinary: boolean) => boolean): this {
    this.interceptor = fn;
    return this;
  }

  onClose(listener: (code: number) => void): void {
    this.closeListeners.push(listener);
  }

  sendRaw(text: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  private async onMessage(text: string, isBinary: boolean): Promise<void> {
    const v = this.opts.version;
    if (this.interceptor?.(text, isBinary)) return;
    if (isBinary) return;
    const frame = parseFrame(text);
    switch (frame.kind) {
      case 'malformed': {
        // A broken answer to one of our calls fails that call at once (no waiting for a timeout).
        const pending = frame.messageId ? this.pending.get(frame.messageId) : undefined;
        if (pending && frame.messageId) {
          this.pending.delete(frame.messageId);
          clearTimeout(pending.timer);
          pending.reject(new RpcError(errorCode(v, 'rpcFramework'), `malformed answer: ${frame.problem}`));
          return;
        }
        // Answer what can be correlated; a frame without a readable id is answered with id "-1".
        const kind = frame.problem.startsWith('unknown message type') ? 'messageTypeNotSupported' : 'rpcFramework';
        this.sendRaw(serializeError(frame.messageId ?? '-1', errorCode(v, kind), frame.problem));
        return;
      }
      case 'result':
      case 'error': {
        // A CALLRESULTERROR [5] reports on a CALLRESULT we sent; it never answers one of our calls.
        if (frame.kind === 'error' && frame.messageType === 5) return void this.resultErrors.push(frame);
        const p = this.pending.get(frame.messageId);
        if (!p) return;
        this.pending.delete(frame.messageId);
        clearTimeout(p.timer);
        if (frame.kind === 'result') p.resolve(frame.payload as Payload);
        else p.reject(new RpcError(frame.errorCode, frame.errorDescription));
        return;
      }
      case 'send': {
        // 2.1 SEND [6]: handled when valid, never answered (not even an invalid one). Before 2.1
        // the type is unknown; the reference peers' faults and interceptors judge it there.
        if (v !== '2.1' || !this.opts.validator.validate(frame.action, 'request', frame.payload).valid) return;
        await Promise.resolve(this.handlers.get(frame.action)?.(frame.payload as Payload, frame.action)).catch(() => undefined);
        return;
      }
      case 'call': {
        const known = this.opts.validator.hasAction(frame.action);
        if (!known) return this.sendRaw(serializeError(frame.messageId, 'NotImplemented', `unknown action ${frame.action}`));
        if (this.opts.validateInbound !== false) {
          const res = this.opts.validator.validate(frame.action, 'request', frame.payload);
          if (!res.valid) {
            const code = errorCode(v, errorKindForSchemaKeyword(res.violations[0]?.keyword ?? ''));
            return this.sendRaw(
              serializeError(
                frame.messageId,
                code,
                res.violations
                  .map((x) => x.message)
                  .join('; ')
                  .slice(0, 255),
              ),
            );
          }
        }
        const handler = this.handlers.get(frame.action);
        if (!handler) return this.sendRaw(serializeError(frame.messageId, 'NotSupported', `${frame.action} is not supported`));
        try {
          const out = await handler(frame.payload as Payload, frame.action);
          if (out === NO_REPLY) return;
          this.sendRaw(serializeResult(frame.messageId, out));
        } catch (err) {
          if (err instanceof RpcError) this.sendRaw(serializeError(frame.messageId, err.code, err.message, err.details));
          else this.sendRaw(serializeError(frame.messageId, errorCode(v, 'internal'), (err as Error).message.slice(0, 255)));
        }
        return;
      }
    }
  }

  /** Sends a 2.1 SEND [6]: unconfirmed, so it neither waits for nor expects an answer. */
  send(action: string, payload: Payload): void {
    this.sendRaw(serializeSend(this.opts.ids.next(), action, payload));
  }

  /** Sends a call after the previous one was answered (OCPP allows one outstanding call); `timeoutMs`: the wait for its answer. */
  call(action: string, payload: Payload, timeoutMs = this.opts.callTimeoutMs): Promise<Payload> {
    const run = () =>
      new Promise<Payload>((resolve, reject) => {
        if (this.closed || this.ws.readyState !== WebSocket.OPEN) return reject(new Error('connection closed'));
        const id = this.opts.ids.next();
        const timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new Error(`${action}: no response within ${timeoutMs} ms`));
        }, timeoutMs);
        this.pending.set(id, { resolve, reject, timer });
        this.ws.send(serializeCall(id, action, payload));
      });
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  close(code = 1000): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code);
    setTimeout(() => this.ws.terminate(), 500).unref();
  }
}

/** Dials a CSMS as a reference station would. */
export function dialAsStation(opts: {
  target: string;
  identity: string;
  version: OcppVersion;
  basicAuthPassword?: string;
  timeoutMs: number;
}): Promise<WebSocket> {
  const url = `${opts.target.replace(/\/+$/, '')}/${encodeURIComponent(opts.identity)}`;
  const headers: Record<string, string> = {};
  if (opts.basicAuthPassword)
    headers.authorization = `Basic ${Buffer.from(`${opts.identity}:${opts.basicAuthPassword}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [subprotocolOf(opts.version)], { headers, handshakeTimeout: opts.timeoutMs });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_r, res) => {
      ws.terminate();
      reject(new Error(`HTTP ${res.statusCode}`));
    });
  });
}

export interface AcceptedStation {
  ws: WebSocket;
  identity: string;
}

/** A minimal CSMS listener for the reference CSMS: checks subprotocol and Basic auth. */
export class ReferenceListener {
  private readonly server = http.createServer((_q, r) => {
    r.writeHead(426);
    r.end();
  });
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Duplex>();

  constructor(
    private readonly opts: { host: string; port: number; version: OcppVersion; passwords?: (identity: string) => string | undefined },
    onStation: (s: AcceptedStation) => void,
  ) {
    const ours = subprotocolOf(opts.version);
    this.wss = new WebSocketServer({ noServer: true, handleProtocols: (set) => (set.has(ours) ? ours : false) });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('upgrade', (req, socket, head) => {
      socket.on('error', () => socket.destroy());
      const refuse = (status: number) => {
        socket.write(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        socket.destroy();
      };
      const segs = (req.url ?? '/').split('?')[0].split('/').filter(Boolean);
      let identity: string;
      try {
        identity = decodeURIComponent(segs[segs.length - 1] ?? '');
      } catch {
        return refuse(400);
      }
      if (!identity) return refuse(404);
      const offered = String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((s) => s.trim());
      if (!offered.includes(subprotocolOf(opts.version))) return refuse(400);
      const expected = opts.passwords?.(identity);
      if (expected !== undefined) {
        const m = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
        const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
        if (decoded !== `${identity}:${expected}`) return refuse(401);
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => onStation({ ws, identity }));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => resolve());
    });
    const port = (this.server.address() as { port: number }).port;
    return `ws://${this.opts.host}:${port}/ocpp`;
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
