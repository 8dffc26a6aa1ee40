import net from 'node:net';
import tls from 'node:tls';
import { randomBytes } from 'node:crypto';
import type { WireRecorder } from './connection.js';

/**
 * Tools for traffic the ws library will not produce: HTTP upgrades with any path, headers and
 * subprotocol list (ws throws when a server omits the subprotocol), and hand-built WebSocket
 * frames (RSV bits, unmasked client frames, oversized control frames).
 */
export interface RawUpgradeOptions {
  /** ws:// or wss:// URL, path included, exactly as it goes on the request line. */
  url: string;
  /** Sec-WebSocket-Protocol value, sent verbatim; null sends no header. */
  protocols?: string | null;
  /** Extra or replacing headers (Authorization ...). */
  headers?: Record<string, string>;
  /** Send the request line and headers byte by byte with this delay (slowloris); 0 sends at once. */
  dribbleMs?: number;
  timeoutMs: number;
  tls?: tls.ConnectionOptions;
  recorder?: WireRecorder;
  /** Keep the socket after a 101 (to send raw frames); otherwise it is destroyed. */
  keepOpen?: boolean;
}

export interface RawUpgradeResult {
  /** HTTP status, or undefined when the server answered nothing in time or closed. */
  status?: number;
  statusText?: string;
  headers: Record<string, string>;
  /** Bytes after the header block (a server that talks before the client). */
  rest: Buffer;
  error?: string;
  socket?: net.Socket;
}

export function rawUpgrade(o: RawUpgradeOptions): Promise<RawUpgradeResult> {
  const u = new URL(o.url);
  const secure = u.protocol === 'wss:';
  const port = Number(u.port || (secure ? 443 : 80));
  // The path is used verbatim (URL would normalise "..", "%2F" and the like away).
  const afterHost = o.url.replace(/^wss?:\/\/[^/]*/, '') || '/';
  const lines = [
    `GET ${afterHost} HTTP/1.1`,
    `Host: ${u.host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
  ];
  if (o.protocols !== null && o.protocols !== undefined) lines.push(`Sec-WebSocket-Protocol: ${o.protocols}`);
  for (const [k, v] of Object.entries(o.headers ?? {})) lines.push(`${k}: ${v}`);
  const request = `${lines.join('\r\n')}\r\n\r\n`;
  o.recorder?.note(
    'connection',
    `raw upgrade to ${u.host}: GET ${afterHost} (protocols ${o.protocols === null ? 'none' : JSON.stringify(o.protocols ?? '')})`,
  );
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    let settled = false;
    const socket: net.Socket = secure
      ? tls.connect({ host: u.hostname, port, servername: net.isIP(u.hostname) ? undefined : u.hostname, ...(o.tls ?? {}) })
      : net.connect({ host: u.hostname, port });
    const finish = (r: RawUpgradeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (r.status !== undefined) o.recorder?.note('connection', `raw upgrade answered HTTP ${r.status} ${r.statusText ?? ''}`.trim());
      else o.recorder?.note('connection', `raw upgrade got no HTTP answer: ${r.error}`);
      if (o.keepOpen && r.status === 101) resolve({ ...r, socket });
      else {
        socket.destroy();
        resolve(r);
      }
    };
    const timer = setTimeout(
      () => finish({ headers: {}, rest: Buffer.alloc(0), error: `no answer within ${o.timeoutMs} ms` }),
      o.timeoutMs,
    );
    socket.on('error', (err) => finish({ headers: {}, rest: Buffer.alloc(0), error: err.message }));
    socket.on('close', () => finish({ headers: {}, rest: buf, error: 'connection closed without an HTTP answer' }));
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1').split('\r\n');
      const m = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(head[0] ?? '');
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      finish({
        status: m ? Number(m[1]) : undefined,
        statusText: m?.[2],
        headers,
        rest: buf.subarray(end + 4),
        error: m ? undefined : `not an HTTP answer: ${JSON.stringify(head[0])}`,
      });
    });
    const send = async () => {
      if (!o.dribbleMs) return void socket.write(request);
      for (const ch of request) {
        if (settled || socket.destroyed) return;
        socket.write(ch);
        await new Promise((r) => setTimeout(r, o.dribbleMs));
      }
    };
    socket.once(secure ? 'secureConnect' : 'connect', () => void send());
  });
}

export interface WsFrameSpec {
  opcode: number;
  payload: Buffer | string;
  fin?: boolean;
  /** RSV1..3 as a 3-bit number. */
  rsv?: number;
  /** Client frames must be masked; false builds an unmasked one on purpose. */
  mask?: boolean;
}

/** Encodes one WebSocket frame exactly as specified, valid or not. */
export function encodeWsFrame(f: WsFrameSpec): Buffer {
  const payload = typeof f.payload === 'string' ? Buffer.from(f.payload, 'utf8') : f.payload;
  const fin = f.fin ?? true;
  const first = (fin ? 0x80 : 0) | (((f.rsv ?? 0) & 7) << 4) | (f.opcode & 0x0f);
  const masked = f.mask ?? true;
  let header: Buffer;
  if (payload.length < 126) header = Buffer.from([first, (masked ? 0x80 : 0) | payload.length]);
  else if (payload.length < 65536) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const body = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) body[i] = payload[i] ^ key[i & 3];
  return Buffer.concat([header, key, body]);
}

export const WS_OPCODE = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;
