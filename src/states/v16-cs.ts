import { constants, createPrivateKey, generateKeyPairSync, randomBytes, sign as cryptoSign, X509Certificate } from 'node:crypto';
import http from 'node:http';
import type { CaseContext } from '../engine/context.js';
import { certParts, keyIdentifier, slice } from '../pki/der.js';
import { BACKDATE_MS, DAY_MS, issueCertificate, randomSerial } from '../pki/issue.js';
import { certificateHashData, sameHashData, type CertificateHashData, type HashAlgorithm } from '../pki/test-pki.js';
import { CaseFailure } from '../core/verdict.js';
import type { StateTable } from '../engine/states.js';
import { serializeCall } from '../protocol/framing.js';
import type { OcppConnection } from '../transport/connection.js';
import type { CallOutcome, OcppEndpoint, Payload, ReceivedCall } from '../roles/endpoint.js';
import { sleep } from '../transport/wait.js';
import { schemaViolationCodes } from '../protocol/errors.js';
import { actionsFor, type FuzzDirection } from '../fuzz/directions.js';
import { generateValid } from '../fuzz/generate.js';
import { mutations, type Mutation } from '../fuzz/mutate.js';
import { Random } from '../fuzz/random.js';

/**
 * Reusable states for 1.6 cases where the SUT is a charge point (the harness is central system).
 *
 *   Booted      the charge point is connected, its boot accepted, its connector reported; the
 *               harness answers Heartbeat, StatusNotification and MeterValues from here on
 *   Charging    a transaction runs on the configured connector ({ via: 'local' | 'remote' })
 *   Idle        whatever session the case left is ended (remote stop) and the cable unplugged
 *
 * The session a case runs (transaction id, idTag, cable) is kept per case; see session16().
 */

export interface Session16 {
  connectorId: number;
  idTag: string;
  /** Set once StartTransaction was answered; cleared when StopTransaction was. */
  transactionId?: number;
  plugged: boolean;
}


/** The session of this case (created empty on first use). */
export function session16(ctx: CaseContext): Session16 {
  return ctx.remember<Session16>('v16-cs.session', () => ({ connectorId: ctx.config.ids.connectorId, idTag: ctx.config.ids.validIdToken.idToken, plugged: false }));
}

/** A transaction id for StartTransaction.conf, distinct per case. */
export function newTransactionId(ctx: CaseContext): number {
  const digits = ctx.ids.next().replace(/\D/g, '').slice(0, 6);
  return 1000 + (Number.parseInt(digits || '0', 10) % 900_000);
}

/** Only StatusNotifications of one connector with one of these statuses. */
export function statusOf(connectorId: number, ...statuses: string[]) {
  return {
    where: (p: Payload) => p.connectorId === connectorId && (statuses.length === 0 || statuses.includes(p.status)),
    whereText: `connectorId = ${connectorId}${statuses.length ? ` and status ${statuses.join(' or ')}` : ''}`,
  };
}

/**
 * Waits for the connector to report Preparing (a tag presented or a remote start accepted while
 * no cable is in). Status Preparing is how a charge point shows it holds the authorization, so
 * the case waits for it before the next manual step; its absence is only a non-strict note.
 */
export async function expectPreparing(ctx: CaseContext, why: string): Promise<void> {
  const connectorId = ctx.config.ids.connectorId;
  try {
    await ctx.csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Preparing'), requirement: 'OCPP16-4.9' });
  } catch (err) {
    if (!(err instanceof CaseFailure)) throw err;
    ctx.nonStrict('OCPP16-4.9', `connector ${connectorId} did not report Preparing ${why}`);
  }
}

/** Answers a StartTransaction with an accepted idTagInfo and a new transaction id; returns it. */
export async function acceptStart(ctx: CaseContext, start: ReceivedCall): Promise<number> {
  const transactionId = newTransactionId(ctx);
  await ctx.csms.reply(start, { idTagInfo: { status: 'Accepted' }, transactionId });
  const s = session16(ctx);
  s.transactionId = transactionId;
  s.idTag = String(start.payload.idTag);
  return transactionId;
}

