import {
  describeFrame,
  serializeCall,
  serializeError,
  serializeResult,
  type CallErrorFrame,
  type CallFrame,
  type CallResultFrame,
} from '../protocol/framing.js';
import type { SchemaValidator } from '../protocol/schemas.js';
import { requestForVersion } from '../protocol/ocpp21-deltas.js';
import type { OcppVersion } from '../core/versions.js';
import { CaseFailure, CaseInconclusive } from '../core/verdict.js';
import type { IdSource } from '../core/clock.js';
import type { InboundFrame, OcppConnection, WireRecorder } from '../transport/connection.js';
import { ChangeSignal, sleep, waitFor } from '../transport/wait.js';
import { BackgroundResponder, overlappingCall, type BackgroundPolicy } from './background.js';

export type Payload = Record<string, any>;

export interface ReceivedCall<P = Payload> {
  messageId: string;
  action: string;
  payload: P;
  conn: OcppConnection;
  /** Monotonic receive time. */
  at: number;
  answered: boolean;
  /** The answer the harness gave in the background (JSON), when no step claimed the call in time. */
  answeredInBackground?: string;
}

export type CallOutcome<R = Payload> =
  | { kind: 'result'; messageId: string; payload: R }
  | { kind: 'error'; messageId: string; errorCode: string; errorDescription: string; errorDetails: unknown };

export interface WaitOptions {
  /** Timeout in ms; defaults to the SUT config's message timeout. */
  within?: number;
  /** The requirement a miss violates (defaults to the case's main requirement). */
  requirement?: string;
}

export interface ExpectCallOptions<P> extends WaitOptions {
  /** Only calls whose payload passes this match. */
  where?: (payload: P) => boolean;
  /** Describes the `where` filter in failure messages. */
  whereText?: string;
  /** Only calls received after this one (e.g. "the StatusNotification after this boot"). */
  after?: ReceivedCall<unknown>;
  /** Validate the payload against the OCA schema and fail on violations (default true). */
  schema?: boolean;
  /**
   * Also take calls sent on an earlier, closed connection (default: a wait only takes calls of
   * connections still open, or of the newest one). For messages about a transaction rather than a
   * session, e.g. a StopTransaction the station may send before or after a reboot.
   */
  anyConnection?: boolean;
}

export interface CallOptions extends WaitOptions {
  /** Validate the response payload against the OCA schema (default true). */
  schema?: boolean;
  /** Use this message id instead of a fresh one (replay and duplicate-id cases). */
  messageId?: string;
}

/** How long expectNoCall watches, and from when calls count. */
export interface NoCallWindow {
  within: number;
  since?: number;
}

export type Responder = Payload | ((call: ReceivedCall) => Payload | undefined);

interface InboxItem {
  inbound: InboundFrame;
  taken: boolean;
  call?: ReceivedCall;
}

export interface EndpointOptions {
  version: OcppVersion;
  validator: SchemaValidator;
  recorder: WireRecorder;
  ids: IdSource;
  monotonic: () => number;
  messageTimeoutMs: number;
  /** The requirement a miss violates when the wait names none: the open step's, else the case's main one. */
  defaultRequirement: string | (() => string);
  abort: AbortSignal;
  /** Answer calls the case does not claim as a conformant peer would (absent: leave them unanswered). */
  background?: BackgroundPolicy;
  /** A SUT behaviour the spec discourages but does not forbid (a SHOULD): the case ends pass-non-strict. */
  onSutDeviation?: (requirement: string, text: string) => void;
}

/**
 * The case's handle on the SUT's OCPP traffic, for either role. It records through the case's
 * recorder, answers nothing unless the case installed a responder, and turns every miss into a
 * CaseFailure naming the requirement, the expectation and what actually happened.
 */
export class OcppEndpoint {
  protected readonly inbox: InboxItem[] = [];
  protected readonly changed = new ChangeSignal();
  protected readonly connections: OcppConnection[] = [];
  private readonly responders = new Map<string, Responder>();
  private readonly unsubscribe: (() => void)[] = [];
  /** Fail waits as soon as the connection closes (a station cannot be reconnected to). */
  protected failFastOnClose = true;
  /** The role this endpoint answers calls as (for background answers). */
  protected answeringAs: 'csms' | 'station' = 'csms';
  private background: BackgroundResponder | undefined;
  /** Per connection: the harness's own CALL still awaiting its answer (OCPP-J allows one). */
  private readonly ownCallInFlight = new WeakMap<OcppConnection, Promise<void>>();

