import { closeSync, openSync, writeSync } from 'node:fs';
import { serializeCall, serializeResult } from '../protocol/framing.js';
import type { SchemaValidator } from '../protocol/schemas.js';
import type { OcppVersion } from '../core/versions.js';
import { subprotocolOf } from '../core/versions.js';
import { versionFacts } from '../protocol/version-facts.js';
import type { OcppConnection, InboundFrame } from '../transport/connection.js';
import { mergeFindings, severityRank, type Finding } from '../core/findings.js';
import { fuzzPlan, recordLine, type PlannedMutation } from './plan.js';
import { judge, type Outcome } from './judge.js';
import { shrink } from './shrink.js';
import { generateValid } from './generate.js';
import { Random } from './random.js';

/** How the fuzzer reaches the SUT: a ready connection on demand, and a restart for reference peers. */
export interface FuzzTarget {
  readonly sut: 'cs' | 'csms';
  /** A fresh connection to the SUT (csms: dialled; cs: the next station connection to our listener). */
  connect(): Promise<OcppConnection | undefined>;
  /** Restarts a crashed reference peer; absent for a real SUT. */
  restart?(): Promise<void>;
  /** WebSocket URL for replay commands (a CSMS SUT only). */
  replayUrl?: string;
  close(): Promise<void>;
}

export interface FuzzOptions {
  version: OcppVersion;
  seed: string;
  /** Mutations at most. */
  count: number;
  /** Wall-clock budget in ms. */
  durationMs: number;
  /** How long to wait for an answer (and for the liveness probe). */
  messageMs: number;
  validator: SchemaValidator;
  target: FuzzTarget;
  /** Write every frame the fuzzer originates here, one per line, exactly as sent. */
  recordFile?: string;
  /** Stop once this many distinct findings above info exist. */
  stopAfterFindings?: number;
  shrinkSteps?: number;
  log?: (line: string) => void;
  abort?: AbortSignal;
}

export interface FuzzResult {
  seed: string;
  /** Mutations sent. */
  mutations: number;
  /** Frames sent by the fuzzer (mutations, set-up, probes). */
  frames: number;
  findings: Finding[];
  /** Why the run ended. */
  ended: 'count' | 'duration' | 'findings' | 'sut-down' | 'aborted';
  durationMs: number;
}

/** The message id as written in a frame, valid or not (an empty or over-long one, say). */
function rawMessageId(frame: string): string | undefined {
  try {
    const v = JSON.parse(frame) as unknown;
    return Array.isArray(v) && typeof v[1] === 'string' ? v[1] : undefined;
  } catch {
    return undefined;
  }
}

/** A fixed OCPP time for fuzzer-made payloads, so two runs with one seed send identical bytes. */
const FIXED_TIME = '2026-01-01T00:00:00.000Z';