/** Answers a StopTransaction (idTagInfo Accepted) and forgets the case's transaction. */
export async function acceptStop(ctx: CaseContext, stop: ReceivedCall): Promise<void> {
  await ctx.csms.reply(stop, { idTagInfo: { status: 'Accepted' } });
  const s = session16(ctx);
  if (s.transactionId === stop.payload.transactionId) s.transactionId = undefined;
}

/** Manual step: the EV cable is plugged into the configured connector. */
export async function plugIn(ctx: CaseContext, connectorId = ctx.config.ids.connectorId): Promise<void> {
  await ctx.manual('plugIn', { connectorId }, `Plug the EV cable into connector ${connectorId}.`);
  session16(ctx).plugged = true;
}

/** Manual step: the EV cable is unplugged from the configured connector. */
export async function unplug(ctx: CaseContext, connectorId = ctx.config.ids.connectorId): Promise<void> {
  await ctx.manual('unplug', { connectorId }, `Unplug the EV cable from connector ${connectorId}.`);
  session16(ctx).plugged = false;
}

/** Manual step: a driver presents an idTag (default: the configured valid one). */
export async function presentIdTag(ctx: CaseContext, token = ctx.config.ids.validIdToken, connectorId = ctx.config.ids.connectorId): Promise<void> {
  await ctx.manual('presentIdToken', { idToken: token.idToken, type: token.type, connectorId }, `Present the idTag ${token.idToken} at the charge point (connector ${connectorId}).`);
}

export const states16Cs: StateTable = {
  async Booted(ctx) {
    const { csms, config } = ctx;
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    csms.respondTo('StatusNotification', {});
    csms.respondTo('MeterValues', {});
    csms.respondTo('DiagnosticsStatusNotification', {});
    csms.respondTo('FirmwareStatusNotification', {});
    if (csms.booted) return;
    const boot = await csms.expectCall('BootNotification', { within: config.timeouts.connectMs + config.timeouts.messageMs, requirement: 'OCPP16-4.2' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    await csms.expectCall('StatusNotification', { ...statusOf(config.ids.connectorId), requirement: 'OCPP16-4.9' });
  },

  async Charging(ctx, options) {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const connectorId = config.ids.connectorId;
    const idTag = config.ids.validIdToken.idToken;
    if (options.via === 'remote') {
      csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });
      const res = await csms.call('RemoteStartTransaction', { connectorId, idTag }, { requirement: 'OCPP16-5.11' });
      ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.11', 'RemoteStartTransaction.conf status');
      await plugIn(ctx);
    } else {
      await plugIn(ctx);
      await presentIdTag(ctx);
      const auth = await csms.expectCall('Authorize', { where: (p) => p.idTag === idTag, whereText: `idTag = ${idTag}`, requirement: 'OCPP16-4.1' });
      await csms.reply(auth, { idTagInfo: { status: 'Accepted' } });
    }
    const start = await csms.expectCall('StartTransaction', { where: (p) => p.connectorId === connectorId, whereText: `connectorId = ${connectorId}`, requirement: 'OCPP16-4.8' });
    await acceptStart(ctx, start);
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Charging'), requirement: 'OCPP16-4.9' });
  },

  async Idle(ctx) {
    const { csms, config } = ctx;
    const s = session16(ctx);
    if (s.transactionId !== undefined) {
      const transactionId = s.transactionId;
      const res = await csms.call('RemoteStopTransaction', { transactionId }, { requirement: 'OCPP16-5.12' });
      ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.12', 'RemoteStopTransaction.conf status');
      const stop = await csms.expectCall('StopTransaction', { where: (p) => p.transactionId === transactionId, whereText: `transactionId = ${transactionId}`, requirement: 'OCPP16-4.10' });
      await acceptStop(ctx, stop);
    }
    if (s.plugged) {
      await unplug(ctx, s.connectorId);
      await csms.expectCall('StatusNotification', { ...statusOf(s.connectorId, 'Available'), within: config.timeouts.messageMs, requirement: 'OCPP16-4.9' });
    }
  },
};