  constructor(protected readonly opts: EndpointOptions) {}

  get version(): OcppVersion {
    return this.opts.version;
  }

  /**
   * This endpoint as it is, with untyped payloads. The typed views of cases (src/engine/typed-context.ts)
   * narrow payloads to the OCA schemas; `untyped` is their explicit escape for unknown actions and
   * deliberately invalid payloads.
   */
  get untyped(): this {
    return this;
  }

  /** The newest open connection, if any. */
  get connection(): OcppConnection | undefined {
    for (let i = this.connections.length - 1; i >= 0; i--) if (this.connections[i].isOpen) return this.connections[i];
    return undefined;
  }

  get lastConnection(): OcppConnection | undefined {
    return this.connections[this.connections.length - 1];
  }

  /** Adds a connection whose frames this endpoint receives; replays frames buffered before. */
  addConnection(conn: OcppConnection, buffered: InboundFrame[] = []): void {
    conn.attach(this.opts.recorder);
    this.connections.push(conn);
    for (const b of buffered) {
      this.opts.recorder.note('observation', `received before this case started: ${describeFrame(b.frame)}`);
      this.receive(b);
    }
    this.unsubscribe.push(conn.onFrame((f) => this.receive(f)));
    this.unsubscribe.push(conn.onClose(() => this.changed.notify()));
    this.changed.notify();
  }

  /** Stops receiving (case end); connections stay as they are. */
  detach(): void {
    this.background?.stop();
    for (const u of this.unsubscribe.splice(0)) u();
    for (const c of this.connections) c.attach(undefined);
  }

  private receive(inbound: InboundFrame): void {
    const item: InboxItem = { inbound, taken: false };
    const f = inbound.frame;
    if (f.kind === 'call') {
      item.call = {
        messageId: f.messageId,
        action: f.action,
        payload: f.payload as Payload,
        conn: inbound.conn,
        at: inbound.at,
        answered: false,
      };
      const v = this.opts.validator.validate(f.action, 'request', f.payload);
      if (v.known && !v.valid) {
        this.opts.recorder.note('observation', `${f.action} request violates its schema: ${v.violations.map((x) => x.message).join('; ')}`);
      }
    }
    if (item.call) this.noteOverlappingCall(item.call);
    this.inbox.push(item);
    if (item.call) {
      if (this.responders.has(item.call.action)) void this.applyResponder(item.call);
      else this.scheduleBackgroundAnswer(item);
    }
    this.changed.notify();
  }

  private noteOverlappingCall(call: ReceivedCall): void {
    const window = Math.min(this.opts.messageTimeoutMs, this.opts.background?.afterMs ?? this.opts.messageTimeoutMs);
    const overlap = overlappingCall(this.opts.version, this.inbox, call, window);
    if (overlap) this.opts.onSutDeviation?.(overlap.requirement, overlap.text);
  }

  private scheduleBackgroundAnswer(item: InboxItem): void {
    const call = item.call;
    const policy = this.opts.background;
    if (!call || !policy) return;
    this.background ??= new BackgroundResponder(this.opts.version, this.answeringAs, policy, this.opts.validator, this.opts.recorder);
    this.background.schedule(call, {
      claimed: () => item.taken || this.responders.has(call.action),
      reply: (payload) => {
        call.answeredInBackground = JSON.stringify(payload);
        return this.reply(call, payload);
      },
      replyError: (code, description) => {
        call.answeredInBackground = JSON.stringify([code, description]);
        return this.replyError(call, code, description);
      },
    });
  }

  /** Calls the SUT sent that nobody took or answered (handed to the next case at case end). */
  unansweredCalls(): InboundFrame[] {
    return this.inbox.filter((i) => i.call && !i.taken && !i.call.answered).map((i) => i.inbound);
  }

  /**
   * Connections a wait starting now must not take frames from: closed ones with a newer
   * connection beside them. A call a station sent before it reconnected belongs to the old
   * session; it cannot satisfy a step about the new one.
   */
  private staleConnections(): Set<OcppConnection> {
    const last = this.lastConnection;
    return new Set(this.connections.filter((c) => c !== last && c.closed));
  }

  private async applyResponder(call: ReceivedCall): Promise<void> {
    const responder = this.responders.get(call.action);
    if (!responder || call.answered) return;
    const payload = typeof responder === 'function' ? responder(call) : responder;
    if (payload !== undefined) await this.reply(call, payload);
  }

