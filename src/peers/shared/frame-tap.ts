import type WebSocket from 'ws';
import { socketOf } from '../../transport/ws-internals.js';

/**
 * A read-only view of the WebSocket frames arriving on a connection, taken from the TCP bytes
 * before the ws library reads them. The 2.0.x reference peers install it only under the faults
 * that need to see frames ws hides (fragment-flood-crash, deflate-bomb-crash): the number of
 * fragments of a message and whether a frame is compressed (RSV1). It never changes, holds or
 * consumes the bytes, and it keeps at most one frame header (14 bytes) in memory.
 */
export interface TappedFrame {
  fin: boolean;
  /** RSV1: the frame claims permessage-deflate compression (RFC 7692). */
  rsv1: boolean;
  opcode: number;
  /** Payload length from the header. */
  length: number;
  /** Data frames of the current message so far, this one included (0 for control frames). */
  fragments: number;
  /** Whether the current data message is compressed (RSV1 on its first frame). */
  compressed: boolean;
}

export class FrameTap {
  private header: number[] = [];
  /** Payload bytes of the current frame still to pass. */
  private skip = 0;
  /** Data frames of the current (or last) data message. */
  fragments = 0;
  /** Whether the current (or last) data message is compressed. */
  compressed = false;

  constructor(private readonly onFrame: (f: TappedFrame) => void) {}

  /** Installs a tap ahead of ws's own reader on the socket under `ws` (undefined without one). */
  static attach(ws: WebSocket, onFrame: (f: TappedFrame) => void): FrameTap | undefined {
    const socket = socketOf(ws);
    if (!socket) return undefined;
    const tap = new FrameTap(onFrame);
    socket.prependListener('data', (chunk: Buffer) => tap.feed(chunk));
    return tap;
  }

  feed(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      this.header.push(chunk[i++]);
      const need = this.headerLength();
      if (need !== undefined && this.header.length >= need) this.emit();
    }
  }

  private headerLength(): number | undefined {
    if (this.header.length < 2) return undefined;
    const b1 = this.header[1];
    const len7 = b1 & 0x7f;
    return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (b1 & 0x80 ? 4 : 0);
  }

  private emit(): void {
    const h = Buffer.from(this.header);
    this.header = [];
    let length = h[1] & 0x7f;
    if (length === 126) length = h.readUInt16BE(2);
    else if (length === 127) length = Number(h.readBigUInt64BE(2));
    this.skip = length;
    const opcode = h[0] & 0x0f;
    const rsv1 = (h[0] & 0x40) !== 0;
    if (opcode === 1 || opcode === 2) {
      this.fragments = 1;
      this.compressed = rsv1;
    } else if (opcode === 0) {
      this.fragments += 1;
    }
    this.onFrame({
      fin: (h[0] & 0x80) !== 0,
      rsv1,
      opcode,
      length,
      fragments: opcode < 8 ? this.fragments : 0,
      compressed: this.compressed,
    });
  }
}
