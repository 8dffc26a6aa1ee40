import type { Socket } from 'node:net';
import type { AnyCaseContext } from './contexts.js';
import type { Payload } from '../roles/endpoint.js';
import { describeFrame, parseFrame, serializeCall } from '../protocol/framing.js';
import { subprotocolOf } from '../core/versions.js';
import { encodeWsFrame, WS_OPCODE, type RawUpgradeResult } from '../transport/raw.js';
import { stationUrlFor } from './dial.js';
import { waitUntil } from './observe.js';

export { rawUpgrade, encodeWsFrame, WS_OPCODE } from '../transport/raw.js';
export type { RawUpgradeOptions, RawUpgradeResult } from '../transport/raw.js';

/**
 * Raw WebSocket: hand-built frames, upgrades the harness makes itself (ctx.rawUpgrade), a socket
 * watched after a raw 101, and RawStation, a client that never answers pings (a half-open ghost
 * or a silent clone).
 */

/** One WebSocket frame read from a raw socket (a server's frames are unmasked). */
export interface RawWsFrame {
  opcode: number;
  fin: boolean;
  payload: Buffer;
}

/** Splits complete WebSocket frames off the front of a buffer. */
export function parseWsFrames(buf: Buffer): { frames: RawWsFrame[]; rest: Buffer } {
  const frames: RawWsFrame[] = [];
  let i = 0;
  while (i + 2 <= buf.length) {
    const b1 = buf[i + 1];
    let len = b1 & 0x7f;
    let off = i + 2;
    if (len === 126) {
      if (off + 2 > buf.length) break;
      len = buf.readUInt16BE(off);
      off += 2;
    } else if (len === 127) {
      if (off + 8 > buf.length) break;
      len = Number(buf.readBigUInt64BE(off));
      off += 8;
    }
    if (b1 & 0x80) off += 4;
    if (off + len > buf.length) break;
    frames.push({ opcode: buf[i] & 0x0f, fin: (buf[i] & 0x80) !== 0, payload: buf.subarray(off, off + len) });
    i = off + len;
  }
  return { frames, rest: buf.subarray(i) };
}

/**
 * Watches a socket kept open after a raw 101 answer for up to `ms`: did the server close it (a
 * close frame or the TCP connection), and which frames did it send. `waitFor` ends early.
 */
export function watchRawSocket(
  socket: Socket,
  first: Buffer,
  ms: number,
  waitFor?: (f: RawWsFrame) => boolean,
): Promise<{ closed: boolean; closeFrame: boolean; frames: RawWsFrame[] }> {
  return new Promise((resolve) => {
    let buf = Buffer.from(first);
    const frames: RawWsFrame[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('end', onClose);
      resolve({ closed, closeFrame: frames.some((f) => f.opcode === 8), frames });
    };
    const take = () => {
      const parsed = parseWsFrames(buf);
      buf = Buffer.from(parsed.rest);
      frames.push(...parsed.frames);
      if (parsed.frames.some((f) => f.opcode === 8)) finish(true);
      else if (waitFor && parsed.frames.some(waitFor)) finish(false);
    };
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      take();
    };
    const onClose = () => finish(true);
    const timer = setTimeout(() => finish(socket.destroyed), ms);
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('end', onClose);
    socket.on('error', () => undefined);
    take();
    if (socket.destroyed) finish(true);
  });
}

/**
 * A WebSocket client on a raw socket (from rawUpgrade with keepOpen): it never answers pings,
 * which makes it a half-open "ghost" or a silent clone, and it parses what the server sends.
 */
export class RawStation {
  readonly texts: { text: string; at: number }[] = [];
  pings = 0;
  closeCode: number | undefined;
  ended = false;
  private buf = Buffer.alloc(0);

  constructor(
    private readonly ctx: AnyCaseContext,
    readonly label: string,
    readonly socket: Socket,
    rest: Buffer,
  ) {
    socket.on('data', (d: Buffer) => this.feed(d));
    socket.on('close', () => {
      if (!this.ended)
        ctx.note(
          `${label}: TCP connection closed${this.closeCode !== undefined ? ` (close frame ${this.closeCode})` : ' (no close frame)'}`,
        );
      this.ended = true;
    });
    socket.on('error', () => undefined);
    if (rest.length) this.feed(rest);
  }

