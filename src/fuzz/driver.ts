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
import { generateValid } from './generate.js';
import { Random } from './random.js';
import { Coverage, type CoverageReport } from './coverage.js';
import { FuzzSession, rawMessageId } from './session.js';

export { rawMessageId } from './session.js';
import { attributeCrash, type Replayable, type Sent } from './attribute.js';

/** How the fuzzer reaches the SUT: a ready connection on demand, and a restart for reference peers. */
export interface FuzzTarget {
  readonly sut: 'cs' | 'csms';
  /** Connections the target can hold at once, each as its own station identity (default 1). */
  readonly lanes?: number;
  /** A fresh connection to the SUT (csms: dialled as lane's identity; cs: the next station connection to our listener). */
  connect(lane?: number): Promise<OcppConnection | undefined>;
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
  /** Wall-clock budget in ms: the run stops sending then, and crash attribution gets at most a short grace after it. */
  durationMs: number;
  /** How long to wait for an answer the SUT owes (and for the liveness probe). */
  messageMs: number;
  /** Mutations per connection between scheduled liveness probes (default 50); a silence or close is probed at once. */
  probeEvery?: number;
  /** Connections in parallel against a CSMS (default 1; capped by the target's lanes). */
  connections?: number;
  /** Pause before dialing again after a connection closed (a real SUT's timeouts.reconnectPauseMs). */
  reconnectPauseMs?: number;
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
  /** Connections that ran in parallel. */
  connections: number;
  coverage: CoverageReport;
}

/** A fixed OCPP time for fuzzer-made payloads, so two runs with one seed send identical bytes. */
const FIXED_TIME = '2026-01-01T00:00:00.000Z';

/** Whether the SUT may leave the frame unanswered (then a probe follows it at once instead of a wait). */
const mayGoUnanswered = (m: Pick<PlannedMutation, 'silenceAllowed' | 'expectation'>) => m.silenceAllowed || m.expectation === 'no-response';

/**
 * Runs a seeded fuzz plan against a SUT at wire speed: each connection sends its next mutation as
 * soon as the previous one is answered (a frame that may go unanswered is followed at once by a
 * liveness probe, whose answer shows the SUT got past it), and probes the SUT's liveness every few
 * mutations and after every silence or close rather than after every frame. A failed probe is a crash: the frames sent since the last
 * good probe are replayed one at a time to find the one that causes it, which is then shrunk when
 * the target can be restarted. Every wait is bounded; the run stops at count, duration or abort.
 */