// ---- Security suite helpers (OCPP-J robustness probes; used by both roles' SEC16 cases) ------

/** A frame the harness sends on purpose (valid or not) and the message id an answer would carry. */
export interface Probe {
  label: string;
  text: string;
  /** The id an answer would be correlated by; undefined when the frame has no readable id. */
  id?: string;
}

/** A CALLRESULT or CALLERROR the SUT sent back, read from its raw text. */
export interface ProbeAnswer {
  kind: 'result' | 'error';
  text: string;
  code?: string;
  payload?: unknown;
}

export interface ProbeOutcome {
  probe: Probe;
  answers: ProbeAnswer[];
}

/** [type, id, ...] of a JSON-array frame, read without OCPP's checks (ids over 36 characters included). */
export function rawHead(text: string): unknown[] | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Collects what one connection receives from now on, and when it closed. */
export class FrameWatch {
  readonly frames: { text: string; at: number }[] = [];
  closedAt: number | undefined;
  private readonly offs: (() => void)[];

  constructor(
    readonly conn: OcppConnection,
    private readonly now: () => number,
  ) {
    this.offs = [conn.onFrame((f) => this.frames.push({ text: f.text, at: f.at })), conn.onClose(() => (this.closedAt = this.now()))];
    if (conn.closed) this.closedAt = this.now();
  }

  /** Every CALLRESULT / CALLERROR carrying this message id. */
  answersTo(id: string): ProbeAnswer[] {
    const out: ProbeAnswer[] = [];
    for (const f of this.frames) {
      const a = rawHead(f.text);
      if (!a || a[1] !== id) continue;
      if (a[0] === 3) out.push({ kind: 'result', text: f.text, payload: a[2] });
      else if (a[0] === 4) out.push({ kind: 'error', text: f.text, code: typeof a[2] === 'string' ? a[2] : JSON.stringify(a[2]) });
    }
    return out;
  }

  /** CALLs the SUT sent on this connection (action names). */
  calls(): string[] {
    return this.frames.flatMap((f) => {
      const a = rawHead(f.text);
      return a && a[0] === 2 && typeof a[2] === 'string' ? [a[2]] : [];
    });
  }

  stop(): void {
    for (const off of this.offs) off();
  }
}

/** How a connection ended, for failure messages. */
export function closedText(conn: OcppConnection): string {
  return conn.closed ? `connection closed by ${conn.closed.by} (code ${conn.closed.code}${conn.closed.reason ? `, "${conn.closed.reason}"` : ''})` : 'connection open';
}

/** Sends a valid CALL on exactly this connection and waits for its answer: the session must still be usable. */
export async function fenceCall(
  ctx: CaseContext,
  endpoint: OcppEndpoint,
  conn: OcppConnection,
  action: string,
  payload: Payload,
  requirement: string,
  markEvidence = false,
): Promise<CallOutcome> {
  if (!conn.isOpen) throw new CaseFailure(requirement, [`the same connection stays open and answers ${action}`], closedText(conn));
  const id = ctx.ids.next();
  const frame = serializeCall(id, action, payload);
  await conn.send(frame);
  try {
    return await endpoint.awaitResponse(id, action, conn, { requirement });
  } catch (err) {
    // The unanswered call itself is the evidence when the case says so (a deadlock probe).
    if (markEvidence && err instanceof CaseFailure) ctx.evidence(frame);
    throw err;
  }
}

/**
 * Sends the probes back to back on the current connection, then a valid "fence" CALL whose
 * answer proves the session is still usable; returns what answered each probe. Probes sent
 * before the SUT dropped the connection are marked as evidence.
 */
