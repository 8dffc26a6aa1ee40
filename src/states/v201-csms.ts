import { createPublicKey, X509Certificate } from 'node:crypto';
import { SECURITY_EVENT_NAMES_201 } from '../protocol/security-events.js';
import { auditCertificate, splitPemChain } from '../pki/test-pki.js';
import type { CaseContext } from '../engine/context.js';
import type { IdTokenConfig } from '../core/config.js';
import type { StateTable } from '../engine/states.js';
import type { Payload } from '../roles/endpoint.js';
import type net from 'node:net';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import zlib from 'node:zlib';
import { serializeCall, parseFrame, describeFrame } from '../protocol/framing.js';
import { subprotocolOf } from '../core/versions.js';
import { CaseFailure } from '../core/verdict.js';
import type { CallOutcome } from '../roles/endpoint.js';
import type { InboundFrame, OcppConnection } from '../transport/connection.js';
import { encodeWsFrame, rawUpgrade, WS_OPCODE, type RawUpgradeResult } from '../transport/raw.js';

/**
 * Reusable states for 2.0.1 cases where the SUT is a CSMS (the harness is a station), plus the
 * small transaction bookkeeping a station needs (transactionId, contiguous seqNo) so case bodies
 * stay linear. The states assume the CSMS-side defaults of the certification tests:
 * TxStartPoint = EVConnected,Authorized and TxStopPoint = EVConnected.
 *
 *   Booted                 connect, BootNotification accepted, connector reported Available
 *   EVConnectedPreSession  cable plugged in: Occupied, transaction Started (CablePluggedIn)
 *   Authorized             valid idToken authorized (Authorize), then Started or Updated with it
 *   EnergyTransferStarted  EVConnectedPreSession + Authorized + chargingState Charging
 *   StopAuthorized         the driver stops with the valid idToken (Updated StopAuthorized)
 *   EVDisconnected         the cable is removed: transaction Ended, connector Available
 *   Unavailable            the CSMS (operator) made the EVSE/connector/station Inoperative
 */

export interface StationTx {
  transactionId: string;
  /** The seqNo the next TransactionEventRequest of this transaction gets. */
  nextSeqNo: number;
  evseId: number;
  connectorId: number;
  /** Whether the Started event was sent. */
  started: boolean;
  authorized: boolean;
  stopAuthorized: boolean;
}

/** The case's transaction slot, kept in the case context's memory. */
const txSlot = (ctx: CaseContext) => ctx.remember<{ tx?: StationTx }>('v201-csms.tx', () => ({}));

/** The transaction the harness station is running in this case, if any. */
export function currentTx(ctx: CaseContext): StationTx | undefined {
  return txSlot(ctx).tx;
}

/** Opens a new transaction record on the configured EVSE; its first event gets seqNo 0. */
export function newTx(ctx: CaseContext, transactionId = ctx.ids.next().slice(0, 36)): StationTx {
  const tx: StationTx = { transactionId, nextSeqNo: 0, evseId: ctx.config.ids.evseId, connectorId: ctx.config.ids.connectorId, started: false, authorized: false, stopAuthorized: false };
  txSlot(ctx).tx = tx;
  return tx;
}

/** Forgets the transaction (after its Ended event). */
export function clearTx(ctx: CaseContext): void {
  txSlot(ctx).tx = undefined;
}

export interface TxEventOptions {
  chargingState?: 'Charging' | 'EVConnected' | 'SuspendedEV' | 'SuspendedEVSE' | 'Idle';
  stoppedReason?: string;
  remoteStartId?: number;
  idToken?: IdTokenConfig;
  meterValue?: Payload[];
  /** Send evse even on Updated/Ended events (it is always sent on Started). */
  withEvse?: boolean;
  /** The requirement a missing or erroneous answer violates. */
  requirement?: string;
}

/**
 * Sends one TransactionEventRequest of the current transaction (opening one for a Started
 * event if needed) with the next seqNo, and returns the CSMS's TransactionEventResponse.
 */