  // ---- case-facing vocabulary -------------------------------------------------------------

  /** Answers every CALL of this action (now and later) with this payload, until stopped. */
  respondTo(action: string, responder: Responder): void {
    this.responders.set(action, responder);
    for (const item of this.inbox) if (item.call && item.call.action === action && !item.call.answered) void this.applyResponder(item.call);
  }

  stopResponding(action: string): void {
    this.responders.delete(action);
  }

  protected requirement(opts?: { requirement?: string }): string {
    const fallback = this.opts.defaultRequirement;
    return opts?.requirement ?? (typeof fallback === 'function' ? fallback() : fallback);
  }

  private timeout(opts?: WaitOptions): number {
    return opts?.within ?? this.opts.messageTimeoutMs;
  }

  /** Fails now if waiting on can no longer succeed because the only connection is gone. */
  private closedWhileWaiting(): string | undefined {
    if (!this.failFastOnClose) return undefined;
    const last = this.lastConnection;
    if (last?.closed) return `connection closed by ${last.closed.by} (code ${last.closed.code})`;
    return undefined;
  }

  protected unexpectedSince(start: number): string {
    const seen = this.inbox.filter((i) => !i.taken && i.inbound.at >= start).map((i) => describeFrame(i.inbound.frame));
    return seen.length
      ? `received ${seen.slice(0, 8).join(', ')}${seen.length > 8 ? ` and ${seen.length - 8} more` : ''}`
      : 'nothing received';
  }

  /** Waits for a CALL of this action from the SUT (one not yet taken by an earlier expectation). */
  async expectCall<P = Payload>(action: string, opts: ExpectCallOptions<P> = {}): Promise<ReceivedCall<P>> {
    const start = this.opts.monotonic() - 0.001;
    const within = this.timeout(opts);
    const filterText = opts.whereText ? ` where ${opts.whereText}` : '';
    const stale = opts.anyConnection ? new Set<OcppConnection>() : this.staleConnections();
    let closedReason: string | undefined;
    const found = await waitFor(
      this.changed,
      () => {
        const item = this.inbox.find(
          (i) =>
            !i.taken &&
            i.call?.action === action &&
            !stale.has(i.call.conn) &&
            (!opts.after || i.inbound.at > opts.after.at) &&
            (!opts.where || opts.where(i.call.payload as P)),
        );
        if (item) return item;
        closedReason = this.closedWhileWaiting();
        return closedReason ? null : undefined;
      },
      within,
      this.opts.abort,
    );
    const expected = [`CALL ${action}${filterText} within ${within} ms`];
    if (!found.ok || found.value === null) {
      throw new CaseFailure(this.requirement(opts), expected, `${closedReason ? `${closedReason}; ` : ''}${this.unexpectedSince(start)}`);
    }
    const item = found.value;
    item.taken = true;
    const call = item.call as ReceivedCall<P>;
    if (opts.schema !== false) this.checkSchema(action, 'request', call.payload, this.requirement(opts));
    return call;
  }

  /** Waits for the first of several actions. */
  async expectOneOf<P = Payload>(actions: string[], opts: ExpectCallOptions<P> = {}): Promise<ReceivedCall<P>> {
    const start = this.opts.monotonic() - 0.001;
    const within = this.timeout(opts);
    const stale = opts.anyConnection ? new Set<OcppConnection>() : this.staleConnections();
    let closedReason: string | undefined;
    const found = await waitFor(
      this.changed,
      () => {
        const item = this.inbox.find(
          (i) =>
            !i.taken &&
            i.call &&
            actions.includes(i.call.action) &&
            !stale.has(i.call.conn) &&
            (!opts.after || i.inbound.at > opts.after.at) &&
            (!opts.where || opts.where(i.call.payload as P)),
        );
        if (item) return item;
        closedReason = this.closedWhileWaiting();
        return closedReason ? null : undefined;
      },
      within,
      this.opts.abort,
    );
    if (!found.ok || found.value === null) {
      throw new CaseFailure(
        this.requirement(opts),
        [`CALL ${actions.join(' or ')} within ${within} ms`],
        `${closedReason ? `${closedReason}; ` : ''}${this.unexpectedSince(start)}`,
      );
    }
    found.value.taken = true;
    const call = found.value.call as ReceivedCall<P>;
    if (opts.schema !== false) this.checkSchema(call.action, 'request', call.payload, this.requirement(opts));
    return call;
  }