/** One connection as the fuzzer sees it: raw sends, answers by message id, close detection. */
class FuzzSession {
  private readonly inbox: InboundFrame[] = [];
  private waiters: (() => void)[] = [];
  /** Actions of the calls we sent, by message id (to notice an accepted Reset). */
  private readonly sentActions = new Map<string, string>();
  /** The SUT accepted a Reset: its next close is a reboot, not a reaction to a later frame. */
  rebootExpected = false;
  constructor(
    readonly conn: OcppConnection,
    private readonly send: (text: string) => void,
    onCall: (f: InboundFrame) => void,
  ) {
    conn.onFrame((f) => {
      if (f.frame.kind === 'call') onCall(f);
      else {
        if (f.frame.kind === 'result' && this.sentActions.get(f.frame.messageId) === 'Reset') {
          const status = (f.frame.payload as { status?: string }).status;
          if (status === 'Accepted' || status === 'Scheduled') this.rebootExpected = true;
        }
        this.inbox.push(f);
        // Late answers nobody waits for must not pile up over a long run.
        if (this.inbox.length > 1000) this.inbox.splice(0, this.inbox.length - 1000);
      }
      this.wake();
    });
    conn.onClose(() => this.wake());
  }
  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }
  get closed(): boolean {
    return this.conn.closed !== undefined;
  }
  write(text: string): void {
    const m = /^\[\s*2\s*,\s*"([^"]{1,64})"\s*,\s*"([A-Za-z]+)"/.exec(text);
    if (m) {
      this.sentActions.set(m[1], m[2]);
      if (this.sentActions.size > 1000) this.sentActions.delete(this.sentActions.keys().next().value as string);
    }
    this.send(text);
    void this.conn.send(text);
  }
  /** The answer to a message id (or a close/silence) within ms. */
  async outcome(messageId: string | undefined, ms: number, rawId?: string): Promise<Outcome> {
    const deadline = Date.now() + ms;
    for (;;) {
      const i = this.inbox.findIndex(
        (f) =>
          (f.frame.kind === 'result' || f.frame.kind === 'error' || f.frame.kind === 'malformed') &&
          f.frame.messageId === (messageId ?? '-1'),
      );
      if (i >= 0) {
        const [f] = this.inbox.splice(i, 1);
        if (f.frame.kind === 'result') return { kind: 'callresult' };
        if (f.frame.kind === 'error') return { kind: 'callerror', errorCode: f.frame.errorCode };
        return { kind: 'callerror', errorCode: 'malformed-answer' };
      }
      // Unreadable frames are answered with id "-1" (or not at all); some SUTs echo the raw id.
      if (!messageId) {
        const j = this.inbox.findIndex((f) => f.frame.kind === 'error' && (f.frame.messageId === '-1' || f.frame.messageId === rawId));
        if (j >= 0) {
          const [f] = this.inbox.splice(j, 1);
          return { kind: 'callerror', errorCode: (f.frame as { errorCode: string }).errorCode };
        }
      }
      if (this.closed) return { kind: 'close', code: this.conn.closed?.code };
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'silence' };
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }
  close(): void {
    if (!this.closed) this.conn.drop();
  }
}

/**
 * Runs a seeded fuzz plan against a SUT: each mutation is sent, its answer judged, and the SUT's
 * liveness probed; a SUT that stops answering is a crash finding, shrunk to a minimal frame when
 * the target can be restarted. Every wait is bounded; the run stops at count, duration or abort.
 */