export async function txEvent(ctx: CaseContext, eventType: 'Started' | 'Updated' | 'Ended', triggerReason: string, o: TxEventOptions = {}): Promise<Payload> {
  let tx = currentTx(ctx);
  if (!tx) {
    if (eventType !== 'Started') throw new Error(`harness: ${eventType} TransactionEvent without a transaction`);
    tx = newTx(ctx);
  }
  const transactionInfo: Payload = { transactionId: tx.transactionId };
  if (o.chargingState) transactionInfo.chargingState = o.chargingState;
  if (o.stoppedReason) transactionInfo.stoppedReason = o.stoppedReason;
  if (o.remoteStartId !== undefined) transactionInfo.remoteStartId = o.remoteStartId;
  const payload: Payload = { eventType, timestamp: ctx.nowIso(), triggerReason, seqNo: tx.nextSeqNo, transactionInfo };
  if (eventType === 'Started' || o.withEvse) payload.evse = { id: tx.evseId, connectorId: tx.connectorId };
  if (o.idToken) payload.idToken = { idToken: o.idToken.idToken, type: o.idToken.type };
  if (o.meterValue) payload.meterValue = o.meterValue;
  tx.nextSeqNo += 1;
  if (eventType === 'Started') tx.started = true;
  const res = await ctx.station.call('TransactionEvent', payload, { requirement: o.requirement });
  if (eventType === 'Ended') clearTx(ctx);
  return res;
}

/** Reports the configured connector's status. */
export async function connectorStatus(ctx: CaseContext, status: 'Available' | 'Occupied' | 'Reserved' | 'Unavailable' | 'Faulted', requirement?: string): Promise<void> {
  const { evseId, connectorId } = ctx.config.ids;
  await ctx.station.call('StatusNotification', { timestamp: ctx.nowIso(), connectorStatus: status, evseId, connectorId }, { requirement });
}

/** One energy register reading (Wh) for meterValue arrays. */
export function energyReading(ctx: CaseContext, wh: number, context: string, extra: Payload = {}): Payload {
  return { timestamp: ctx.nowIso(), sampledValue: [{ value: wh, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' }, ...extra }] };
}

/** Fails unless a TransactionEventResponse carries idTokenInfo with one of the statuses. */
export function expectIdTokenStatus(ctx: CaseContext, res: Payload, allowed: string[], requirement: string): void {
  ctx.check(res.idTokenInfo !== undefined, requirement, `TransactionEventResponse with idTokenInfo (status ${allowed.join(' or ')})`, `no idTokenInfo in ${JSON.stringify(res)}`);
  ctx.expectOneOf(res.idTokenInfo.status, allowed, requirement, 'idTokenInfo.status');
}

export const states201Csms: StateTable = {
  async Booted(ctx) {
    const { station } = ctx;
    if (!station.connection) await station.connect({ requirement: 'B01.FR.01' });
    const res = await station.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'HarnessStation', vendorName: 'ocpp-harness' } }, { requirement: 'B01.FR.01' });
    ctx.expectOneOf(res.status, ['Accepted'], 'B01.FR.01', 'BootNotificationResponse.status');
    await connectorStatus(ctx, 'Available');
  },

  async EVConnectedPreSession(ctx) {
    if (!ctx.station.connection) await ctx.given('Booted');
    await connectorStatus(ctx, 'Occupied');
    const tx = currentTx(ctx);
    if (tx?.started) {
      await txEvent(ctx, 'Updated', 'CablePluggedIn', { chargingState: 'EVConnected', withEvse: true });
    } else {
      await txEvent(ctx, 'Started', 'CablePluggedIn', { chargingState: 'EVConnected' });
    }
  },

  async Authorized(ctx) {
    if (!ctx.station.connection) await ctx.given('Booted');
    const token = ctx.config.ids.validIdToken;
    const auth = await ctx.station.call('Authorize', { idToken: { idToken: token.idToken, type: token.type } }, { requirement: 'C01.FR.02' });
    ctx.expectOneOf(auth.idTokenInfo?.status, ['Accepted'], 'C01.FR.02', 'AuthorizeResponse.idTokenInfo.status');
    const tx = currentTx(ctx);
    const res = tx?.started
      ? await txEvent(ctx, 'Updated', 'Authorized', { idToken: token })
      : await txEvent(ctx, 'Started', 'Authorized', { idToken: token });
    expectIdTokenStatus(ctx, res, ['Accepted'], 'E01.FR.03');
    currentTx(ctx)!.authorized = true;
  },

  async EnergyTransferStarted(ctx) {
    const tx = currentTx(ctx);
    if (!tx?.started) await ctx.given('EVConnectedPreSession');
    if (!currentTx(ctx)?.authorized) await ctx.given('Authorized');
    await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging' });
  },

  async StopAuthorized(ctx) {
    const token = ctx.config.ids.validIdToken;
    const tx = currentTx(ctx);
    await txEvent(ctx, 'Updated', 'StopAuthorized', { idToken: token, chargingState: 'EVConnected' });
    if (tx) tx.stopAuthorized = true;
  },

  async EVDisconnected(ctx, options) {
    const tx = currentTx(ctx);
    const stoppedReason = (options.stoppedReason as string | undefined) ?? (tx?.stopAuthorized ? 'Local' : 'EVDisconnected');
    await txEvent(ctx, 'Ended', 'EVCommunicationLost', { chargingState: 'Idle', stoppedReason });
    await connectorStatus(ctx, (options.connectorStatus as 'Available' | 'Unavailable' | undefined) ?? 'Available');
  },

  /**
   * Unavailable: the operator makes the CSMS set the configured EVSE (or connector, or with
   * scope 'station' the whole station) Inoperative; the station accepts and reports Unavailable.
   */
  async Unavailable(ctx, options) {
    const { station, config } = ctx;
    if (!station.connection) await ctx.given('Booted');
    const scope = (options.scope as 'evse' | 'connector' | 'station' | undefined) ?? 'evse';
    const target = scope === 'station' ? {} : scope === 'connector' ? { evseId: config.ids.evseId, connectorId: config.ids.connectorId } : { evseId: config.ids.evseId };
    await ctx.manual(
      'csmsSend',
      { message: 'ChangeAvailability', stationId: config.stationId, operationalStatus: 'Inoperative', ...target },
      `Make the CSMS set the ${scope === 'station' ? 'whole station' : scope === 'connector' ? `connector ${config.ids.connectorId} of EVSE ${config.ids.evseId}` : `EVSE ${config.ids.evseId}`} Inoperative`,
    );
    const req = await station.expectCall('ChangeAvailability', { requirement: scope === 'station' ? 'G04.FR.01' : 'G03.FR.01' });
    ctx.expectOneOf(req.payload.operationalStatus, ['Inoperative'], scope === 'station' ? 'G04.FR.01' : 'G03.FR.01', 'ChangeAvailabilityRequest.operationalStatus');
    await station.reply(req, { status: 'Accepted' });
    await connectorStatus(ctx, 'Unavailable');
  },
};

