import type { CaseMeta } from '../core/meta.js';
import type { Verdict, Severity } from '../core/verdict.js';
import type { Finding } from '../core/findings.js';
import type { Strictness } from '../core/config.js';
import type { RunIdentity } from './run-identity.js';

/**
 * The run is an append-only log of these events (run.jsonl, one JSON object per line).
 * JUnit, HTML and JSON reports are renderings of it, so a log cut short by a crash still renders.
 * Times are ISO strings from the injected clock; `t` on wire entries is ms since case start.
 */
export interface RunStartEvent {
  type: 'run-start';
  runId: string;
  time: string;
  harnessVersion: string;
  /** What was asked for: sut, versions, reference or a real SUT (secrets never included). */
  target: { sut: string[]; ocpp: string[]; mode: 'reference' | 'sut'; description: string };
  plannedCases: string[];
  /** Security profiles the run covers, when it covers several (each case once per profile). */
  securityProfiles?: number[];
  /** How strictly the run judged (absent in logs older than the axis: certification). */
  strictness?: Strictness;
  /** The SUT as declared, the harness and the catalogue that ran (absent in older logs). */
  identity?: RunIdentity;
  /** The slice of a sharded run (`run --shard i/n`) this log holds; `report --merge` joins the slices. */
  shard?: { index: number; count: number };
}

export interface CaseStartEvent {
  type: 'case-start';
  time: string;
  caseId: string;
  meta: CaseMeta;
  /** Disambiguates the same case run twice in one log (selfcheck runs every case twice). */
  runKey: string;
  /** The security profile the case ran on. */
  securityProfile?: number;
}

export interface StepEvent {
  type: 'step';
  time: string;
  runKey: string;
  index: number;
  title: string;
  status: 'pass' | 'fail' | 'inconclusive' | 'error';
  /** Why a step did not pass. */
  detail?: string;
  /** The requirement the step checks, when the case names one for it. */
  requirement?: string;
  /** A post-condition run at case end (clean-up), not a step of the scenario. */
  postCondition?: boolean;
}

export type WireDirection = 'in' | 'out';

export interface WireEvent {
  type: 'wire';
  time: string;
  runKey: string;
  /** ms since the case started. */
  t: number;
  /** Connection label, e.g. "ws#1 CP001". */
  conn: string;
  dir: WireDirection;
  /** Frame text exactly as sent or received (text frames), or a description for binary ones. */
  text: string;
  /** Short summary (CALL BootNotification (id)). */
  summary: string;
  /** Schema violations observed on this frame, if any. */
  violations?: string[];
}

export interface NoteEvent {
  type: 'note';
  time: string;
  runKey: string;
  t: number;
  /** What kind of harness action: connection life-cycle, manual action, wait, observation. */
  kind: 'connection' | 'manual' | 'wait' | 'observation' | 'harness';
  text: string;
}

export interface CaseEndEvent {
  type: 'case-end';
  time: string;
  caseId: string;
  runKey: string;
  durationMs: number;
  result: Verdict;
  severity?: Severity;
  /** Security findings this case produced (a failed security check, a SUT that stopped answering). */
  findings?: Finding[];
}

export interface RunEndEvent {
  type: 'run-end';
  time: string;
  durationMs: number;
  counts: Record<string, number>;
  /** True when the run ended early (Ctrl-C, fatal error). */
  interrupted: boolean;
}

export type RunEvent = RunStartEvent | CaseStartEvent | StepEvent | WireEvent | NoteEvent | CaseEndEvent | RunEndEvent;

/** Everything about one case gathered from the log: what reporters render. */
export interface CaseRecord {
  /** The security profile the case ran on. */
  securityProfile?: number;
  meta: CaseMeta;
  runKey: string;
  startTime: string;
  durationMs: number;
  result: Verdict;
  severity?: Severity;
  findings: Finding[];
  steps: StepEvent[];
  /** Wire frames and notes in order. */
  log: (WireEvent | NoteEvent)[];
}

export interface RunRecord {
  start?: RunStartEvent;
  end?: RunEndEvent;
  cases: CaseRecord[];
}

/** Folds an event stream into per-case records. A case without case-end becomes an error. */
export function foldEvents(events: Iterable<RunEvent>): RunRecord {
  const run: RunRecord = { cases: [] };
  const open = new Map<string, CaseRecord>();
  for (const ev of events) {
    switch (ev.type) {
      case 'run-start':
        run.start = ev;
        break;
      case 'run-end':
        run.end = ev;
        break;
      case 'case-start': {
        const rec: CaseRecord = {
          meta: ev.meta,
          runKey: ev.runKey,
          ...(ev.securityProfile !== undefined ? { securityProfile: ev.securityProfile } : {}),
          startTime: ev.time,
          durationMs: 0,
          result: { verdict: 'error', reason: 'the run ended before this case finished' },
          findings: [],
          steps: [],
          log: [],
        };
        open.set(ev.runKey, rec);
        run.cases.push(rec);
        break;
      }
      case 'step':
        open.get(ev.runKey)?.steps.push(ev);
        break;
      case 'wire':
      case 'note':
        open.get(ev.runKey)?.log.push(ev);
        break;
      case 'case-end': {
        const rec = open.get(ev.runKey);
        if (rec) {
          rec.durationMs = ev.durationMs;
          rec.result = ev.result;
          rec.severity = ev.severity;
          rec.findings = ev.findings ?? [];
        }
        break;
      }
    }
  }
  return run;
}

export function countVerdicts(cases: CaseRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of cases) counts[c.result.verdict] = (counts[c.result.verdict] ?? 0) + 1;
  return counts;
}
