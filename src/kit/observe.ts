import { versionFacts } from '../protocol/version-facts.js';
import type { AnyCaseContext, AnyEndpoint } from './contexts.js';
import { check } from '../engine/checks.js';
import { CaseFailure } from '../core/verdict.js';
import { serializeCall } from '../protocol/framing.js';
import type { CloseInfo, InboundFrame, OcppConnection } from '../transport/connection.js';
import type { CallOutcome, OcppEndpoint, Payload } from '../roles/endpoint.js';

/**
 * Send a frame, observe the outcome: the one vocabulary for "what did the SUT do after this
 * frame", for both OCPP versions and both harness roles (mock CSMS and mock station).
 *
 * An outcome is an answer (CALLRESULT or CALLERROR, correlated by message id or "-1"), the
 * connection closing, or silence. Silence is decided either by a timeout (`within`) or by a
 * fence: a valid CALL sent right after on the same connection, whose answer bounds the wait
 * (a SUT handles one connection's frames in order) and proves the session still serves.
 * Answers are read from the raw text, so an answer that echoes an id OCPP-J would refuse (too
 * long, empty) is still seen.
 */

/** A CALLRESULT or CALLERROR the SUT sent, read from its raw text. */
export type Answer = ResultAnswer | ErrorAnswer;
export interface ResultAnswer {
  kind: 'result';
  messageId: string;
  payload: Payload;
  text: string;
  errorCode?: undefined;
}
export interface ErrorAnswer {
  kind: 'error';
  messageId: string;
  /** The code as sent (a code that is not a string, as JSON). */
  errorCode: string;
  errorDescription: string;
  text: string;
  /** errorDetails missing or not a JSON object: still a CALLERROR, with this noted (OCPP-J requires an object). */
  detailsProblem?: string;
}

/** The connection closed (possibly after an answer came). */
export interface ClosedOutcome extends CloseInfo {
  kind: 'closed';
  closed: CloseInfo;
  answer?: Answer;
}

/**
 * What the SUT did after a frame. `kind` sums it up; `answer` and `closed` are the two facts
 * (an answer may come and the connection close after it: kind 'closed' with an answer).
 */
export type Outcome =
  | (ResultAnswer & { answer: ResultAnswer; closed?: undefined })
  | (ErrorAnswer & { answer: ErrorAnswer; closed?: undefined })
  | ClosedOutcome
  | { kind: 'silent'; answer?: undefined; closed?: undefined };

/** [type, id, ...] of a JSON-array frame, read without OCPP's checks (ids over 36 characters included). */
export function rawHead(text: string): unknown[] | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a text frame is shaped as a CALL the SUT would answer ([2, "id", ...]). */
export function isCallText(text: string): boolean {
  const a = rawHead(text);
  return a !== undefined && a[0] === 2 && typeof a[1] === 'string';
}

/** The answer a text frame is, if it is a CALLRESULT or CALLERROR with a string message id. */
export function readAnswer(text: string): Answer | undefined {
  const a = rawHead(text);
  if (!a || typeof a[1] !== 'string') return undefined;
  if (a[0] === 3) return { kind: 'result', messageId: a[1], payload: a[2] as Payload, text };
  if (a[0] === 4 || a[0] === 5) {
    const errorCode = typeof a[2] === 'string' ? a[2] : JSON.stringify(a[2]);
    const details: unknown = a[4];
    const detailsOk = typeof details === 'object' && details !== null && !Array.isArray(details);
    return {
      kind: 'error',
      messageId: a[1],
      errorCode,
      errorDescription: typeof a[3] === 'string' ? a[3] : '',
      text,
      ...(detailsOk ? {} : { detailsProblem: `errorDetails ${JSON.stringify(details) ?? 'missing'} is not a JSON object` }),
    };
  }
  return undefined;
}

const shortId = (id: string): string => (id.length > 40 ? `${id.slice(0, 40)}…` : id);

/** One line for notes and failures. */
export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'result':
      return `CALLRESULT ${(JSON.stringify(o.payload) ?? 'undefined').slice(0, 200)}`;
    case 'error':
      return `CALLERROR ${o.errorCode} (id ${JSON.stringify(shortId(o.messageId))})${o.detailsProblem ? `; ${o.detailsProblem}` : ''}`;
    case 'closed':
      return `connection closed by ${o.by} (code ${o.code})`;
    case 'silent':
      return 'no answer';
  }
}

function outcomeOf(answer: Answer | undefined, closed?: CloseInfo): Outcome {
  if (closed) return { kind: 'closed', ...closed, closed, ...(answer ? { answer } : {}) };
  if (!answer) return { kind: 'silent' };
  return answer.kind === 'result' ? { ...answer, answer } : { ...answer, answer };
}

