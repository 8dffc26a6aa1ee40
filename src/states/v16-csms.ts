import type { Socket } from 'node:net';
import type { CaseContext } from '../engine/context.js';
import type { StateTable } from '../engine/states.js';
import type { Payload } from '../transport/endpoint.js';

/**
 * Reusable states for 1.6 cases where the SUT is a central system (the harness is a charge point),
 * plus the small charge-point vocabulary the cases share (payload builders, the running
 * transaction). Requirement ids name OCPP 1.6 Ed. 2 sections: OCPP16-4.x for operations the
 * charge point starts, OCPP16-5.x for those the central system starts.
 */

/** What the harness charge point remembers during one case. */
export interface ChargePointMemory16 {
  /** The transaction the central system assigned in the last accepted StartTransaction. */
  transaction?: { transactionId: number; connectorId: number; idTag: string; meterStart: number };
  /** Energy register of the configured connector, in Wh. */
  meterWh: number;
}

/** The harness charge point's memory for this case. */
export function cp16(ctx: CaseContext): ChargePointMemory16 {
  return ctx.remember<ChargePointMemory16>('cp16', () => ({ meterWh: 0 }));
}

/** The transaction started by the Charging state (or a case); a harness error when none runs. */
export function runningTransaction16(ctx: CaseContext): NonNullable<ChargePointMemory16['transaction']> {
  const tx = cp16(ctx).transaction;
  if (!tx) throw new Error(`harness: ${ctx.meta.id} needs a running transaction (use ctx.given('Charging'))`);
  return tx;
}

/** The BootNotification.req the harness charge point sends. */
export function bootNotification16(): Payload {
  return { chargePointVendor: 'ocpp-harness', chargePointModel: 'HarnessChargePoint', chargePointSerialNumber: 'HARNESS-0001', firmwareVersion: '1.0.0' };
}

/** Sends StatusNotification for a connector (the configured one unless given) and awaits the answer. */
export async function statusNotification16(
  ctx: CaseContext,
  status: 'Available' | 'Preparing' | 'Charging' | 'SuspendedEV' | 'SuspendedEVSE' | 'Finishing' | 'Reserved' | 'Unavailable' | 'Faulted',
  connectorId = ctx.config.ids.connectorId,
): Promise<void> {
  await ctx.station.call('StatusNotification', { connectorId, errorCode: 'NoError', status, timestamp: ctx.nowIso() }, { requirement: 'OCPP16-4.9' });
}

/** Sends StartTransaction, remembers the assigned transaction and returns the response. */
export async function startTransaction16(ctx: CaseContext, idTag: string, opts: { requirement?: string; timestamp?: string } = {}): Promise<Payload> {
  const mem = cp16(ctx);
  const connectorId = ctx.config.ids.connectorId;
  const res = await ctx.station.call(
    'StartTransaction',
    { connectorId, idTag, meterStart: mem.meterWh, timestamp: opts.timestamp ?? ctx.nowIso() },
    { requirement: opts.requirement ?? 'OCPP16-4.8' },
  );
  ctx.check(Number.isInteger(res.transactionId), opts.requirement ?? 'OCPP16-4.8', 'StartTransaction.conf carries an integer transactionId', res.transactionId);
  mem.transaction = { transactionId: res.transactionId, connectorId, idTag, meterStart: mem.meterWh };
  return res;
}

/** Sends StopTransaction for the running transaction and returns the response. */
export async function stopTransaction16(
  ctx: CaseContext,
  reason: 'EVDisconnected' | 'Local' | 'Remote' | 'DeAuthorized' | 'PowerLoss' | 'Other',
  opts: { idTag?: string; requirement?: string } = {},
): Promise<Payload> {
  const mem = cp16(ctx);
  const tx = runningTransaction16(ctx);
  mem.meterWh += 1500;
  const payload: Payload = { transactionId: tx.transactionId, meterStop: mem.meterWh, timestamp: ctx.nowIso(), reason };
  if (opts.idTag) payload.idTag = opts.idTag;
  const res = await ctx.station.call('StopTransaction', payload, { requirement: opts.requirement ?? 'OCPP16-4.10' });
  mem.transaction = undefined;
  return res;
}

export const states16Csms: StateTable = {
  /** Connected, BootNotification accepted, connectors 0 and the configured one reported Available. */
  async Booted(ctx) {
    const { station, config } = ctx;
    if (!station.connection) await station.connect({ requirement: 'OCPP16-4.2' });
    const res = await station.call('BootNotification', bootNotification16(), { requirement: 'OCPP16-4.2' });
    ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-4.2', 'BootNotification.conf status');
    await statusNotification16(ctx, 'Available', 0);
    await statusNotification16(ctx, 'Available', config.ids.connectorId);
  },

  /** Booted, then the configured valid idTag is authorized (options.idTag overrides it). */
  async Authorized(ctx, options) {
    const { station, config } = ctx;
    if (!station.connection) await ctx.given('Booted');
    const idTag = typeof options.idTag === 'string' ? options.idTag : config.ids.validIdToken.idToken;
    const res = await station.call('Authorize', { idTag }, { requirement: 'OCPP16-4.1' });
    ctx.expectOneOf(res.idTagInfo?.status, ['Accepted'], 'OCPP16-4.1', 'Authorize.conf idTagInfo.status');
  },

  /** Booted, cable plugged in (Preparing), authorized, transaction started and Charging reported. */
  async Charging(ctx) {
    const { config } = ctx;
    if (!ctx.station.connection) await ctx.given('Booted');
    await statusNotification16(ctx, 'Preparing');
    await ctx.given('Authorized');
    const res = await startTransaction16(ctx, config.ids.validIdToken.idToken);
    ctx.expectOneOf(res.idTagInfo?.status, ['Accepted'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status');
    await statusNotification16(ctx, 'Charging');
  },
};

// ---- Security suite helpers (SEC16 cases against a central system) -----------------------------

export {
  FRAMING_CODES_16,
  FrameWatch,
  closedText,
  fenceCall,
  judgeNotExecuted,
  negativeMatrix16,
  rawHead,
  refusalStatus,
  runNegativeMatrix16,
  sendProbes,
  waitClosed,
  type Probe,
  type ProbeAnswer,
  type ProbeOutcome,
} from './v16-cs.js';

/** The URL the harness charge point dials for an identity (raw: the path segment is used as given). */
export function identityUrl(ctx: CaseContext, rawSegment: string): string {
  return `${ctx.station.target.replace(/\/+$/, '')}/${rawSegment}`;
}

/** One WebSocket frame read from a raw socket (the server's frames are unmasked). */
export interface RawWsFrame {
  opcode: number;
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
    frames.push({ opcode: buf[i] & 0x0f, payload: buf.subarray(off, off + len) });
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