// ---- Security-suite helpers (testcases/security/ocpp201, SUT = CSMS) --------------------------


/** A BootNotification payload of the harness station. */
export function bootPayload(model = 'HarnessStation'): Payload {
  return { reason: 'PowerUp', chargingStation: { model, vendorName: 'ocpp-harness' } };
}

/** A fresh identifierString (letters and digits only) of at most 48 characters. */
export function freshIdentity(ctx: CaseContext, prefix: string): string {
  return `${prefix}${ctx.ids.next().replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}`.slice(0, 48);
}

/** The URL a station with this identity connects to (identity percent-encoded unless raw). */
export function stationUrlFor(ctx: CaseContext, identity: string, raw = false): string {
  return `${ctx.station.target.replace(/\/+$/, '')}/${raw ? identity : encodeURIComponent(identity)}`;
}

/** Polls a condition every 10 ms until it holds or `within` ms pass; bounded by the case abort. */
export async function waitUntil(ctx: CaseContext, cond: () => boolean, within: number): Promise<boolean> {
  const deadline = performance.now() + within;
  for (;;) {
    if (cond()) return true;
    if (ctx.abort.aborted || performance.now() >= deadline) return cond();
    await new Promise((r) => setTimeout(r, Math.min(10, Math.max(1, deadline - performance.now()))));
  }
}

/** Sends a CALL on one given connection (not necessarily the newest) and waits for its answer. */
export async function callOn(
  ctx: CaseContext,
  conn: OcppConnection,
  action: string,
  payload: Payload,
  o: { messageId?: string; within?: number; requirement?: string } = {},
): Promise<CallOutcome> {
  const id = o.messageId ?? ctx.ids.next();
  await conn.send(serializeCall(id, action, payload));
  return ctx.station.awaitResponse(id, action, conn, { within: o.within, requirement: o.requirement });
}

/** What an answer frame is, read from its text: it may echo an invalid id the framing parser refuses. */
export interface AnswerShape {
  kind: 'result' | 'error';
  messageId: unknown;
  /** The CALLERROR code (when kind is error and the code is a string). */
  errorCode?: string;
}