export async function sendProbes(
  ctx: CaseContext,
  endpoint: OcppEndpoint,
  probes: Probe[],
  fence: { action: string; payload: Payload },
  requirement: string,
): Promise<{ outcomes: ProbeOutcome[]; minusOne: ProbeAnswer[]; watch: FrameWatch }> {
  const conn = endpoint.connection;
  if (!conn) throw new CaseFailure(requirement, ['an open connection to the SUT'], 'no connection');
  const now = () => ctx.clock.monotonic();
  const watch = new FrameWatch(conn, now);
  const sentAt: number[] = [];
  try {
    for (const p of probes) {
      if (!conn.isOpen) break;
      sentAt.push(now());
      await conn.send(p.text);
    }
    try {
      await fenceCall(ctx, endpoint, conn, fence.action, fence.payload, requirement);
    } catch (err) {
      if (err instanceof CaseFailure && watch.closedAt !== undefined) {
        ctx.evidence(...probes.filter((_, i) => sentAt[i] !== undefined && sentAt[i] <= watch.closedAt!).map((p) => p.text));
      }
      throw err;
    }
    // Answers to earlier frames precede the fence's in practice; a short grace covers reordering.
    await sleep(30, ctx.abort);
  } finally {
    watch.stop();
  }
  return { outcomes: probes.map((probe) => ({ probe, answers: probe.id ? watch.answersTo(probe.id) : [] })), minusOne: watch.answersTo('-1'), watch };
}

/**
 * The verdict for probes that must not be executed: a CALLRESULT fails `requirement`; a
 * CALLERROR with a code outside `allowed` is a SHOULD-level note (pass-non-strict).
 */
export function judgeNotExecuted(ctx: CaseContext, sent: { outcomes: ProbeOutcome[]; minusOne: ProbeAnswer[] }, requirement: string, allowed: readonly string[], codeRequirement = requirement): void {
  for (const o of sent.outcomes) {
    const result = o.answers.find((a) => a.kind === 'result');
    if (result) {
      ctx.evidence(o.probe.text);
      throw new CaseFailure(requirement, [`no CALLRESULT for ${o.probe.label} (a CALLERROR, or no answer)`], `CALLRESULT ${result.text.slice(0, 300)}`);
    }
  }
  const codes = new Set<string>();
  for (const o of sent.outcomes) for (const a of o.answers) if (a.code !== undefined && !allowed.includes(a.code)) codes.add(`${o.probe.label}: ${a.code}`);
  for (const a of sent.minusOne) if (a.code !== undefined && !allowed.includes(a.code)) codes.add(`id "-1": ${a.code}`);
  if (codes.size) ctx.nonStrict(codeRequirement, `CALLERROR codes outside ${allowed.join('/')}: ${[...codes].join('; ')}`);
}

/** The CALLERROR codes a 1.6 receiver may use for a frame it cannot read or frame (OCPP-J 1.6 section 4.2.3). */
export const FRAMING_CODES_16 = [
  'FormationViolation',
  'ProtocolError',
  'GenericError',
  'NotSupported',
  'TypeConstraintViolation',
  'PropertyConstraintViolation',
  'OccurenceConstraintViolation',
  // Later prints of the 1.6J error table fix the spelling; either is accepted from a SUT.
  'OccurrenceConstraintViolation',
] as const;

/**
 * A configuration value the charge point would change if it executed a probe: probes carry a
 * ChangeConfiguration to `marker`, and the value must read back unchanged afterwards.
 */
export class ConfigMarker {
  private constructor(
    readonly key: string,
    readonly original: string | undefined,
    readonly marker: string,
  ) {}

  static async create(ctx: CaseContext, key = 'MeterValueSampleInterval'): Promise<ConfigMarker> {
    const original = await readConfigValue(ctx, key);
    const n = Number.parseInt(original ?? '', 10);
    return new ConfigMarker(key, original, String(Number.isFinite(n) ? n + 17 : 37));
  }

  /** The ChangeConfiguration payload that would set the marker. */
  get payload(): Payload {
    return { key: this.key, value: this.marker };
  }

  /** A frame [type, id, action, marker payload, ...extra] as text. */
  frame(type: unknown, id: unknown, action = 'ChangeConfiguration', ...extra: unknown[]): string {
    return JSON.stringify([type, id, action, this.payload, ...extra]);
  }