/** How a connection ended, for failure messages. */
export function closedText(conn: OcppConnection): string {
  return conn.closed
    ? `connection closed by ${conn.closed.by} (code ${conn.closed.code}${conn.closed.reason ? `, "${conn.closed.reason}"` : ''})`
    : 'connection open';
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

/** Polls a condition every 10 ms until it holds or `within` ms pass; bounded by the case abort. */
export async function waitUntil(ctx: AnyCaseContext, cond: () => boolean, within: number): Promise<boolean> {
  const deadline = performance.now() + within;
  for (;;) {
    if (cond()) return true;
    if (ctx.abort.aborted || performance.now() >= deadline) return cond();
    await new Promise((r) => setTimeout(r, Math.min(10, Math.max(1, deadline - performance.now()))));
  }
}

/** The endpoint the harness plays in this case: the mock CSMS (SUT cs) or the mock station (SUT csms). */
export function harnessEndpoint(ctx: AnyCaseContext): OcppEndpoint {
  return ctx.meta.sut === 'cs' ? ctx.csms.untyped : ctx.station.untyped;
}

/** How failure texts name the SUT. */
function sutName(ctx: AnyCaseContext): string {
  return versionFacts(ctx.ocpp).sutName(ctx.meta.sut);
}

/** A valid CALL whose answer proves the session still serves. */
export interface Fence {
  action: string;
  payload: Payload;
}

/** The liveness call per version and SUT role: GetVariables / GetConfiguration of HeartbeatInterval, or a Heartbeat to a CSMS. */
export function livenessCall(ctx: AnyCaseContext): Fence {
  return versionFacts(ctx.ocpp).sessionProbe(ctx.meta.sut);
}

/** The station's HeartbeatInterval as its version reads it (GetConfiguration / GetVariables); undefined when not reported. */
export async function heartbeatIntervalOf(ctx: AnyCaseContext, requirement: string): Promise<string | undefined> {
  if (ctx.ocpp === '1.6') {
    const res = await ctx.csms.untyped.call('GetConfiguration', { key: ['HeartbeatInterval'] }, { requirement, schema: false });
    const entry = Array.isArray(res.configurationKey)
      ? (res.configurationKey as Payload[]).find((k) => k.key === 'HeartbeatInterval')
      : undefined;
    return typeof entry?.value === 'string' ? entry.value : undefined;
  }
  const res = await ctx.csms.untyped.call(
    'GetVariables',
    { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
    { requirement },
  );
  const value = res.getVariableResult?.[0]?.attributeValue;
  return value === undefined ? undefined : String(value);
}

/** Sends a valid CALL on exactly this connection and waits for its answer: the session must still be usable. */
export async function fenceCall(
  ctx: AnyCaseContext,
  endpoint: AnyEndpoint,
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

/** The frame answering one of `ids` (any CALLERROR when undefined) on `conn` (any connection when omitted), if one arrives within `within` ms. */
export async function answerFor(
  ctx: AnyCaseContext,
  ids: readonly string[] | undefined,
  within: number,
  conn?: OcppConnection,
): Promise<InboundFrame | undefined> {
  const what = ids ? `an answer to ${ids.map((i) => JSON.stringify(shortId(i))).join(' or ')}` : 'a CALLERROR';
  try {
    return await harnessEndpoint(ctx).expectFrame(what, (f) => answerMatches(f, ids, conn), { within });
  } catch (err) {
    if (err instanceof CaseFailure) return undefined;
    throw err;
  }
}

function answerMatches(f: InboundFrame, ids: readonly string[] | undefined, conn: OcppConnection | undefined): boolean {
  if (conn && f.conn !== conn) return false;
  const a = readAnswer(f.text);
  if (!a) return false;
  return ids === undefined ? a.kind === 'error' : ids.includes(a.messageId);
}

/** A CALL of this action the SUT sent on a given connection, if one arrives within `within` ms. */
export async function callArrivedOn(
  ctx: AnyCaseContext,
  conn: OcppConnection,
  action: string,
  within: number,
): Promise<InboundFrame | undefined> {
  try {
    return await harnessEndpoint(ctx).expectFrame(
      `CALL ${action} on ${conn.label}`,
      (f) => f.conn === conn && f.frame.kind === 'call' && f.frame.action === action,
      { within },
    );
  } catch (err) {
    if (err instanceof CaseFailure) return undefined;
    throw err;
  }
}

/** Hand-built bytes for writeRawBytes (fragments, compressed frames), with how the log names them. */
export interface RawBytes {
  bytes: Buffer;
  description: string;
}

export type ObserveOptions = {
  /** Message ids an answer may carry ("-1" always counts); omitted: the frame has no readable id, any CALLERROR answers it. */
  ids?: readonly string[];
} & (
  | { /** Silence for this long (ms) is the outcome 'silent'. */ within: number }
  | {
      /** A valid CALL sent right after bounds the wait (default: livenessCall). */
      fence?: Fence;
      /** What a session that stops answering the fence fails. */
      requirement: string;
    }
);

/**
 * Sends text (or raw bytes) on the current connection and observes the outcome. With `within`:
 * the first of an answer, the connection closing, or `within` ms of silence. Otherwise a fence
 * follows the frame; the answer is looked for once the fence is answered, and a session that
 * no longer answers the fence (while still open) fails `requirement`.
 */
export async function sendAndObserve(ctx: AnyCaseContext, frame: string | RawBytes, o: ObserveOptions): Promise<Outcome> {
  const endpoint = harnessEndpoint(ctx);
  const conn = endpoint.connection;
  if (!conn) {
    const last = endpoint.lastConnection?.closed;
    return outcomeOf(undefined, { code: last?.code ?? 0, by: last?.by ?? 'peer', reason: last?.reason ?? '' });
  }
  const ids = o.ids ? [...o.ids, '-1'] : undefined;
  const send = () => (typeof frame === 'string' ? conn.send(frame) : conn.writeRawBytes(frame.bytes, frame.description));
  if ('within' in o) {
    let off: (() => void) | undefined;
    const closed = new Promise<Outcome>((resolve) => {
      off = conn.onClose((c) => resolve(outcomeOf(undefined, c)));
    });
    await send();
    const answered = answerFor(ctx, ids, o.within, conn).then((f) => outcomeOf(f && readAnswer(f.text)));
    const out = await Promise.race([answered, closed]);
    off?.();
    return out;
  }
  await send();
  if (conn.closed) return outcomeOf(undefined, conn.closed);
  // OCPP-J 4.1.1: the fence is a second CALL, so a frame that is a CALL first gets its answer or
  // its silence window; a SUT that queues calls would otherwise never answer the fence.
  const early =
    typeof frame === 'string' && isCallText(frame)
      ? await answerFor(ctx, ids ?? [String(rawHead(frame)?.[1])], ctx.config.timeouts.silenceMs, conn)
      : undefined;
  if (conn.closed) return outcomeOf(early && readAnswer(early.text), conn.closed);
  const fence = o.fence ?? livenessCall(ctx);
  let alive = true;
  try {
    await fenceCall(ctx, endpoint, conn, fence.action, fence.payload, o.requirement);
  } catch (err) {
    if (!(err instanceof CaseFailure)) throw err;
    alive = false;
  }
  const answered = early ?? (await answerFor(ctx, ids, Math.min(100, ctx.config.timeouts.silenceMs), conn));
  const answer = answered && readAnswer(answered.text);
  if (conn.closed) return outcomeOf(answer, conn.closed);
  if (!alive) {
    const sent = typeof frame === 'string' ? (frame.length > 80 ? `${frame.slice(0, 80)}…` : JSON.stringify(frame)) : frame.description;
    throw new CaseFailure(
      o.requirement,
      [`the session still answers a ${fence.action} after ${sent}`],
      `no answer to the ${fence.action}: the ${sutName(ctx)} stopped serving the session`,
    );
  }
  return outcomeOf(answer);
}

/**
 * Proves the SUT is still reachable: connected (a station may reconnect; a CSMS is dialled and
 * booted again) and answering the liveness call with a CALLRESULT. Fails naming `requirement`.
 */
export async function expectReachable(
  ctx: AnyCaseContext,
  requirement: string,
  what = `the ${sutName(ctx)} is reachable again`,
): Promise<void> {
  const endpoint = harnessEndpoint(ctx);
  if (ctx.meta.sut === 'cs') {
    if (!ctx.csms.connection) await ctx.csms.expectConnection({ within: ctx.waits.reconnect, requirement });
  } else if (!ctx.station.connection) {
    // Booting again is part of what is checked here, not a precondition.
    await ctx.reachAgain('Booted');
  }
  const fence = livenessCall(ctx);
  const res = await endpoint.callMayError(fence.action, fence.payload, { requirement, schema: false });
  check(
    res.kind === 'result',
    requirement,
    `${what}: ${fence.action} answered with a CALLRESULT`,
    `CALLERROR ${res.kind === 'error' ? res.errorCode : ''}`,
  );
}

/**
 * After an attack: the SUT serves the harness again, failing `requirement` otherwise (with
 * `culprit` as evidence). A station may reconnect by itself (expectReachable); a CSMS is dialled
 * again when the connection is gone (or always, with `fresh`) and must answer a Heartbeat.
 */
export async function servedAgain(
  ctx: AnyCaseContext,
  requirement: string,
  o: { what?: string; culprit?: string; fresh?: boolean } = {},
): Promise<void> {
  const after = o.what ? ` ${o.what}` : '';
  try {
    if (ctx.meta.sut === 'cs') return await expectReachable(ctx, requirement, `the station is reachable again${after}`);
    const { station } = ctx;
    if (o.fresh) station.disconnectAll();
    if (!station.connection) {
      const dial = await station.tryConnect();
      check(dial.ok, requirement, `the station can connect again${after}`, dial.ok ? '' : dial.error);
    }
    const hb = await station.untyped.callMayError('Heartbeat', {}, { requirement });
    check(hb.kind === 'result', requirement, `a HeartbeatResponse${after}`, hb.kind === 'error' ? `CALLERROR ${hb.errorCode}` : '');
  } catch (err) {
    if (o.culprit && err instanceof CaseFailure) ctx.evidence(o.culprit);
    throw err;
  }
}