  /** Upgrades a raw connection; undefined result.socket means no 101. */
  static async open(
    ctx: AnyCaseContext,
    label: string,
    o: { identity: string; protocols?: string | null; headers?: Record<string, string>; within?: number },
  ): Promise<{ result: RawUpgradeResult; raw?: RawStation }> {
    const result = await ctx.rawUpgrade({
      url: stationUrlFor(ctx, o.identity),
      protocols: o.protocols === undefined ? subprotocolOf(ctx.ocpp) : o.protocols,
      headers: o.headers,
      timeoutMs: o.within ?? ctx.config.timeouts.connectMs,
      keepOpen: true,
    });
    ctx.note(
      `${label}: raw upgrade as ${o.identity} answered ${result.status !== undefined ? `HTTP ${result.status}` : `nothing (${result.error})`}`,
    );
    if (result.status !== 101 || !result.socket) {
      result.socket?.destroy();
      return { result };
    }
    return { result, raw: new RawStation(ctx, label, result.socket as Socket, result.rest) };
  }

  get open(): boolean {
    return !this.ended && !this.socket.destroyed;
  }

  private feed(d: Buffer): void {
    const { frames, rest } = parseWsFrames(Buffer.concat([this.buf, d]));
    this.buf = Buffer.from(rest);
    for (const f of frames) this.onFrame(f);
  }

  private onFrame(f: RawWsFrame): void {
    if (f.opcode === WS_OPCODE.text) {
      const text = f.payload.toString('utf8');
      this.texts.push({ text, at: performance.now() });
      this.ctx.note(`${this.label} received ${describeFrame(parseFrame(text))}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`);
    } else if (f.opcode === WS_OPCODE.ping) {
      this.pings += 1;
      if (this.pings <= 3) this.ctx.note(`${this.label} received a ping (not answered)`);
    } else if (f.opcode === WS_OPCODE.close) {
      this.closeCode = f.payload.length >= 2 ? f.payload.readUInt16BE(0) : 1005;
      this.ctx.note(`${this.label} received a close frame (code ${this.closeCode})`);
    }
  }

  /** Sends one masked text frame. */
  sendText(text: string): void {
    this.ctx.note(`${this.label} sends ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`);
    if (this.open) this.socket.write(encodeWsFrame({ opcode: WS_OPCODE.text, payload: text }));
  }

  /** Sends a CALL and waits for its answer (undefined: none within `within` ms). */
  async call(
    action: string,
    payload: Payload,
    within: number,
  ): Promise<{ kind: 'result' | 'error'; payload: unknown; text: string } | undefined> {
    const id = this.ctx.ids.next();
    const from = this.texts.length;
    this.sendText(serializeCall(id, action, payload));
    let found: { kind: 'result' | 'error'; payload: unknown; text: string } | undefined;
    await waitUntil(
      this.ctx,
      () => {
        for (const t of this.texts.slice(from)) {
          const f = parseFrame(t.text);
          if ((f.kind === 'result' || f.kind === 'error') && f.messageId === id) {
            found = { kind: f.kind, payload: f.kind === 'result' ? f.payload : f.errorCode, text: t.text };
            return true;
          }
        }
        return !this.open;
      },
      within,
    );
    return found;
  }

  /** The CALLs of this action the server sent on this socket. */
  callsOf(action: string): string[] {
    return this.texts
      .map((t) => t.text)
      .filter((t) => {
        const f = parseFrame(t);
        return f.kind === 'call' && f.action === action;
      });
  }

  /** Sends a close frame and drops the socket. */
  destroy(): void {
    if (this.socket.destroyed) return;
    try {
      this.socket.write(encodeWsFrame({ opcode: WS_OPCODE.close, payload: Buffer.from([0x03, 0xe8]) }));
    } catch {
      /* already gone */
    }
    this.socket.destroy();
    this.ended = true;
  }
}
