import type { OcppConnection } from '../transport/connection.js';
import { RENAMED_SINCE_16, SECURITY_EVENTS_201, SECURITY_EVENT_NAMES_201 } from '../protocol/security-events.js';
import type { CaseContext } from '../engine/context.js';
import type { SutConfig } from '../core/config.js';
import type { StateTable } from '../engine/states.js';
import type { ExpectCallOptions, Payload, ReceivedCall } from '../roles/endpoint.js';
import type { MockCsms } from '../roles/roles.js';
import { UploadServer } from '../transport/upload.js';
import { ChangeSignal, waitFor } from '../transport/wait.js';
import { CaseFailure } from '../core/verdict.js';

/* Helpers shared by the 2.0.1 charging-station cases (the harness plays the CSMS). */

/** Answers a call unless a responder answered it already. */
export async function answer(csms: MockCsms, call: ReceivedCall, payload: Payload): Promise<void> {
  if (!call.answered) await csms.reply(call, payload);
}

/** The answer a CSMS gives a TransactionEvent: an authorization verdict when it names a token. */
export function transactionEventAnswer(call: ReceivedCall): Payload {
  return call.payload.idToken ? { idTokenInfo: { status: 'Accepted' } } : {};
}

/** From now on every TransactionEvent is acknowledged (the case still inspects the ones it expects). */
export function respondToTransactionEvents(ctx: CaseContext): void {
  ctx.csms.respondTo('TransactionEvent', transactionEventAnswer);
}

/** A mark in the received-call stream, for "nothing but X since then" checks. */
export function mark(csms: MockCsms): number {
  return csms.receivedCalls().length;
}

/** Calls received since a mark (answered or not, taken or not). */
export function callsSince(csms: MockCsms, at: number): ReceivedCall[] {
  return csms.receivedCalls().slice(at);
}

/** Waits for a call of `action` received after the mark (older ones, even if not taken, do not count). */
export function expectAfter(csms: MockCsms, at: number, action: string, opts: ExpectCallOptions<Payload> = {}): Promise<ReceivedCall> {
  const old = new Set(csms.receivedCalls().slice(0, at).map((c) => c.payload));
  const where = opts.where;
  return csms.expectCall(action, { ...opts, where: (p) => !old.has(p) && (!where || where(p)) });
}

/** Fails if any call other than the allowed actions arrived since the mark. */
export function checkNothingSince(ctx: CaseContext, at: number, allowed: string[], requirement: string, expected: string): void {
  const others = callsSince(ctx.csms, at).filter((c) => !allowed.includes(c.action));
  ctx.check(others.length === 0, requirement, expected, `received ${others.map((c) => c.action).join(', ')}`);
}

/** Reads one variable (Actual); returns the result entry. */
export async function getVariable(ctx: CaseContext, component: string, variable: string, requirement: string): Promise<Payload> {
  const res = await ctx.csms.call('GetVariables', { getVariableData: [{ component: { name: component }, variable: { name: variable } }] }, { requirement });
  const r = (res.getVariableResult as Payload[] | undefined)?.[0];
  ctx.check(r !== undefined, requirement, `a GetVariables result for ${component}.${variable}`, res);
  return r as Payload;
}

/** The TransactionEvent Started of the running transaction (the newest one received). */
export function startedTransaction(ctx: CaseContext): ReceivedCall {
  const started = ctx.csms.receivedCalls('TransactionEvent').filter((c) => c.payload.eventType === 'Started');
  const last = started[started.length - 1];
  if (!last) throw new Error('harness: no TransactionEvent Started received; use the EnergyTransferStarted state first');
  return last;
}

/** The configured valid token as an IdTokenType. */
export function validToken(config: SutConfig): { idToken: string; type: string } {
  return { idToken: config.ids.validIdToken.idToken, type: config.ids.validIdToken.type };
}

/**
 * A metering interval (s) short enough that a sample arrives within the message timeout:
 * the configured sample interval, capped at half the message timeout.
 */
export function meterIntervalS(config: SutConfig): number {
  return Math.max(1, Math.min(config.ids.meterValueSampleIntervalS, Math.floor(config.timeouts.messageMs / 2000)));
}

/** Sets one variable and fails unless the station accepts it. */
export async function setVariable(ctx: CaseContext, component: string, variable: string, value: string, requirement: string): Promise<void> {
  const res = await ctx.csms.call('SetVariables', { setVariableData: [{ component: { name: component }, variable: { name: variable }, attributeValue: value }] }, { requirement });
  const status = res.setVariableResult?.[0]?.attributeStatus;
  ctx.expectOneOf(status, ['Accepted'], requirement, `SetVariables ${component}.${variable} attributeStatus`);
}