  /**
   * Fails if a CALL of this action (matching `where`) arrives within the period. `since` (a
   * monotonic time, e.g. taken before the harness sent the trigger) also counts calls that came
   * before the wait began: a SUT answering at once must not slip past the window.
   */
  async expectNoCall<P = Payload>(action: string, opts: ExpectCallOptions<P> & NoCallWindow): Promise<void> {
    const start = opts.since ?? this.opts.monotonic() - 0.001;
    const found = await waitFor(
      this.changed,
      () =>
        this.inbox.find(
          (i) => !i.taken && i.inbound.at >= start && i.call?.action === action && (!opts.where || opts.where(i.call.payload as P)),
        ),
      opts.within,
      this.opts.abort,
    );
    if (found.ok) {
      found.value.taken = true;
      throw new CaseFailure(
        this.requirement(opts),
        [`no CALL ${action}${opts.whereText ? ` where ${opts.whereText}` : ''} for ${opts.within} ms`],
        `${describeFrame(found.value.inbound.frame)} ${JSON.stringify(found.value.call?.payload)}`,
      );
    }
  }

  /** Sends a CALL and returns its CALLRESULT payload; a CALLERROR, no answer or a schema violation fails. */
  async call<R = Payload>(action: string, payload: Payload, opts: CallOptions = {}): Promise<R> {
    const outcome = await this.callMayError<R>(action, payload, opts);
    if (outcome.kind === 'error') {
      throw new CaseFailure(
        this.requirement(opts),
        [`CALLRESULT for ${action}`],
        `CALLERROR ${outcome.errorCode} "${outcome.errorDescription}"`,
      );
    }
    return outcome.payload;
  }

  /** Sends a CALL and returns its CALLRESULT or CALLERROR; no answer within the timeout fails. */
  async callMayError<R = Payload>(action: string, payload: Payload, opts: CallOptions = {}): Promise<CallOutcome<R>> {
    const conn = this.connection;
    if (!conn)
      throw new CaseFailure(this.requirement(opts), [`an open connection to send ${action}`], this.closedWhileWaiting() ?? 'no connection');
    const messageId = opts.messageId ?? this.opts.ids.next();
    const release = await this.takeCallSlot(conn, action);
    try {
      await conn.send(serializeCall(messageId, action, requestForVersion(this.opts.version, action, payload)));
      const res = await this.awaitResponse(messageId, `${action}`, conn, opts);
      if (res.kind === 'result' && opts.schema !== false) this.checkSchema(action, 'response', res.payload, this.requirement(opts));
      return res as CallOutcome<R>;
    } finally {
      release();
    }
  }

  /**
   * OCPP-J 4.1.1: one CALL of ours in flight per connection. A second call (two steps of a case
   * racing, a liveness probe behind an attack call) waits until the first is answered or timed out.
   */
  private async takeCallSlot(conn: OcppConnection, action: string): Promise<() => void> {
    const previous = this.ownCallInFlight.get(conn);
    let release = (): void => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.ownCallInFlight.set(conn, previous ? previous.then(() => mine) : mine);
    if (previous) {
      this.opts.recorder.note(
        'harness',
        `${action} waits until the harness's previous CALL on ${conn.label} is answered (one CALL in flight, OCPP-J 4.1.1)`,
      );
      await previous;
    }
    return release;
  }

  /** Waits for the CALLRESULT/CALLERROR answering a message id (also for raw-sent calls). */
  async awaitResponse(messageId: string, what: string, conn = this.connection, opts: WaitOptions = {}): Promise<CallOutcome> {
    const within = this.timeout(opts);
    const start = this.opts.monotonic() - 0.001;
    const found = await waitFor(
      this.changed,
      () => {
        const item = this.inbox.find(
          (i) =>
            !i.taken && (i.inbound.frame.kind === 'result' || i.inbound.frame.kind === 'error') && i.inbound.frame.messageId === messageId,
        );
        if (item) return item;
        return conn?.closed ? null : undefined;
      },
      within,
      this.opts.abort,
    );
    if (!found.ok || found.value === null) {
      const why = conn?.closed ? `connection closed by ${conn.closed.by} (code ${conn.closed.code}) before a response` : 'no response';
      throw new CaseFailure(
        this.requirement(opts),
        [`CALLRESULT or CALLERROR for ${what} (${messageId}) within ${within} ms`],
        `${why}; ${this.unexpectedSince(start)}`,
      );
    }
    found.value.taken = true;
    const f = found.value.inbound.frame as CallResultFrame | CallErrorFrame;
    return f.kind === 'result'
      ? { kind: 'result', messageId, payload: f.payload as Payload }
      : { kind: 'error', messageId, errorCode: f.errorCode, errorDescription: f.errorDescription, errorDetails: f.errorDetails };
  }