export async function runFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const started = performance.now();
  const deadline = started + o.durationMs;
  const hardEnd = deadline + Math.min(5000, o.durationMs / 10);
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
  const probeEvery = Math.max(1, o.probeEvery ?? 50);
  const lanes = o.target.sut === 'csms' ? Math.max(1, Math.min(o.connections ?? 1, o.target.lanes ?? 1)) : 1;
  const coverage = new Coverage();
  const left = (ms: number) => Math.max(0, Math.min(ms, hardEnd - performance.now()));

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

  const lastClose = new Map<number, number>();
  /** A fresh connection in a usable state: a CSMS has our boot accepted and a transaction started. */
  const open = async (lane = 0): Promise<FuzzSession | undefined> => {
    const pause = (lastClose.get(lane) ?? -Infinity) + (o.reconnectPauseMs ?? 0) - performance.now();
    if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    const conn = await o.target.connect(lane);
    if (!conn) return undefined;
    conn.onClose(() => lastClose.set(lane, performance.now()));
    const s = new FuzzSession(conn, record, answerCall);
    if (o.target.sut === 'csms') {
      const bootId = nextId();
      const boot = facts.bootRequest('Fuzzer');
      s.write(serializeCall(bootId, boot.action, boot.payload));
      const booted = await s.outcome(bootId, left(o.messageMs));
      if (booted.kind === 'close') return undefined;
      // Reach a started transaction, so mutations also hit transaction state.
      const id = nextId();
      const tx = facts.transactionStarted({ idToken: 'FUZZ-TOKEN', timestamp: FIXED_TIME, transactionId: `fuzz-tx-${lane + 1}` });
      s.write(serializeCall(id, tx.action, tx.payload));
      await s.outcome(id, left(o.messageMs));
    } else {
      // Give the station time to boot (its BootNotification is answered Accepted by answerCall),
      // then ask it to start a transaction, so mutations also hit transaction state.
      await new Promise((r) => setTimeout(r, Math.min(200, o.messageMs)));
      const id = nextId();
      const start = facts.remoteStart({ idToken: 'FUZZ-TOKEN' });
      s.write(serializeCall(id, start.action, start.payload));
      await s.outcome(id, left(o.messageMs));
    }
    return s;
  };

  const probe = async (s: FuzzSession): Promise<boolean> => {
    if (s.closed) return false;
    const id = nextId();
    const check = facts.sessionProbe(o.target.sut);
    s.write(serializeCall(id, check.action, check.payload));
    const r = await s.outcome(id, left(o.messageMs));
    return r.kind === 'callresult' || r.kind === 'callerror';
  };

  /**
   * Sends one mutation (and its set-up) and waits for what the SUT does with it. A frame the SUT
   * may leave unanswered is followed at once by a liveness probe instead of a wait: its answer,
   * if any, comes before the probe's, so no time is spent waiting for a silence.
   */
  const exchange = async (s: FuzzSession, m: Replayable): Promise<{ outcome: Outcome; alive?: boolean }> => {
    for (const f of m.setup ?? []) s.write(f);
    s.write(m.frame);
    const rawId = m.messageId ? undefined : rawMessageId(m.frame);
    if (!mayGoUnanswered(m)) return { outcome: await s.outcome(m.messageId, left(o.messageMs), rawId) };
    const alive = await probe(s);
    const outcome =
      s.take(m.messageId, rawId) ?? (s.closed ? { kind: 'close' as const, code: s.conn.closed?.code } : { kind: 'silence' as const });
    return { outcome, alive };
  };
  const send = async (s: FuzzSession, m: Replayable) => (await exchange(s, m)).outcome;

  const findings: Finding[] = [];
  let mutationsSent = 0;
  let ended: FuzzResult['ended'] | undefined;
  const target = o.target.replayUrl ? { url: o.target.replayUrl, subprotocol: subprotocolOf(v) } : undefined;
  const plan = fuzzPlan({ version: v, direction, seed: o.seed, count: o.count, validator: o.validator, coverage });
  /** Mutations to send again: a crash elsewhere cut their exchange short, so they were not judged. */
  const again: PlannedMutation[] = [];
  const retried = new WeakSet<PlannedMutation>();
  /** Queues a mutation to be sent again, once at most (a frame that keeps meeting crashes is left unjudged). */
  const sendAgain = (m: PlannedMutation) => {
    if (retried.has(m)) return;
    retried.add(m);
    again.push(m);
  };
  /** Frames of every connection since the last good probe of each: what a crash is searched in. */
  const window: Sent[] = [];
  /** Mutations sent at least once (a mutation sent again after a crash counts once). */
  const counted = new WeakSet<PlannedMutation>();
  /** Bumped by each crash handled; a connection that saw an older epoch lost its exchange to it. */
  let epoch = 0;
  /** While a crash is attributed every connection waits here (the target may be restarted). */
  let pause: Promise<void> | undefined;

  const addFinding = (finding: Finding) => {
    findings.push(finding);
    log(`finding ${finding.severity}: ${finding.title}`);
    // Informational findings (a fitting but not prescribed error code) do not end a run.
    if (o.stopAfterFindings && mergeFindings(findings).filter((f) => f.severity !== 'info').length >= o.stopAfterFindings)
      ended ??= 'findings';
  };

  /** The SUT stopped answering: find the frame that did it, report it, and bring the SUT back. */
  const crashed = async (seenEpoch: number, detail: string): Promise<void> => {
    if (pause) await pause;
    if (epoch !== seenEpoch) return;
    epoch++;
    let release: () => void = () => undefined;
    pause = new Promise<void>((r) => (release = r));
    try {
      const frames = window.splice(0, window.length);
      const last = frames[frames.length - 1];
      if (!last) {
        // Nothing was sent since the SUT last answered: it is gone, not crashed by a frame of ours.
        log(`the SUT is unreachable (${detail}) and no frame of ours was sent since it last answered`);
        ended ??= 'sut-down';
        return;
      }
      const restartable = Boolean(o.target.restart);
      log(
        `crash (${detail}) within ${frames.length} frame(s) since the last good probe; ${restartable ? 'replaying and shrinking' : 'replaying'}`,
      );
      const found = await attributeCrash({
        frames,
        open: () => open(0),
        probe,
        send,
        restart: o.target.restart?.bind(o.target),
        shrinkSteps: o.shrinkSteps ?? 40,
        timeLeft: () => left(Infinity),
      });
      const culprit = found?.sent ?? last;
      const note = found ? detail : `${detail}; no single frame of the ${frames.length} since the last good probe reproduced it alone`;
      const finding = judge(
        v,
        culprit.m,
        { kind: 'unresponsive', detail: note },
        { target, ...(found?.shrunk ? { shrunk: found.shrunk } : {}) },
      );
      if (finding) addFinding(finding);
      if (o.target.restart) await o.target.restart();
      else {
        const back = await open(0);
        back?.close();
        if (!back) ended ??= 'sut-down';
      }
    } finally {
      pause = undefined;
      release();
    }
  };

  const lane = async (n: number): Promise<void> => {
    let s: FuzzSession | undefined;
    let sinceProbe = 0;
    /** Frames the SUT owed an answer to that met silence: judged after the probe that follows at once. */
    let late: PlannedMutation[] = [];
    const judgeOutcome = (m: PlannedMutation, outcome: Outcome) => {
      coverage.answered(m, outcome);
      const finding = judge(v, m, outcome, { target });
      if (finding) addFinding(finding);
    };
    try {
      while (!ended) {
        if (pause) await pause;
        if (o.abort?.aborted) ended ??= 'aborted';
        else if (performance.now() > deadline) ended ??= 'duration';
        if (ended) break;
        const m = again.shift() ?? plan.next().value;
        if (!m) break;
        const myEpoch = epoch;
        if (!s || s.closed) s = await open(n);
        if (epoch !== myEpoch) {
          sendAgain(m);
          continue;
        }
        if (!s) {
          await crashed(myEpoch, 'closed the connection and did not accept a new one');
          sendAgain(m);
          continue;
        }
        if (!counted.has(m)) {
          counted.add(m);
          mutationsSent++;
        }
        window.push({ m, lane: n });
        let { outcome, alive } = await exchange(s, m);
        if (outcome.kind === 'close' && s.rebootExpected) {
          // The SUT rebooted for an earlier accepted Reset: try this frame again once it is back.
          s = await open(n);
          if (!s) {
            await crashed(myEpoch, 'did not come back after an accepted Reset');
            continue;
          }
          ({ outcome, alive } = await exchange(s, m));
        }
        if (epoch !== myEpoch) {
          // A crash was handled (and the SUT maybe restarted) while this frame was out: not judged.
          coverage.answered(m, 'unjudged');
          sendAgain(m);
          s = undefined;
          continue;
        }
        if (outcome.kind === 'close' || s.closed) {
          // Judged only once the SUT is known to be back: a SUT that closed and is gone crashed.
          s.close();
          s = await open(n);
          if (epoch !== myEpoch) {
            sendAgain(m);
            continue;
          }
          if (!s) {
            const detail = outcome.kind === 'close' && outcome.code === 1006 ? 'dropped the connection' : 'closed the connection';
            await crashed(myEpoch, `${detail} and did not accept a new one`);
            continue;
          }
          // The new connection's boot was answered: the SUT is alive.
          alive = true;
        }
        if (outcome.kind === 'silence' && !mayGoUnanswered(m)) late.push(m);
        else judgeOutcome(m, outcome);
        if (alive === undefined && (late.length > 0 || ++sinceProbe >= probeEvery)) alive = await probe(s);
        if (alive === false) {
          if (epoch !== myEpoch) continue;
          s.close();
          s = await open(n);
          const back = s ? await probe(s) : false;
          if (epoch !== myEpoch) continue;
          if (!back) {
            await crashed(myEpoch, 'stopped answering a valid call');
            s = undefined;
            late = [];
            continue;
          }
        }
        if (alive === undefined) continue;
        // The SUT answered a probe: answers that came before it are judged as answers, the rest as silence.
        for (const q of late) judgeOutcome(q, s?.take(q.messageId, q.messageId ? undefined : rawMessageId(q.frame)) ?? { kind: 'silence' });
        late = [];
        sinceProbe = 0;
        for (let i = window.length - 1; i >= 0; i--) if (window[i].lane === n) window.splice(i, 1);
      }
    } finally {
      s?.close();
    }
  };

  try {
    await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
    ended ??= 'count';
  } finally {
    if (fd !== undefined) closeSync(fd);
    await o.target.close();
  }
  const merged = mergeFindings(findings).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return {
    seed: o.seed,
    mutations: mutationsSent,
    frames,
    findings: merged,
    ended,
    durationMs: Math.round(performance.now() - started),
    connections: lanes,
    coverage: coverage.report(),
  };
}