/**
 * Reusable states for 2.0.1 cases where the SUT is a charging station (the harness is CSMS).
 * Booted: the station connects, its boot is accepted, and it reports its connectors.
 * EVConnectedPreSession: the EV cable is plugged in and the connector reported Occupied.
 * Authorized: the configured valid token is presented and authorized by the CSMS.
 * EnergyTransferStarted: all of the above; the transaction has started and is charging.
 */
export const states201Cs: StateTable = {
  async Booted(ctx) {
    const { csms, config } = ctx;
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    csms.respondTo('StatusNotification', {});
    csms.respondTo('NotifyEvent', {});
    csms.respondTo('SecurityEventNotification', {});
    csms.respondTo('MeterValues', {});
    csms.respondTo('LogStatusNotification', {});
    csms.respondTo('FirmwareStatusNotification', {});
    if (csms.booted) return;
    const boot = await csms.expectCall('BootNotification', { within: config.timeouts.connectMs + config.timeouts.messageMs, requirement: 'B01.FR.01' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    await csms.expectCall('StatusNotification', { requirement: 'B01.FR.05' });
  },

  async EVConnectedPreSession(ctx) {
    const { csms, config } = ctx;
    await ctx.manual('plugIn', { evseId: config.ids.evseId, connectorId: config.ids.connectorId }, 'Plug the EV cable into the configured EVSE and connector.');
    await csms.expectCall('StatusNotification', {
      where: (p) => p.connectorStatus === 'Occupied' && p.evseId === config.ids.evseId,
      whereText: 'connectorStatus Occupied on the configured EVSE',
      requirement: 'G01.FR.01',
    });
  },

  async Authorized(ctx) {
    const { csms, config } = ctx;
    const token = validToken(config);
    await ctx.manual('presentIdToken', { ...token, evseId: config.ids.evseId }, 'Present the configured valid idToken at the station.');
    const auth = await csms.expectCall('Authorize', { where: (p) => p.idToken?.idToken === token.idToken, whereText: 'the presented idToken', requirement: 'C01.FR.01' });
    await answer(csms, auth, { idTokenInfo: { status: 'Accepted' } });
  },

  async EnergyTransferStarted(ctx) {
    const { csms } = ctx;
    await ctx.given('Booted');
    await ctx.given('EVConnectedPreSession');
    await ctx.given('Authorized');
    const started = await csms.expectCall('TransactionEvent', { where: (p) => p.eventType === 'Started', whereText: 'eventType Started', requirement: 'E02.FR.01' });
    await answer(csms, started, transactionEventAnswer(started));
    respondToTransactionEvents(ctx);
  },
};

/* ---- Helpers for the 2.0.1 security cases against a charging station (SEC_*_CS) ------------ */

/** Security event types of 2.0.1 that are critical: pushed with SecurityEventNotification (A04.FR.01). */
export const CRITICAL_SECURITY_EVENTS_201 = SECURITY_EVENTS_201.critical;

/** Every standard 2.0.1 security event type (critical, logged, and the 2.0.1 additions). */
export const ALL_SECURITY_EVENTS_201 = SECURITY_EVENT_NAMES_201;

/** 1.6 Security Whitepaper spellings that 2.0.1 renamed; on a 2.0.1 station they are wrong. */
export const SECURITY_EVENTS_16_ONLY = Object.values(RENAMED_SINCE_16);

/** One WebSocket upgrade request the station sent to the mock CSMS (accepted or refused). */
export interface UpgradeAttempt {
  /** Monotonic time (ms) the request arrived. */
  at: number;
  /** Request target exactly as sent (path and query). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface UpgradeObserver {
  readonly attempts: UpgradeAttempt[];
  /** Waits until at least `n` attempts were seen; false when the time ran out. */
  waitForCount(n: number, withinMs: number): Promise<boolean>;
  stop(): void;
}

/**
 * Records every upgrade request the station makes to the mock CSMS, refused ones included (the
 * HandshakeInfo list only has accepted ones, without the query string). Reads the listener's
 * HTTP server; a listener-level hook for this is an open engine wish.
 */
export function observeUpgrades(ctx: CaseContext): UpgradeObserver {
  const gateway = ctx.csms.gateway;
  if (!gateway) throw new Error('harness: the mock CSMS has no listener attached');
  const http = (gateway.server as unknown as { server: import('node:http').Server }).server;
  const attempts: UpgradeAttempt[] = [];
  const changed = new ChangeSignal();
  const listener = (req: import('node:http').IncomingMessage) => {
    attempts.push({ at: ctx.clock.monotonic(), url: req.url ?? '/', headers: { ...req.headers } });
    changed.notify();
  };
  http.on('upgrade', listener);
  return {
    attempts,
    async waitForCount(n, withinMs) {
      const r = await waitFor(changed, () => (attempts.length >= n ? true : undefined), withinMs, ctx.abort);
      return r.ok;
    },
    stop() {
      http.off('upgrade', listener);
    },
  };
}

/** What the station did after the harness sent it a frame. */
export type FrameOutcome =
  | { kind: 'result'; messageId: string; payload: Payload; frame: string }
  | { kind: 'error'; messageId: string; errorCode: string; errorDescription: string; frame: string }
  | { kind: 'closed'; code: number; by: string }
  | { kind: 'silent' };

export function describeOutcome(o: FrameOutcome): string {
  switch (o.kind) {
    case 'result':
      return `CALLRESULT ${JSON.stringify(o.payload).slice(0, 200)}`;
    case 'error':
      return `CALLERROR ${o.errorCode} (id ${JSON.stringify(o.messageId)})`;
    case 'closed':
      return `connection closed by ${o.by} (code ${o.code})`;
    case 'silent':
      return 'no answer';
  }
}

/**
 * Sends something on the current connection and waits for the answer correlated by `messageId`
 * (a CALLERROR under "-1" counts too; without an id, any CALLERROR), the connection closing, or
 * `within` ms of silence.
 */
async function observeAfter(ctx: CaseContext, send: (conn: OcppConnection) => Promise<void> | void, messageId: string | undefined, within: number): Promise<FrameOutcome> {
  const { csms } = ctx;
  const conn = csms.connection;
  if (!conn) return { kind: 'closed', code: csms.lastConnection?.closed?.code ?? 0, by: csms.lastConnection?.closed?.by ?? 'peer' };
  let off: (() => void) | undefined;
  const closed = new Promise<FrameOutcome>((resolve) => {
    off = conn.onClose((c) => resolve({ kind: 'closed', code: c.code, by: c.by }));
  });
  await send(conn);
  const answered = csms
    .expectFrame(
      messageId ? `an answer to ${messageId}` : 'a CALLERROR',
      (f) => f.conn === conn && (f.frame.kind === 'result' || f.frame.kind === 'error') && (f.frame.kind === 'error' && f.frame.messageId === '-1' ? true : messageId === undefined ? f.frame.kind === 'error' : f.frame.messageId === messageId),
      { within },
    )
    .then((f): FrameOutcome => {
      const fr = f.frame;
      if (fr.kind === 'result') return { kind: 'result', messageId: fr.messageId, payload: fr.payload as Payload, frame: f.text };
      if (fr.kind === 'error') return { kind: 'error', messageId: fr.messageId, errorCode: fr.errorCode, errorDescription: fr.errorDescription, frame: f.text };
      return { kind: 'silent' };
    })
    .catch((err: unknown): FrameOutcome => {
      if (err instanceof CaseFailure) return { kind: 'silent' };
      throw err;
    });
  const out = await Promise.race([answered, closed]);
  off?.();
  return out;
}

/** Sends text and waits for its answer, a close, or `within` ms of silence (see observeAfter). */
export function sendAndObserve(ctx: CaseContext, text: string, messageId: string | undefined, within: number): Promise<FrameOutcome> {
  return observeAfter(ctx, (conn) => conn.send(text), messageId, within);
}

/** Writes hand-built frames (writeRawBytes) and waits like sendAndObserve. */
export function writeRawAndObserve(ctx: CaseContext, bytes: Buffer, description: string, messageId: string | undefined, within: number): Promise<FrameOutcome> {
  return observeAfter(ctx, (conn) => conn.writeRawBytes(bytes, description), messageId, within);
}

/**
 * Proves the station is still reachable: connected (reconnecting if it dropped) and answering a
 * GetVariables. Fails naming `requirement` otherwise.
 */
export async function expectReachable(ctx: CaseContext, requirement: string, what = 'the station is reachable again'): Promise<void> {
  const { csms, config } = ctx;
  if (!csms.connection) await csms.expectConnection({ within: config.timeouts.connectMs + config.timeouts.messageMs, requirement });
  const res = await csms.callMayError(
    'GetVariables',
    { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
    { requirement, schema: false },
  );
  ctx.check(res.kind === 'result', requirement, `${what}: GetVariables answered with a CALLRESULT`, `CALLERROR ${res.kind === 'error' ? res.errorCode : ''}`);
}

/** A request id for GetLog / UpdateFirmware, unique enough within a run. */
export function freshRequestId(): number {
  return 1 + Math.floor(Math.random() * 2 ** 30);
}

export type LogFetch = { supported: false; why: string } | { supported: true; text: string; requestId: number };

/** A started loopback upload server whose notes go to the case log (stop it in a finally). */
export async function startUploadServer(ctx: CaseContext): Promise<UploadServer> {
  const upload = new UploadServer({ recorder: { frame: () => undefined, note: (_k, t) => ctx.note(t) } });
  await upload.start();
  return upload;
}

/**
 * Asks the station for a log with GetLog and receives it on `upload`: GetLog Accepted, then
 * LogStatusNotification Uploading and Uploaded carrying the requestId, and the file itself.
 * NotSupported/NotImplemented/Rejected mean "not observable here".
 */
export async function fetchLog(ctx: CaseContext, upload: UploadServer, logType: 'SecurityLog' | 'DiagnosticsLog', requirement: string): Promise<LogFetch> {
  const { csms, config } = ctx;
  csms.respondTo('LogStatusNotification', {});
  const requestId = freshRequestId();
  const path = `/logs/${logType}-${requestId}.log`;
  const res = await csms.callMayError('GetLog', { logType, requestId, log: { remoteLocation: upload.url(path) } }, { requirement });
  if (res.kind === 'error') {
    if (['NotSupported', 'NotImplemented'].includes(res.errorCode)) return { supported: false, why: `GetLog answered with CALLERROR ${res.errorCode}` };
    throw new CaseFailure(requirement, ['GetLog answered with a CALLRESULT (or NotSupported)'], `CALLERROR ${res.errorCode} "${res.errorDescription}"`);
  }
  if (res.payload.status === 'Rejected') return { supported: false, why: 'GetLog was Rejected' };
  ctx.expectOneOf(res.payload.status, ['Accepted', 'AcceptedCanceled'], requirement, 'GetLog status');
  const within = config.timeouts.messageMs * 2;
  const uploading = await csms.expectCall('LogStatusNotification', {
    where: (p) => p.status === 'Uploading',
    whereText: 'status Uploading',
    within,
    requirement,
  });
  ctx.check(uploading.payload.requestId === requestId, requirement, `LogStatusNotification Uploading with requestId ${requestId}`, uploading.payload);
  const done = await csms.expectCall('LogStatusNotification', {
    where: (p) => p.status !== 'Uploading' && p.status !== 'Idle',
    whereText: 'the upload outcome (Uploaded)',
    after: uploading,
    within,
    requirement,
  });
  ctx.check(done.payload.status === 'Uploaded' && done.payload.requestId === requestId, requirement, `LogStatusNotification Uploaded with requestId ${requestId}`, done.payload);
  const file = await upload.waitFor((r) => (r.method === 'PUT' || r.method === 'POST') && r.path.startsWith(path.slice(0, path.lastIndexOf('.'))), within, ctx.abort);
  ctx.check(file !== undefined, requirement, `the ${logType} uploaded to ${upload.url(path)}`, `nothing uploaded there (${upload.records.length} requests seen)`);
  return { supported: true, text: file!.body.toString('utf8'), requestId };
}

/** A boot the case watches: power-cycles a station that is already booted, then accepts its BootNotification. */
export async function acceptFreshBoot(ctx: CaseContext, requirement: string): Promise<ReceivedCall> {
  const { csms, config } = ctx;
  csms.respondTo('StatusNotification', {});
  csms.respondTo('SecurityEventNotification', {});
  csms.respondTo('NotifyEvent', {});
  csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
  if (csms.booted) await ctx.manual('reboot', {}, 'Power-cycle the charging station so that it boots again.');
  const boot = await csms.expectCall('BootNotification', { within: config.timeouts.connectMs + config.timeouts.messageMs, requirement });
  await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
  return boot;
}


/* ---- Helpers for the block A (security profile) cases against a charging station ----------- */

/** User and password of a `Basic` Authorization header, or undefined when there is none. */
export function parseBasicAuth(header: string | string[] | undefined): { user: string; password: string } | undefined {
  const h = Array.isArray(header) ? header[0] : header;
  const m = /^Basic\s+(\S+)$/i.exec(h ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? { user: decoded, password: '' } : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Makes the station open a new connection: the mock CSMS drops the current one (the station reconnects by itself). */
export function dropConnection(ctx: CaseContext): void {
  if (ctx.csms.connection) ctx.csms.close(1001, 'going away');
}

/** How long a reconnect may take: back-off plus the connect timeout plus a message timeout. */
export function reconnectWindow(config: SutConfig): number {
  return 2 * config.timeouts.connectMs + config.timeouts.messageMs;
}

/**
 * The station drops and re-opens its connection by itself (A01.FR.02, A02.FR.08); when it is
 * still on the old connection after a message timeout, the mock CSMS closes that one.
 */
export async function awaitOwnReconnect(ctx: CaseContext, handshakesBefore: number, requirement: string, expected: string): Promise<import('../transport/server.js').HandshakeInfo> {
  const { csms, config } = ctx;
  try {
    return await csms.expectHandshake({ after: handshakesBefore, within: config.timeouts.messageMs, requirement, expected });
  } catch (err) {
    if (!(err instanceof CaseFailure)) throw err;
    ctx.note('the station did not reconnect by itself within the message timeout; the mock CSMS closes the connection');
    dropConnection(ctx);
    return csms.expectHandshake({ after: handshakesBefore, within: reconnectWindow(config), requirement, expected });
  }
}

/** A random passwordString (A00.FR.205 errata): `length` characters of a-zA-Z0-9. */
export function randomPassword(length = 24): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

/**
 * Starts a certificate renewal (A02): TriggerMessage SignChargingStationCertificate (Accepted)
 * and the SignCertificate that follows; the SignCertificate is not answered yet.
 */
export async function triggerCsr(ctx: CaseContext, requirement = 'A02.FR.01'): Promise<ReceivedCall> {
  const { csms, config } = ctx;
  const at = mark(csms);
  const res = await csms.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' }, { requirement });
  ctx.expectOneOf(res.status, ['Accepted'], requirement, 'TriggerMessage SignChargingStationCertificate status');
  return expectAfter(csms, at, 'SignCertificate', { within: config.timeouts.messageMs * 2, requirement });
}

/** The TLS attempts of this case from index `from` on that used TLS. */
export function tlsAttemptsSince(csms: MockCsms, from: number): import('../transport/server.js').ConnectionAttempt[] {
  return csms.attempts.slice(from).filter((a) => a.transport === 'tls');
}

/** Waits for the station's next TLS connection attempt after `from` attempts (whatever its outcome). */
export function expectTlsAttemptAfter(ctx: CaseContext, from: number, requirement: string, expected: string): Promise<import('../transport/server.js').ConnectionAttempt> {
  return ctx.csms.expectTlsAttempt({ after: from, within: reconnectWindow(ctx.config), where: (a) => a.transport === 'tls', requirement, expected });
}

/** A NetworkConnectionProfile for the mock CSMS at `profile` (wss:// for 2/3). */
export function connectionDataFor(ctx: CaseContext, profile: number): Payload {
  const base = ctx.csms.listenerUrl ?? '';
  const url = profile >= 2 ? base.replace(/^wss?:/i, 'wss:') : base.replace(/^wss?:/i, 'ws:');
  return { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: url, messageTimeout: Math.max(1, Math.round(ctx.config.timeouts.messageMs / 1000)), securityProfile: profile, ocppInterface: 'Wired0' };
}

/** A configuration slot other than the one(s) in NetworkConfigurationPriority. */
export async function freeSlot(ctx: CaseContext, requirement: string): Promise<{ slot: number; priority: string[] }> {
  const r = await getVariable(ctx, 'OCPPCommCtrlr', 'NetworkConfigurationPriority', requirement);
  const priority = String(r.attributeValue ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let slot = 1;
  while (priority.includes(String(slot))) slot++;
  return { slot, priority };
}

/**
 * Renews the station certificate (memory state RenewChargingStationCertificate): TriggerMessage,
 * SignCertificate Accepted, a valid CertificateSigned Accepted.
 */
export async function renewStationCertificate(ctx: CaseContext, requirement: string): Promise<void> {
  const { csms } = ctx;
  const sign = await triggerCsr(ctx, requirement);
  await csms.reply(sign, { status: 'Accepted' });
  const res = await csms.call('CertificateSigned', { certificateChain: ctx.pki.issueForCsr(sign.payload.csr, 'valid'), certificateType: 'ChargingStationCertificate' }, { requirement });
  ctx.expectOneOf(res.status, ['Accepted'], requirement, 'CertificateSigned status');
}
