import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SchemaRegistry } from '../protocol/schemas.js';
import type { CaseDefinition } from './case.js';
import { systemClock, randomIds, type Clock, type IdSource } from '../core/clock.js';
import { limitsOf, secretsOf, strictnessOf, type SutConfig } from '../core/config.js';
import { setMaxFrameBytes } from '../transport/limits.js';
import { EventLog } from './eventlog.js';
import { foldEvents, countVerdicts, type RunRecord, type RunEvent } from './events.js';
import type { SutLink } from './links.js';
import { runCases, type CaseOutcome } from './runner.js';
import type { StateRegistry } from './states.js';
import { runIdentity, type RunIdentity } from './run-identity.js';

export function harnessVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    try {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
      return pkg.version;
    } catch {
      return 'unknown';
    }
  }
}

export interface SessionOptions {
  plan: CaseDefinition[];
  config: SutConfig;
  link: SutLink;
  /** Where run.jsonl goes; undefined keeps the log in memory only. */
  outDir?: string;
  mode: 'reference' | 'sut';
  concurrency?: number;
  /** Stop starting cases (the first Ctrl-C); running cases finish. */
  abort?: AbortSignal;
  /** Stop running cases too (a second Ctrl-C); they end skipped. */
  interrupt?: AbortSignal;
  clock?: Clock;
  ids?: IdSource;
  /** The reusable states (the wiring layer passes the default ones). */
  states: StateRegistry;
  schemas?: SchemaRegistry;
  faultFor?: (def: CaseDefinition) => string | undefined;
  runKeyPrefix?: string;
  /** Live listeners (reporters) of the event stream. */
  listeners?: ((e: RunEvent) => void)[];
  /** An existing log to append to (selfcheck's two passes share one). */
  log?: EventLog;
  /** Leave run-start/run-end to the caller (when sharing a log). */
  bare?: boolean;
  /** The run identity for run-start (default: from the config and plan, without catalogue totals). */
  identity?: RunIdentity;
  /** The slice of a sharded run, recorded in run-start. */
  shard?: { index: number; count: number };
}

export interface SessionResult {
  outcomes: CaseOutcome[];
  run: RunRecord;
  log: EventLog;
  interrupted: boolean;
}

/** One run: event log first, cases, run-end. Reporters render the log afterwards. */
export async function runSession(o: SessionOptions): Promise<SessionResult> {
  const clock = o.clock ?? systemClock;
  const ids = o.ids ?? randomIds;
  const abort = o.abort ?? new AbortController().signal;
  const log = o.log ?? new EventLog(o.outDir ? join(o.outDir, 'run.jsonl') : undefined, secretsOf(o.config), limitsOf(o.config));
  setMaxFrameBytes(limitsOf(o.config).maxFrameBytes);
  for (const l of o.listeners ?? []) log.subscribe(l);
  const started = clock.monotonic();
  if (!o.bare) {
    log.append({
      type: 'run-start',
      runId: ids.next(),
      time: new Date(clock.now()).toISOString(),
      harnessVersion: harnessVersion(),
      target: {
        sut: [...new Set(o.plan.map((d) => d.meta.sut))],
        ocpp: [...new Set(o.plan.map((d) => d.meta.ocpp))],
        mode: o.mode,
        description: o.link.description,
      },
      plannedCases: o.plan.map((d) => d.meta.id),
      strictness: strictnessOf(o.config),
      identity: o.identity ?? runIdentity({ configs: [o.config], plan: o.plan.map((d) => d.meta), harnessVersion: harnessVersion() }),
      ...(o.shard ? { shard: o.shard } : {}),
    });
  }
  await o.link.warmUp?.();
  const outcomes = await runCases(o.plan, {
    config: o.config,
    link: o.link,
    log,
    clock,
    ids,
    schemas: o.schemas ?? new SchemaRegistry(),
    states: o.states,
    concurrency: o.concurrency ?? 1,
    abort,
    interrupt: o.interrupt,
    faultFor: o.faultFor,
    runKeyPrefix: o.runKeyPrefix,
  });
  const run = foldEvents(log.events);
  if (!o.bare) {
    log.append({
      type: 'run-end',
      time: new Date(clock.now()).toISOString(),
      durationMs: Math.round(clock.monotonic() - started),
      counts: countVerdicts(run.cases),
      interrupted: abort.aborted,
    });
    run.end = log.events[log.events.length - 1] as RunRecord['end'];
  }
  return { outcomes, run, log, interrupted: abort.aborted };
}