  /**
   * Whether the call was answered already. A step that takes a call the background answered
   * (the step came later than the grace period) may give the same answer (nothing to send);
   * another answer would have changed what the SUT saw, so the case cannot be judged.
   */
  private answeredBefore(call: ReceivedCall<any>, answer: string): boolean {
    if (!call.answered) return false;
    if (call.answeredInBackground === undefined) throw new Error(`harness: ${call.action} (${call.messageId}) was answered already`);
    if (call.answeredInBackground === answer) {
      this.opts.recorder.note('harness', `${call.action} (${call.messageId}) had the same answer in the background already`);
      return true;
    }
    throw new CaseInconclusive(
      `the case claimed ${call.action} (${call.messageId}) only after the harness had answered it in the background (${this.opts.background?.afterMs ?? 0} ms grace), with another answer than the case's`,
    );
  }

  /** Sends a CALLRESULT for a received call. */
  async reply(call: ReceivedCall<any>, payload: Payload): Promise<void> {
    if (this.answeredBefore(call, JSON.stringify(payload))) return;
    call.answered = true;
    await call.conn.send(serializeResult(call.messageId, payload));
  }

  /** Sends a CALLERROR for a received call. */
  async replyError(call: ReceivedCall<any>, errorCode: string, description = '', details: unknown = {}): Promise<void> {
    if (this.answeredBefore(call, JSON.stringify([errorCode, description]))) return;
    call.answered = true;
    await call.conn.send(serializeError(call.messageId, errorCode, description, details));
  }

  /** Sends any text as one WebSocket text frame, valid OCPP or not. */
  async sendRaw(text: string): Promise<void> {
    const conn = this.connection;
    if (!conn) throw new CaseFailure(this.requirement(), ['an open connection'], this.closedWhileWaiting() ?? 'no connection');
    await conn.send(text);
  }

  /** Waits for a frame that is not a CALL: a response or malformed text, by predicate. */
  async expectFrame(describe: string, match: (f: InboundFrame) => boolean, opts: WaitOptions = {}): Promise<InboundFrame> {
    const within = this.timeout(opts);
    const start = this.opts.monotonic() - 0.001;
    const found = await waitFor(this.changed, () => this.inbox.find((i) => !i.taken && match(i.inbound)), within, this.opts.abort);
    if (!found.ok) throw new CaseFailure(this.requirement(opts), [`${describe} within ${within} ms`], this.unexpectedSince(start));
    found.value.taken = true;
    return found.value.inbound;
  }

  /** Waits until the current connection is closed by anyone. */
  async expectClose(opts: WaitOptions = {}): Promise<void> {
    const conn = this.lastConnection;
    const within = this.timeout(opts);
    const r = await waitFor(this.changed, () => (conn?.closed ? true : undefined), within, this.opts.abort);
    if (!r.ok) throw new CaseFailure(this.requirement(opts), [`the connection closed within ${within} ms`], 'the connection stayed open');
  }

  /** Calls received so far (taken or not), for checks across a whole scenario. */
  receivedCalls(action?: string): ReceivedCall[] {
    return this.inbox.flatMap((i) => (i.call && (!action || i.call.action === action) ? [i.call] : []));
  }

  /** Waits a fixed time (a "configured timeout" step), still bounded by the case's abort. */
  wait(ms: number): Promise<void> {
    this.opts.recorder.note('harness', `waiting ${ms} ms`);
    return sleep(ms, this.opts.abort);
  }

  close(code = 1000, reason = ''): void {
    this.connection?.close(code, reason);
  }

  drop(): void {
    this.connection?.drop();
  }

  /** Fails with a schema violation of a payload the SUT sent. */
  checkSchema(action: string, direction: 'request' | 'response', payload: unknown, requirement: string): void {
    const v = this.opts.validator.validate(action, direction, payload);
    if (!v.known) return;
    if (!v.valid) {
      const name = `${action}${direction === 'request' ? 'Request' : 'Response'}`;
      throw new CaseFailure(
        requirement,
        [`${name} valid against the OCA ${this.opts.version} schema`],
        v.violations.map((x) => x.message).join('; '),
      );
    }
  }
}

export type { CallFrame };