  /** Fails `requirement` when the marker value was stored, naming the probes as evidence. */
  async assertUnchanged(ctx: CaseContext, requirement: string, culprits: Probe[]): Promise<void> {
    const now = await readConfigValue(ctx, this.key, requirement);
    if (now === this.marker) {
      ctx.evidence(...culprits.map((p) => p.text));
      throw new CaseFailure(requirement, [`${this.key} still ${JSON.stringify(this.original)} (no probe executed)`], `${this.key} = ${JSON.stringify(now)}: a malformed ChangeConfiguration was executed`);
    }
  }
}

/** Reads one configuration key with GetConfiguration (undefined when the charge point does not report it). */
export async function readConfigValue(ctx: CaseContext, key: string, requirement = 'OCPP16-5.8'): Promise<string | undefined> {
  const res = await ctx.csms.call('GetConfiguration', { key: [key] }, { requirement, schema: false });
  const entry = Array.isArray(res.configurationKey) ? (res.configurationKey as Payload[]).find((k) => k.key === key) : undefined;
  return typeof entry?.value === 'string' ? entry.value : undefined;
}

/** A CALLRESULT payload that refuses the request (status Rejected, idTagInfo Invalid ...): its status. */
export function refusalStatus(payload: Payload): string | undefined {
  const refusals = ['Rejected', 'Invalid', 'Blocked', 'Expired', 'NotSupported', 'NotImplemented', 'UnknownVendorId', 'UnknownMessageId', 'Failed', 'Unknown'];
  if (typeof payload.status === 'string' && refusals.includes(payload.status)) return payload.status;
  const tag = (payload.idTagInfo as Payload | undefined)?.status;
  if (typeof tag === 'string' && tag !== 'Accepted') return `idTagInfo ${tag}`;
  return undefined;
}

/**
 * The schema-driven negative matrix: for every action the SUT receives in this direction, up to
 * `perAction` schema-violating mutations (distinct mutators, fixed seed) of a valid payload. A
 * realistic base payload can be given per action; the rest are generated from the schema.
 */
export function negativeMatrix16(
  ctx: CaseContext,
  direction: FuzzDirection,
  seed: string,
  perAction: number,
  basePayloads: Record<string, Payload> = {},
): Mutation[] {
  const validator = ctx.validator;
  const root = new Random(seed);
  const out: Mutation[] = [];
  for (const action of actionsFor('1.6', direction)) {
    const schema = validator.schema(action, 'request');
    if (!schema) continue;
    const stream = root.fork(action);
    const payload = basePayloads[action] ?? generateValid(schema, stream.fork('payload'), { maxStringLength: 16 });
    const candidates = mutations(stream.fork('mutations'), action, payload, '1.6', { validator, maxTargets: 1, nestingDepth: 4, hugeLength: 64 }).filter((m) => {
      if (m.violation !== 'schema' || m.expectation !== 'callerror' || !m.messageId || m.category === 'size' || m.category === 'nesting') return false;
      const f = rawHead(m.frame);
      return !!f && f.length === 4 && !validator.validate(action, 'request', f[3]).valid;
    });
    const mutators = new Set<string>();
    for (const m of candidates) {
      if (mutators.size >= perAction) break;
      if (mutators.has(m.mutator)) continue;
      mutators.add(m.mutator);
      out.push(m);
    }
  }
  return out;
}

/**
 * Sends each mutation on the current connection (with a fresh message id) and judges the answer:
 * a CALLRESULT accepting it fails `requirement`; a CALLRESULT that refuses it, a code outside the
 * 1.6 payload family or no answer is a SHOULD-level note; a dropped connection fails.
 */