export async function runFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const fd = o.recordFile ? openSync(o.recordFile, 'w') : undefined;
  let frames = 0;
  const record = (text: string) => {
    frames++;
    if (fd !== undefined) writeSync(fd, recordLine(text));
  };
  let seq = 0;
  const nextId = () => `fz-${++seq}`;
  const rng = new Random(o.seed).fork('responses');
  const v = o.version;
  const facts = versionFacts(v);
  const direction = o.target.sut === 'csms' ? 'to-csms' : 'to-cs';

  /** Answers the SUT's own calls with valid responses (not recorded: their number depends on its timing). */
  const answerCall = (f: InboundFrame) => {
    if (f.frame.kind !== 'call') return;
    const { action, messageId } = f.frame;
    let payload: Record<string, unknown>;
    if (action === 'BootNotification') {
      payload = { status: 'Accepted', currentTime: FIXED_TIME, interval: 300 };
    } else {
      const schema = o.validator.schema(action, 'response');
      payload = schema ? (generateValid(schema, rng.fork(`${action}/${messageId}`)) as Record<string, unknown>) : {};
    }
    void f.conn.send(serializeResult(messageId, payload));
  };

  /** A fresh connection in a usable state: a CSMS has our boot accepted and a transaction started. */
  const open = async (): Promise<FuzzSession | undefined> => {
    const conn = await o.target.connect();
    if (!conn) return undefined;
    const s = new FuzzSession(conn, record, answerCall);
    if (o.target.sut === 'csms') {
      const bootId = nextId();
      const boot = facts.bootRequest('Fuzzer');
      s.write(serializeCall(bootId, boot.action, boot.payload));
      const booted = await s.outcome(bootId, o.messageMs);
      if (booted.kind === 'close') return undefined;
      // Reach a started transaction, so mutations also hit transaction state.
      const id = nextId();
      const started = facts.transactionStarted({ idToken: 'FUZZ-TOKEN', timestamp: FIXED_TIME, transactionId: 'fuzz-tx-1' });
      s.write(serializeCall(id, started.action, started.payload));
      await s.outcome(id, o.messageMs);
    } else {
      // Give the station time to boot (its BootNotification is answered Accepted by answerCall),
      // then ask it to start a transaction, so mutations also hit transaction state.
      await new Promise((r) => setTimeout(r, Math.min(200, o.messageMs)));
      const id = nextId();
      const start = facts.remoteStart({ idToken: 'FUZZ-TOKEN' });
      s.write(serializeCall(id, start.action, start.payload));
      await s.outcome(id, o.messageMs);
    }
    return s;
  };

  const probe = async (s: FuzzSession): Promise<boolean> => {
    const id = nextId();
    const check = facts.sessionProbe(o.target.sut);
    const call = serializeCall(id, check.action, check.payload);
    s.write(call);
    const r = await s.outcome(id, o.messageMs);
    return r.kind === 'callresult' || r.kind === 'callerror';
  };

  /** Sends a mutation on a fresh session and tells whether the SUT is still alive afterwards. */
  const trial = async (
    m: Pick<PlannedMutation, 'frame' | 'setup' | 'messageId'>,
    session?: FuzzSession,
  ): Promise<{ outcome: Outcome; session?: FuzzSession }> => {
    let s = session;
    if (!s || s.closed) s = await open();
    if (!s) return { outcome: { kind: 'unresponsive', detail: 'the SUT did not accept a connection' } };
    for (const f of m.setup ?? []) s.write(f);
    s.write(m.frame);
    let outcome = await s.outcome(m.messageId, o.messageMs, rawMessageId(m.frame));
    if (outcome.kind === 'close' && s.rebootExpected) {
      // The SUT rebooted for an earlier accepted Reset: try this frame again once it is back.
      s = await open();
      if (!s) return { outcome: { kind: 'unresponsive', detail: 'did not come back after an accepted Reset' } };
      for (const f of m.setup ?? []) s.write(f);
      s.write(m.frame);
      outcome = await s.outcome(m.messageId, o.messageMs, rawMessageId(m.frame));
    }
    if (outcome.kind === 'close' || s.closed) {
      s = await open();
      if (!s) return { outcome: { kind: 'unresponsive', detail: 'closed the connection and did not accept a new one' } };
    } else if (!(await probe(s))) {
      s.close();
      s = await open();
      const alive = s ? await probe(s) : false;
      if (!alive) return { outcome: { kind: 'unresponsive', detail: 'stopped answering a valid call' }, session: s };
    }
    return { outcome, session: s };
  };

  const findings: Finding[] = [];
  let mutationsSent = 0;
  let ended: FuzzResult['ended'] = 'count';
  let session: FuzzSession | undefined;
  const target = o.target.replayUrl ? { url: o.target.replayUrl, subprotocol: subprotocolOf(v) } : undefined;
  try {
    for (const m of fuzzPlan({ version: v, direction, seed: o.seed, count: o.count, validator: o.validator })) {
      if (o.abort?.aborted) {
        ended = 'aborted';
        break;
      }
      if (Date.now() - started > o.durationMs) {
        ended = 'duration';
        break;
      }
      mutationsSent++;
      const r = await trial(m, session);
      session = r.session;
      let finding = judge(v, m, r.outcome, { target });
      if (finding && r.outcome.kind === 'unresponsive') {
        log(`crash after ${m.id}; ${o.target.restart ? 'shrinking' : 'not shrinking (the SUT cannot be restarted)'}`);
        if (o.target.restart) {
          session?.close();
          session = undefined;
          const shrunk = await shrink(
            m.frame,
            async (candidate) => {
              await o.target.restart!();
              const t = await trial({ frame: candidate, setup: m.setup, messageId: m.messageId });
              t.session?.close();
              return t.outcome.kind === 'unresponsive';
            },
            o.shrinkSteps ?? 40,
          );
          finding = judge(v, m, r.outcome, { target, shrunk: shrunk.frame });
          await o.target.restart();
        } else {
          session = await open();
          if (!session) {
            findings.push(finding);
            ended = 'sut-down';
            break;
          }
        }
      }
      if (finding) {
        findings.push(finding);
        log(`finding ${finding.severity}: ${finding.title}`);
        // Informational findings (a fitting but not prescribed error code) do not end a run.
        if (o.stopAfterFindings && mergeFindings(findings).filter((f) => f.severity !== 'info').length >= o.stopAfterFindings) {
          ended = 'findings';
          break;
        }
      }
    }
  } finally {
    session?.close();
    if (fd !== undefined) closeSync(fd);
    await o.target.close();
  }
  const merged = mergeFindings(findings).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return { seed: o.seed, mutations: mutationsSent, frames, findings: merged, ended, durationMs: Date.now() - started };
}
