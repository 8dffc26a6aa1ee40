import type { WebSocket, RawData } from 'ws';
import { socketOf } from './ws-internals.js';
import { describeFrame, parseFrame, type Frame } from '../protocol/framing.js';

/** What the transport reports to whoever records: every frame in and out, and life-cycle notes. */
export interface WireRecorder {
  frame(conn: string, dir: 'in' | 'out', text: string, summary: string): void;
  note(kind: 'connection' | 'observation' | 'harness' | 'manual' | 'wait', text: string): void;
}

export interface InboundFrame {
  conn: OcppConnection;
  text: string;
  frame: Frame;
  /** Monotonic receive time. */
  at: number;
}

export interface CloseInfo {
  code: number;
  reason: string;
  /** Who closed: the peer, the harness, or a transport error. */
  by: 'peer' | 'harness' | 'error';
}

/**
 * One WebSocket connection. Records; never replies, retries or closes on its own.
 * Listeners get every inbound frame already parsed (parsing never throws).
 */
export class OcppConnection {
  private recorder: WireRecorder | undefined;
  private readonly listeners = new Set<(f: InboundFrame) => void>();
  private readonly closeListeners = new Set<(c: CloseInfo) => void>();
  closed: CloseInfo | undefined;
  private closingByHarness = false;
  /** Protocol state that outlives one case (e.g. whether the boot was accepted). */
  readonly state: Record<string, unknown> = {};

  constructor(
    readonly ws: WebSocket,
    readonly label: string,
    readonly identity: string,
    readonly subprotocol: string,
    private readonly monotonic: () => number,
  ) {
    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(data, isBinary));
    ws.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString('utf8'), by: this.closingByHarness ? 'harness' : 'peer' };
      this.recorder?.note(
        'connection',
        `${this.label} closed by ${this.closed.by} (code ${code}${this.closed.reason ? `, "${this.closed.reason}"` : ''})`,
      );
      for (const l of this.closeListeners) l(this.closed);
    });
    // A socket error is recorded; the close event that follows ends the connection.
    ws.on('error', (err: Error) => this.recorder?.note('connection', `${this.label} transport error: ${err.message}`));
  }

  /** Attach the recorder of the case now running (a station connection can outlive a case). */
  attach(recorder: WireRecorder | undefined): void {
    this.recorder = recorder;
  }

  get isOpen(): boolean {
    return this.closed === undefined && this.ws.readyState === 1;
  }

  onFrame(listener: (f: InboundFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClose(listener: (c: CloseInfo) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    const text = buf.toString('utf8');
    const frame: Frame = isBinary
      ? { kind: 'malformed', problem: `binary WebSocket frame (${buf.length} bytes); OCPP-J uses text frames` }
      : parseFrame(text);
    this.recorder?.frame(this.label, 'in', isBinary ? `<binary ${buf.toString('hex').slice(0, 200)}>` : text, describeFrame(frame));
    const inbound: InboundFrame = { conn: this, text, frame, at: this.monotonic() };
    for (const l of this.listeners) l(inbound);
  }

  /** Sends text exactly as given (valid OCPP or not) and records it. */
  send(text: string): Promise<void> {
    this.recorder?.frame(this.label, 'out', text, describeFrame(parseFrame(text)));
    if (!this.isOpen) {
      this.recorder?.note('harness', `${this.label} is not open; frame not sent`);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.ws.send(text, () => resolve()));
  }

  sendBinary(data: Buffer): Promise<void> {
    this.recorder?.frame(this.label, 'out', `<binary ${data.toString('hex').slice(0, 200)}>`, `binary frame (${data.length} bytes)`);
    if (!this.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.ws.send(data, { binary: true }, () => resolve()));
  }

  /**
   * Writes bytes straight to the TCP socket under the WebSocket (hand-built frames from
   * encodeWsFrame): the attack suite's way to send what the ws library refuses to produce.
   */
  writeRawBytes(bytes: Buffer, description: string): void {
    this.recorder?.frame(
      this.label,
      'out',
      `<raw ${bytes.length} bytes ${bytes.subarray(0, 64).toString('hex')}${bytes.length > 64 ? '…' : ''}>`,
      description,
    );
    const socket = socketOf(this.ws);
    if (!socket || socket.destroyed || this.closed) {
      this.recorder?.note('harness', `${this.label} is not open; raw bytes not sent`);
      return;
    }
    socket.write(bytes);
  }

  /** Closes with a WebSocket close frame. */
  close(code = 1000, reason = ''): void {
    if (this.closed) return;
    this.closingByHarness = true;
    this.recorder?.note('connection', `harness closes ${this.label} (code ${code})`);
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    // A peer that never answers the close handshake must not keep the socket alive.
    setTimeout(() => this.ws.terminate(), 2000).unref();
  }

  /** Drops TCP without a close handshake. */
  drop(): void {
    if (this.closed) return;
    this.closingByHarness = true;
    this.recorder?.note('connection', `harness drops TCP of ${this.label}`);
    this.ws.terminate();
  }
}