export async function runNegativeMatrix16(
  ctx: CaseContext,
  endpoint: OcppEndpoint,
  entries: Mutation[],
  requirement: string,
  codeRequirement: string,
): Promise<{ sent: number; conn: OcppConnection }> {
  const conn = endpoint.connection;
  if (!conn) throw new CaseFailure(requirement, ['an open connection to the SUT'], 'no connection');
  const within = Math.min(ctx.config.timeouts.messageMs, 5000);
  const allowed = [...schemaViolationCodes('1.6'), 'OccurrenceConstraintViolation', 'NotSupported', 'NotImplemented'];
  const offCode: string[] = [];
  const silent: string[] = [];
  const refused: string[] = [];
  let sent = 0;
  for (const m of entries) {
    const id = ctx.ids.next();
    const frame = m.frame.replace(JSON.stringify(m.messageId), JSON.stringify(id));
    if (!conn.isOpen) throw new CaseFailure(requirement, ['the connection stays open while invalid requests are refused'], closedText(conn));
    await conn.send(frame);
    sent += 1;
    let res: CallOutcome;
    try {
      res = await endpoint.awaitResponse(id, `${m.action} with ${m.description}`, conn, { within, requirement });
    } catch (err) {
      if (!(err instanceof CaseFailure)) throw err;
      if (conn.closed) {
        ctx.evidence(frame);
        throw new CaseFailure(requirement, [`a CALLERROR for ${m.action} with ${m.description}, the session kept`], `${closedText(conn)} after that request`);
      }
      silent.push(`${m.action} (${m.description})`);
      if (silent.length >= 3) {
        ctx.note('negative matrix stopped early: three requests went unanswered');
        break;
      }
      continue;
    }
    if (res.kind === 'result') {
      const status = refusalStatus(res.payload);
      if (status) {
        refused.push(`${m.action} (${m.mutator}): ${status}`);
        continue;
      }
      ctx.evidence(frame);
      throw new CaseFailure(requirement, [`a CALLERROR for ${m.action} with ${m.description}`], `CALLRESULT ${JSON.stringify(res.payload).slice(0, 200)}: the invalid request was accepted`);
    }
    if (!allowed.includes(res.errorCode)) offCode.push(`${m.action} (${m.mutator}): ${res.errorCode}`);
  }
  ctx.note(`negative matrix: ${sent} invalid requests over ${new Set(entries.map((e) => e.action)).size} actions`);
  if (silent.length) ctx.nonStrict(codeRequirement, `no answer to ${silent.length} invalid request(s): ${silent.slice(0, 5).join('; ')}`);
  if (refused.length) ctx.nonStrict(codeRequirement, `invalid requests refused with a CALLRESULT instead of a CALLERROR: ${refused.slice(0, 5).join('; ')}`);
  if (offCode.length) ctx.nonStrict(codeRequirement, `CALLERROR codes outside the 1.6 payload family: ${offCode.slice(0, 5).join('; ')}`);
  return { sent, conn };
}

/** Resolves true once the connection is closed, false when it is still open after `ms`. */
export function waitClosed(conn: OcppConnection, ms: number): Promise<boolean> {
  if (conn.closed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(false);
    }, ms);
    const off = conn.onClose(() => {
      clearTimeout(timer);
      off();
      resolve(true);
    });
  });
}

// ---- Security whitepaper helpers ("Improved security for OCPP 1.6-J", TC_073 .. TC_087) ------

/**
 * Answers what a charge point sends during the security cases: SecurityEventNotification,
 * SignedFirmwareStatusNotification, LogStatusNotification, and the BootNotification it may send
 * after reconnecting (accepted). Call after ctx.given('Booted'); expectCall still sees each call.
 */
