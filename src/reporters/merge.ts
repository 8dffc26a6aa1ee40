import { countVerdicts, foldEvents, type RunEndEvent, type RunEvent, type RunStartEvent } from '../engine/events.js';

/** One event log to merge: where it came from (for messages) and its events. */
export interface LogToMerge {
  name: string;
  events: RunEvent[];
}

export interface MergedLog {
  events: RunEvent[];
  /** What a reader of the merged reports should know: a missing or doubled shard, a case run twice. */
  warnings: string[];
  /** True when the logs do not make a whole run (a shard missing, a log without its end). */
  partial: boolean;
}

function union<T>(lists: T[][]): T[] {
  return [...new Set(lists.flat())];
}

/** Which shards of n are missing or doubled among the logs' run-starts (empty: none sharded). */
function shardProblems(starts: { name: string; start: RunStartEvent }[]): string[] {
  const sharded = starts.filter((s) => s.start.shard);
  if (sharded.length === 0) return [];
  const out: string[] = [];
  const count = sharded[0]?.start.shard?.count ?? 0;
  if (sharded.length !== starts.length) out.push(`${starts.length - sharded.length} log(s) are not shards; merged as they are`);
  const seen = new Map<number, string>();
  for (const { name, start } of sharded) {
    const s = start.shard;
    if (!s) continue;
    if (s.count !== count) out.push(`${name} is shard ${s.index}/${s.count}, the others are of ${count}`);
    if (seen.has(s.index)) out.push(`shard ${s.index}/${count} twice: ${seen.get(s.index)} and ${name}`);
    seen.set(s.index, name);
  }
  for (let i = 1; i <= count; i++) if (!seen.has(i)) out.push(`shard ${i}/${count} is missing: its cases are not in these reports`);
  return out;
}

/**
 * Joins the event logs of several runs (the slices of `run --shard i/n`, from several machines)
 * into one log that renders as one run: one run-start (planned cases, versions, roles and
 * profiles united; the earliest start), every case as it was recorded, one run-end (the latest
 * end, the longest slice's duration, counts over all cases). A case key met twice (a case run in
 * two logs) keeps both records, the later one renamed. The merge is partial, and its run-end says
 * interrupted, when a shard is missing or a log has no run-end: its reports never claim a
 * complete run the logs do not hold.
 */
export function mergeEventLogs(logs: readonly LogToMerge[]): MergedLog {
  const warnings: string[] = [];
  const starts: { name: string; start: RunStartEvent }[] = [];
  const ends: RunEndEvent[] = [];
  const body: RunEvent[] = [];
  const keys = new Set<string>();
  logs.forEach((log, n) => {
    const rename = new Map<string, string>();
    let start: RunStartEvent | undefined;
    let end: RunEndEvent | undefined;
    for (const e of log.events) {
      if (e.type === 'run-start') start ??= e;
      else if (e.type === 'run-end') end = e;
      else {
        if (e.type === 'case-start') {
          const key = keys.has(e.runKey) ? `${e.runKey}#${n + 1}` : e.runKey;
          if (key !== e.runKey) warnings.push(`${e.caseId} (${e.runKey}) is in more than one log; both records kept`);
          keys.add(key);
          rename.set(e.runKey, key);
        }
        const key = rename.get(e.runKey) ?? e.runKey;
        body.push(key === e.runKey ? e : { ...e, runKey: key });
      }
    }
    if (start) starts.push({ name: log.name, start });
    else warnings.push(`${log.name} has no run-start`);
    if (end) ends.push(end);
    else warnings.push(`${log.name} has no run-end (the run was cut short)`);
  });
  warnings.push(...shardProblems(starts));
  const partial = ends.length < logs.length || warnings.some((w) => /^shard .* is missing/.test(w)) || ends.some((e) => e.interrupted);
  const first = starts[0]?.start;
  const events: RunEvent[] = [];
  if (first) {
    for (const key of ['harnessVersion', 'strictness'] as const)
      if (new Set(starts.map((s) => s.start[key])).size > 1) warnings.push(`the logs differ in ${key}; the reports show the first log's`);
    const profiles = union(starts.map((s) => s.start.securityProfiles ?? []));
    const merged: RunStartEvent = {
      ...first,
      runId: starts.map((s) => s.start.runId).join('+'),
      time: starts.map((s) => s.start.time).sort()[0] ?? first.time,
      target: {
        ...first.target,
        sut: union(starts.map((s) => s.start.target.sut)),
        ocpp: union(starts.map((s) => s.start.target.ocpp)),
        description: `${first.target.description} (merged from ${logs.length} logs)`,
      },
      plannedCases: starts.flatMap((s) => s.start.plannedCases),
      ...(profiles.length ? { securityProfiles: profiles.sort((a, b) => a - b) } : {}),
    };
    delete merged.shard;
    events.push(merged);
  }
  events.push(...body);
  events.push({
    type: 'run-end',
    time:
      ends
        .map((e) => e.time)
        .sort()
        .at(-1) ?? new Date(0).toISOString(),
    durationMs: Math.max(0, ...ends.map((e) => e.durationMs)),
    counts: countVerdicts(foldEvents(events).cases),
    interrupted: partial,
  });
  return { events, warnings, partial };
}