export function answerShape(f: InboundFrame | undefined): AnswerShape | undefined {
  if (!f) return undefined;
  if (f.frame.kind === 'result') return { kind: 'result', messageId: f.frame.messageId };
  if (f.frame.kind === 'error') return { kind: 'error', messageId: f.frame.messageId, errorCode: f.frame.errorCode };
  try {
    const v = JSON.parse(f.text) as unknown;
    if (Array.isArray(v) && (v[0] === 3 || v[0] === 4)) return { kind: v[0] === 3 ? 'result' : 'error', messageId: v[1], errorCode: typeof v[2] === 'string' && v[0] === 4 ? v[2] : undefined };
  } catch {
    /* not an answer */
  }
  return undefined;
}

/** The CALLRESULT/CALLERROR carrying one of these ids, if one arrives within `within` ms. */
export async function answerFor(ctx: CaseContext, ids: readonly string[], within: number, conn?: OcppConnection): Promise<InboundFrame | undefined> {
  try {
    return await ctx.station.expectFrame(
      `an answer to ${ids.map((i) => JSON.stringify(i.length > 40 ? `${i.slice(0, 40)}…` : i)).join(' or ')}`,
      (f) => {
        const a = f.frame.kind === 'call' || f.frame.kind === 'send' ? undefined : answerShape(f);
        return a !== undefined && typeof a.messageId === 'string' && ids.includes(a.messageId) && (!conn || f.conn === conn);
      },
      { within },
    );
  } catch (err) {
    if (err instanceof CaseFailure) return undefined;
    throw err;
  }
}

/** A CALL of this action the CSMS sent on a given connection, if one arrives within `within` ms. */
export async function callArrivedOn(ctx: CaseContext, conn: OcppConnection, action: string, within: number): Promise<InboundFrame | undefined> {
  try {
    return await ctx.station.expectFrame(`CALL ${action} on ${conn.label}`, (f) => f.conn === conn && f.frame.kind === 'call' && f.frame.action === action, { within });
  } catch (err) {
    if (err instanceof CaseFailure) return undefined;
    throw err;
  }
}

export interface ProbedFrame {
  /** The CALLRESULT/CALLERROR that answered the frame (by its id, or "-1"), if any. */
  answer?: InboundFrame;
  /** Set when the CSMS closed the connection instead. */
  closed?: { code: number; reason: string };
}

/**
 * Sends any text on the current connection, then a Heartbeat. The Heartbeat's answer bounds the
 * wait: whatever the CSMS answered to the text arrived by then (it handles one connection's
 * frames in order), so silence needs no timeout. A session that stopped answering fails.
 */
export async function sendThenProbe(ctx: CaseContext, text: string, ids: readonly string[], requirement: string): Promise<ProbedFrame> {
  const { station, config } = ctx;
  const conn = station.connection;
  if (!conn) throw new CaseFailure(requirement, ['an open session with the CSMS'], 'the connection is closed');
  const closedInfo = (): ProbedFrame['closed'] => (conn.closed ? { code: conn.closed.code, reason: conn.closed.reason } : undefined);
  await conn.send(text);
  if (closedInfo()) return { closed: closedInfo() };
  const probeId = ctx.ids.next();
  await conn.send(serializeCall(probeId, 'Heartbeat', {}));
  let probe = true;
  try {
    await station.awaitResponse(probeId, 'Heartbeat (probe)', conn, { within: config.timeouts.messageMs, requirement });
  } catch (err) {
    if (!(err instanceof CaseFailure)) throw err;
    probe = false;
  }
  const answer = await answerFor(ctx, [...ids, '-1'], Math.min(100, config.timeouts.silenceMs), conn);
  if (closedInfo()) return { answer, closed: closedInfo() };
  if (!probe) {
    throw new CaseFailure(requirement, [`the session still answers a Heartbeat after ${text.length > 80 ? `${text.slice(0, 80)}…` : JSON.stringify(text)}`], 'no answer to the Heartbeat: the CSMS stopped serving the session');
  }
  return { answer };
}

/** A short description of an answer for notes and failures. */
export function describeAnswer(f: InboundFrame | undefined): string {
  const a = answerShape(f);
  if (!f || !a) return 'no answer';
  const id = typeof a.messageId === 'string' && a.messageId.length > 40 ? `${a.messageId.slice(0, 40)}…` : String(a.messageId);
  return a.kind === 'result' ? `CALLRESULT (${id})` : `CALLERROR ${a.errorCode ?? '?'} (${id})`;
}