export function answerSecurityMessages16(ctx: CaseContext): void {
  const { csms, config } = ctx;
  csms.respondTo('SecurityEventNotification', {});
  csms.respondTo('SignedFirmwareStatusNotification', {});
  csms.respondTo('LogStatusNotification', {});
  csms.respondTo('SignCertificate', { status: 'Accepted' });
  csms.respondTo('BootNotification', () => ({ currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' }));
}

/**
 * Makes the charge point open a new connection when it is already connected and registered
 * (a power cycle), so its handshake can be observed. Returns the handshake and TCP-attempt counts
 * to look after.
 */
export async function freshConnection16(ctx: CaseContext): Promise<{ handshakes: number; attempts: number }> {
  const { csms } = ctx;
  if (!csms.booted) return { handshakes: 0, attempts: 0 };
  const mark = { handshakes: csms.handshakes.length, attempts: csms.attempts.length };
  await ctx.manual('reboot', {}, 'Power-cycle the charge point so that it opens a new connection to the central system.');
  return mark;
}

/** How long a reconnect may take: the connect timeout plus one message timeout. */
export function reconnectWithin(ctx: CaseContext): number {
  return ctx.config.timeouts.connectMs + ctx.config.timeouts.messageMs;
}

/** A random AuthorizationKey: 20 random bytes, hex-encoded (40 digits), masked in every log. */
export function newAuthorizationKey(ctx: CaseContext): string {
  return ctx.secret(randomBytes(20).toString('hex'));
}

/**
 * A self-signed CA certificate (EC P-256) made for this case: unique to the run, so installing,
 * listing and deleting it is observable. `expired` makes one whose validity ended yesterday.
 */
export function freshRootCertificate(commonName: string, organization: string, o: { expired?: boolean } = {}): string {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const now = Date.now();
  const notBefore = new Date(o.expired ? now - 60 * DAY_MS : now - BACKDATE_MS);
  const notAfter = new Date(o.expired ? now - DAY_MS : now + 30 * DAY_MS);
  const name = { CN: commonName, O: organization };
  return issueCertificate({
    subject: name,
    publicKey,
    issuer: { name, privateKey, keyId: keyIdentifier(publicKey) },
    serial: randomSerial(),
    notBefore,
    notAfter,
    ca: true,
    keyUsage: ['keyCertSign', 'cRLSign'],
    subjectKeyId: keyIdentifier(publicKey),
  });
}

/** Reads the installed certificates of a type; [] when the charge point answers NotFound. */
export async function installedCertificateIds16(ctx: CaseContext, certificateType: string, requirement: string): Promise<CertificateHashData[]> {
  const res = await ctx.csms.call('GetInstalledCertificateIds', { certificateType }, { requirement });
  ctx.expectOneOf(res.status, ['Accepted', 'NotFound'], requirement, 'GetInstalledCertificateIds.conf status');
  return res.status === 'Accepted' && Array.isArray(res.certificateHashData) ? (res.certificateHashData as CertificateHashData[]) : [];
}

/** A short text for hash data (for notes and failure messages). */
export function hashDataText(h: CertificateHashData): string {
  return `${h.hashAlgorithm} issuerNameHash ${h.issuerNameHash.slice(0, 16)}… issuerKeyHash ${h.issuerKeyHash.slice(0, 16)}… serial ${h.serialNumber}`;
}

/**
 * A firmware signer under the PKI's manufacturer root (the harness plays the manufacturer): a
 * code-signing certificate and a function that signs an image (RSA-PSS, SHA-256).
 */
export function firmwareSigner16(ctx: CaseContext): { certificatePem: string; sign(image: Buffer): string } {
  const root = ctx.pki.artifact('manufacturer-root');
  const rootKey = createPrivateKey(root.keyPem);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rootCert = new X509Certificate(root.certPem);
  const rootParts = certParts(root.certPem);
  const now = Date.now();
  const certificatePem = issueCertificate({
    subject: { CN: 'ocpp-harness firmware signing', O: 'OCPP Harness Manufacturer' },
    publicKey,
    issuer: { name: slice(rootParts.der, rootParts.subject), privateKey: rootKey, keyId: keyIdentifier(rootCert.publicKey) },
    serial: randomSerial(),
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + 30 * DAY_MS),
    ca: false,
    keyUsage: ['digitalSignature'],
    extKeyUsage: ['codeSigning'],
    subjectKeyId: keyIdentifier(publicKey),
  });
  return {
    certificatePem,
    sign: (image) => cryptoSign('sha256', image, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }).toString('base64'),
  };
}

/**
 * A loopback HTTP server that serves one file (a firmware image) for the length of a case, and
 * records who fetched it. Reachable only from the harness's own host.
 */
export async function serveFile16(ctx: CaseContext, path: string, body: Buffer): Promise<{ url: string; fetches: () => number; stop: () => Promise<void> }> {
  let fetches = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === path) {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length, connection: 'close' });
      res.end(body);
    } else {
      res.writeHead(404, { connection: 'close' }).end();
    }
  });
  server.requestTimeout = 5000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.setTimeout(5000, () => s.destroy());
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}${path}`;
  ctx.note(`file server: serving ${body.length} bytes at ${url}`);
  return {
    url,
    fetches: () => fetches,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Final SignedFirmwareStatusNotification statuses of one update. */
export const FIRMWARE_FINAL_16 = ['Installed', 'InstallationFailed', 'InstallVerificationFailed', 'InvalidSignature', 'DownloadFailed'];

/**
 * Collects SignedFirmwareStatusNotifications until a final status (or `withinMs` passes);
 * answers a BootNotification in between (an install reboot). Returns them in arrival order.
 */
export async function firmwareStatuses16(ctx: CaseContext, withinMs: number, requirement: string): Promise<{ status: string; requestId?: number }[]> {
  const out: { status: string; requestId?: number }[] = [];
  const deadline = ctx.clock.monotonic() + withinMs;
  let last: ReceivedCall | undefined;
  while (!out.some((s) => FIRMWARE_FINAL_16.includes(s.status))) {
    const left = Math.max(1, deadline - ctx.clock.monotonic());
    try {
      last = await ctx.csms.expectCall('SignedFirmwareStatusNotification', { ...(last ? { after: last } : {}), within: left, requirement });
    } catch (err) {
      if (err instanceof CaseFailure) break;
      throw err;
    }
    out.push({ status: String(last.payload.status), ...(typeof last.payload.requestId === 'number' ? { requestId: last.payload.requestId } : {}) });
  }
  return out;
}

/**
 * TC_075_1/TC_075_2: install a fresh root of `type`, find it in GetInstalledCertificateIds with
 * the RFC 6960 hash data the harness computes, and delete it again.
 */
export async function installRootAndFindIt16(ctx: CaseContext, type: 'ManufacturerRootCertificate' | 'CentralSystemRootCertificate'): Promise<void> {
    const { csms } = ctx;
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);
    const root = freshRootCertificate(`ocpp-harness ${ctx.meta.id} ${randomBytes(4).toString('hex')}`, ctx.organization);
    const expected = certificateHashData(root, root, 'SHA256');

    ctx.step(`The harness installs a new root certificate as ${type}; the charge point accepts it`);
    const res = await csms.call('InstallCertificate', { certificateType: type, certificate: root }, { requirement: 'SECWP16-M05.FR.01' });
    ctx.expectOneOf(res.status, ['Accepted'], 'SECWP16-M05.FR.01', 'InstallCertificate.conf status');

    ctx.step(`GetInstalledCertificateIds(${type}) lists the new certificate with RFC 6960 hash data the harness recomputes`);
    const ids = await installedCertificateIds16(ctx, type, 'SECWP16-M03.FR.01');
    const sameSerial = ids.filter((h) => h.serialNumber.toLowerCase().replace(/^0+(?=.)/, '') === expected.serialNumber);
    ctx.check(sameSerial.length > 0, 'SECWP16-M05.FR.01', `an entry with serial number ${expected.serialNumber} (the installed certificate)`, ids.length ? ids.map(hashDataText).join('; ') : 'no certificates of this type');
    const match = sameSerial.find((h) => sameHashData(h, certificateHashData(root, root, h.hashAlgorithm as HashAlgorithm)));
    ctx.check(
      match !== undefined,
      'SECWP16-M03.FR.01',
      `hash data of the installed certificate as RFC 6960 defines it: ${hashDataText(certificateHashData(root, root, (sameSerial[0]!.hashAlgorithm as HashAlgorithm) ?? 'SHA256'))}`,
      sameSerial.map(hashDataText).join('; '),
    );
    ctx.note(`listed as ${hashDataText(match!)}`);

    ctx.step('The harness removes the certificate it installed again');
    const del = await csms.call('DeleteCertificate', { certificateHashData: match ?? expected }, { requirement: 'SECWP16-M04.FR.01' });
    if (del.status !== 'Accepted') ctx.note(`DeleteCertificate answered ${del.status}: the test certificate stays installed`);
}