/** Opens a connection as `identity` and gets its BootNotification answered; returns both. */
export async function connectAndBoot(ctx: CaseContext, identity: string, requirement: string): Promise<{ conn: OcppConnection; status: string }> {
  const conn = await ctx.station.connect({ identity, requirement });
  const res = await callOn(ctx, conn, 'BootNotification', bootPayload(), { requirement });
  if (res.kind === 'error') throw new CaseFailure(requirement, ['a BootNotificationResponse'], `CALLERROR ${res.errorCode}`);
  return { conn, status: res.payload.status };
}

export interface RawFrame {
  opcode: number;
  fin: boolean;
  payload: Buffer;
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
    private readonly ctx: CaseContext,
    readonly label: string,
    readonly socket: net.Socket,
    rest: Buffer,
  ) {
    socket.on('data', (d: Buffer) => this.feed(d));
    socket.on('close', () => {
      if (!this.ended) ctx.note(`${label}: TCP connection closed${this.closeCode !== undefined ? ` (close frame ${this.closeCode})` : ' (no close frame)'}`);
      this.ended = true;
    });
    socket.on('error', () => undefined);
    if (rest.length) this.feed(rest);
  }

  /** Upgrades a raw connection; undefined result.socket means no 101. */
  static async open(
    ctx: CaseContext,
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
    ctx.note(`${label}: raw upgrade as ${o.identity} answered ${result.status !== undefined ? `HTTP ${result.status}` : `nothing (${result.error})`}`);
    if (result.status !== 101 || !result.socket) {
      result.socket?.destroy();
      return { result };
    }
    return { result, raw: new RawStation(ctx, label, result.socket as net.Socket, result.rest) };
  }

  get open(): boolean {
    return !this.ended && !this.socket.destroyed;
  }

  private feed(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      if (this.buf.length < 2) return;
      const b0 = this.buf[0];
      const b1 = this.buf[1];
      let len = b1 & 0x7f;
      let off = 2;
      if (len === 126) {
        if (this.buf.length < 4) return;
        len = this.buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return;
        len = Number(this.buf.readBigUInt64BE(2));
        off = 10;
      }
      if (b1 & 0x80) off += 4; // a server never masks, but skip a key if one is there
      if (this.buf.length < off + len) return;
      const payload = this.buf.subarray(off, off + len);
      this.buf = this.buf.subarray(off + len);
      this.onFrame({ opcode: b0 & 0x0f, fin: (b0 & 0x80) !== 0, payload: Buffer.from(payload) });
    }
  }

  private onFrame(f: RawFrame): void {
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
  async call(action: string, payload: Payload, within: number): Promise<{ kind: 'result' | 'error'; payload: unknown; text: string } | undefined> {
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
    return this.texts.map((t) => t.text).filter((t) => {
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

/** Every 2.0.1 security event type (critical and not), exactly as the spec spells them. */
export const SECURITY_EVENT_TYPES_201 = SECURITY_EVENT_NAMES_201;

/** The Authorization header of the configured credentials (none at security profile 0). */
export function authHeaders(ctx: CaseContext, identity = ctx.config.stationId): Record<string, string> {
  const h = ctx.station.basicAuthHeader(identity);
  return h ? { Authorization: h } : {};
}

/**
 * A slowloris client: sends an upgrade request one character every `intervalMs`, for at most
 * `maxMs`, until stop(). `answered` tells what (if anything) the server replied meanwhile.
 */
export function startDribble(url: string, intervalMs: number, maxMs: number, tlsOptions?: import('node:tls').ConnectionOptions): { stop(): void; answered(): string | undefined } {
  const u = new URL(url);
  const path = url.replace(/^wss?:\/\/[^/]*/, '') || '/';
  const request = `GET ${path} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${Buffer.from('slowloris-key-01').toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp2.0.1\r\n\r\n`;
  let reply = '';
  let i = 0;
  // Over TLS the dribble happens inside the session, where a CSMS parses headers.
  const socket = u.protocol === 'wss:' && tlsOptions ? tlsConnect({ host: u.hostname, port: Number(u.port || 443), ...tlsOptions }) : netConnect({ host: u.hostname, port: Number(u.port || 80) });
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

// ---- WebSocket-level attack traffic (DOS-02; both roles build their frames here) --------------

/**
 * A CALL serialized to exactly `length` bytes (ASCII), padded inside customData, which every
 * 2.0.1 request allows: the same call in any size, still schema-valid.
 */
export function paddedCall(messageId: string, action: string, payload: Payload, length: number): string {
  const build = (pad: string) => JSON.stringify([2, messageId, action, { ...payload, customData: { vendorId: 'org.ocpp-harness.sec', pad } }]);
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
    encodeWsFrame({ opcode: i === 0 ? WS_OPCODE.text : WS_OPCODE.continuation, payload: Buffer.from([b]), fin: i === bytes.length - 1, mask }),
  );
  return Buffer.concat(frames);
}

/**
 * The window size (bits) the harness may compress with on a connection that negotiated
 * permessage-deflate, or undefined when it was not negotiated. The client is bound by
 * client_max_window_bits, the server by server_max_window_bits (RFC 7692 7.1.2).
 */
export function deflateWindowBits(conn: OcppConnection, harnessIs: 'client' | 'server'): number | undefined {
  const ext = (conn.ws as unknown as { _extensions?: Record<string, { params?: Record<string, unknown> }> })._extensions?.['permessage-deflate'];
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

// ---- Security-profile helpers (testcases/ocpp201/A, M and security/ocpp201/TLS|AUTH|CERT) ----------

/**
 * Masks a Basic-auth password the CSMS sends in SetVariables (A01) before the frame reaches the
 * wire log: the listener runs ahead of the connection's recorder. Call on every connection the
 * CSMS may send a new password on, before it does.
 */
export function maskPasswordsFrom(ctx: CaseContext, conn: OcppConnection): void {
  conn.ws.prependListener('message', (data: unknown, isBinary: boolean) => {
    if (isBinary) return;
    try {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data as Buffer[]).toString('utf8') : String(data);
      const f = JSON.parse(text) as unknown[];
      if (!Array.isArray(f) || f[0] !== 2 || f[2] !== 'SetVariables') return;
      for (const d of ((f[3] as Payload)?.setVariableData ?? []) as Payload[]) {
        if (d?.variable?.name === 'BasicAuthPassword' && typeof d.attributeValue === 'string' && d.attributeValue.length >= 4) ctx.secret(d.attributeValue);
      }
    } catch {
      /* not JSON: nothing to mask */
    }
  });
}

/** Protocol and cipher (IANA name) of a harness-station connection; undefined for plain ws://. */
export function clientTlsSession(conn: OcppConnection | undefined): { protocol: string; cipher: string } | undefined {
  const socket = (conn?.ws as unknown as { _socket?: import('node:tls').TLSSocket } | undefined)?._socket;
  if (!socket?.encrypted) return undefined;
  return { protocol: socket.getProtocol() ?? 'unknown', cipher: socket.getCipher()?.standardName ?? 'unknown' };
}

/**
 * TLS options for a wss:// dial to the CSMS that trust the CSMS root of the run's PKI (also at
 * profiles 0/1, where the configured link has no TLS), with overrides.
 */
export function secureDial(ctx: CaseContext, o: import('../roles/roles.js').StationTlsOverride = {}): import('node:tls').ConnectionOptions {
  return ctx.station.tlsOptions({ trust: [ctx.pki.csmsRoot], ...o });
}

/** The CSMS URL with wss:// (profile 2/3 dials from a profile 0/1 configuration). */
export function wssTarget(ctx: CaseContext): string {
  return ctx.station.target.replace(/^ws:\/\//i, 'wss://');
}

/** The CSMS URL with ws:// (a plain dial to a profile 2/3 CSMS). */
export function wsTarget(ctx: CaseContext): string {
  return ctx.station.target.replace(/^wss:\/\//i, 'ws://');
}

/** Closes the harness station's current connection and waits (bounded) until it is closed. */
export async function closeAndWait(ctx: CaseContext, conn: OcppConnection | undefined = ctx.station.connection): Promise<void> {
  if (!conn || conn.closed) return;
  conn.close(1000, 'station reconnects');
  await waitUntil(ctx, () => conn.closed !== undefined, ctx.config.timeouts.messageMs);
  // The CSMS sees the close a moment later than the harness; let it settle.
  await new Promise((r) => setTimeout(r, 50));
}

/** Connects (with the given dial options) and gets a BootNotification Accepted on that connection. */
export async function reconnectAndBoot(ctx: CaseContext, o: import('../roles/roles.js').StationConnectOptions, requirement: string, expected: string): Promise<OcppConnection> {
  const dial = await ctx.station.tryConnect(o);
  ctx.check(dial.ok, requirement, expected, dial.ok ? '' : dial.error);
  const conn = (dial as { conn: OcppConnection }).conn;
  const res = await callOn(ctx, conn, 'BootNotification', bootPayload(), { requirement });
  ctx.check(res.kind === 'result' && res.payload.status === 'Accepted', requirement, 'BootNotification Accepted after the reconnect', res.kind === 'result' ? `status ${res.payload.status}` : `CALLERROR ${res.errorCode}`);
  return conn;
}

/** The harness station's installed CA certificates: certificate type → PKI artifact. */
export const STATION_INSTALLED_ROOTS: Record<string, string> = {
  CSMSRootCertificate: 'csms-root',
  ManufacturerRootCertificate: 'manufacturer-root',
  V2GRootCertificate: 'v2g-root',
};

/**
 * M03 from the station side: the operator makes the CSMS ask for the installed certificates of the
 * given types (undefined: all); the request must name exactly those types (or none for all).
 * Returns the call, not yet answered.
 */
export async function expectGetInstalledCertificateIds(ctx: CaseContext, types: string[] | undefined, requirement: string): Promise<import('../roles/endpoint.js').ReceivedCall> {
  const { station, config } = ctx;
  await ctx.manual(
    'csmsSend',
    { message: 'GetInstalledCertificateIds', stationId: config.stationId, ...(types ? { certificateType: types } : {}) },
    `Make the CSMS ask station ${config.stationId} for its installed certificates${types ? ` of type ${types.join(', ')}` : ' (all types)'}`,
  );
  const req = await station.expectCall('GetInstalledCertificateIds', { requirement });
  const sent = req.payload.certificateType as string[] | undefined;
  if (types) {
    const same = Array.isArray(sent) && sent.length === types.length && types.every((t) => sent.includes(t));
    ctx.check(same, requirement, `certificateType = [${types.join(', ')}]`, sent === undefined ? 'no certificateType (all types)' : `[${sent.join(', ')}]`);
  } else {
    const all = ['V2GRootCertificate', 'MORootCertificate', 'CSMSRootCertificate', 'V2GCertificateChain', 'ManufacturerRootCertificate'];
    ctx.check(sent === undefined || all.every((t) => sent.includes(t)), requirement, 'no certificateType (all types) or every type', `[${(sent ?? []).join(', ')}]`);
  }
  return req;
}

/** The CertificateHashDataChain entries the harness station reports for these types (undefined: all). */
export function installedCertificateChain(ctx: CaseContext, types: string[] | undefined): Payload[] {
  return Object.entries(STATION_INSTALLED_ROOTS)
    .filter(([type]) => !types || types.includes(type))
    .map(([certificateType, artifact]) => ({ certificateType, certificateHashData: ctx.pki.hashDataOf(artifact) }));
}

/**
 * Audits a chain the CSMS returned in CertificateSigned for a CSR whose key is `privateKeyPem`
 * (A02, CERT-07): key of the CSR, chain to the CSMS root, CN = serial, O = CSO, valid now, not a
 * CA, strong key. Each problem carries the requirement it breaks.
 */
export function issuedCertificateProblems(ctx: CaseContext, chainText: string, privateKeyPem: string): { requirement: string; problem: string }[] {
  const chain = splitPemChain(chainText);
  if (!chain.length) return [{ requirement: 'A02.FR.04', problem: `not a PEM certificate chain: ${chainText.slice(0, 60)}…` }];
  const out: { requirement: string; problem: string }[] = [];
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(chain[0]!);
  } catch (e) {
    return [{ requirement: 'A00.FR.505', problem: `unreadable certificate: ${(e as Error).message}` }];
  }
  const csrKey = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' });
  if (!leaf.publicKey.export({ type: 'spki', format: 'der' }).equals(csrKey)) out.push({ requirement: 'A02.FR.04', problem: 'the certificate carries a public key other than the CSR\'s' });
  for (const p of auditCertificate(chain[0]!, { role: 'station', commonName: ctx.serialNumber, organization: ctx.organization, trust: [...chain.slice(1), ctx.pki.csmsRoot], now: new Date(ctx.clock.now()) })) {
    out.push({ requirement: p.requirement === 'A00.FR.501' && /not yet valid/.test(p.problem) ? 'A02.FR.06' : p.requirement, problem: p.problem });
  }
  return out;
}
