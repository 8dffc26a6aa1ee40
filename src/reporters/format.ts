import type { CaseRecord, NoteEvent, RunRecord, RunStartEvent, WireEvent } from '../engine/events.js';
import { VERDICT_NAMES, type Verdict, type VerdictName } from '../core/verdict.js';
import { requirementText } from '../core/requirements/index.js';

/**
 * Plain-text building blocks shared by the reporters, so the console, JUnit and HTML outputs
 * describe a verdict or a wire frame in the same words.
 */

/** The strictness a run judged with, in words every report uses (logs without it: certification). */
export function strictnessText(start: Pick<RunStartEvent, 'strictness'> | undefined): string {
  return (start?.strictness ?? 'certification') === 'lenient'
    ? 'lenient (SHOULDs and known interop quirks reported, not failed)'
    : 'certification (what the OCA test system requires)';
}

/** Human duration: "850 ms", "12.3 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** Offset of a wire entry from the case start, in the wire-log style ("+123ms"). */
export function formatOffset(t: number): string {
  return `+${Math.round(t)}ms`;
}

/** One-line direction marker: ">" harness sent to the SUT, "<" harness received from it. */
export function directionMarker(dir: WireEvent['dir']): '>' | '<' {
  return dir === 'out' ? '>' : '<';
}

/**
 * A wire-log entry as one text line (plus indented violation lines), e.g.
 * `+123ms ws#1 CP001 > [2,"id","BootNotification",{...}]` or `+130ms -- connection: closed 1000`.
 */
export function formatLogEntry(entry: WireEvent | NoteEvent): string {
  if (entry.type === 'note') return `${formatOffset(entry.t)} -- ${entry.kind}: ${entry.text}`;
  const head = `${formatOffset(entry.t)} ${entry.conn} ${directionMarker(entry.dir)} ${entry.text}`;
  const violations = (entry.violations ?? []).map((v) => `    ! schema: ${v}`);
  return [head, ...violations].join('\n');
}

/** The lines that explain a verdict; empty for a plain pass. */
export function verdictDetailLines(result: Verdict): string[] {
  switch (result.verdict) {
    case 'pass':
      return [];
    case 'pass-non-strict':
      return result.notes.map((n) => `note: ${n}`);
    case 'fail': {
      // Messages usually start with the requirement id already (CaseFailure's default does).
      const message = result.message.startsWith(result.requirement)
        ? result.message.slice(result.requirement.length).replace(/^[\s:]+/, '')
        : result.message;
      const says = requirementText(result.requirement);
      return [
        `requirement ${result.requirement}${message ? `: ${message}` : ''}`,
        ...(says ? [`what it requires: ${says}`] : []),
        `expected: ${result.expected.join(' | ')}`,
        `actual: ${result.actual}`,
      ];
    }
    case 'inconclusive':
    case 'not-applicable':
    case 'skipped':
    case 'error':
      return [result.reason];
  }
}

/** One-line explanation of a verdict (for attributes and short messages). */
export function verdictSummary(result: Verdict): string {
  switch (result.verdict) {
    case 'pass':
      return 'pass';
    case 'pass-non-strict':
      return `pass (non-strict): ${result.notes.join('; ')}`;
    case 'fail': {
      const says = requirementText(result.requirement);
      return `${result.requirement}${says ? ` (${says})` : ''}: expected ${result.expected.join(' or ')}, got ${result.actual}`;
    }
    default:
      return result.reason;
  }
}

/** Counts in vocabulary order, then any unknown verdict names a foreign log might carry. */
export function orderedCounts(counts: Record<string, number>): [string, number][] {
  const known = VERDICT_NAMES.filter((v) => (counts[v] ?? 0) > 0).map((v): [string, number] => [v, counts[v]]);
  const extra = Object.entries(counts).filter(([k, n]) => n > 0 && !(VERDICT_NAMES as readonly string[]).includes(k));
  return [...known, ...extra];
}

/** "3 pass, 1 fail" or "no cases". */
export function formatCounts(counts: Record<string, number>): string {
  const parts = orderedCounts(counts).map(([v, n]) => `${n} ${v}`);
  return parts.length > 0 ? parts.join(', ') : 'no cases';
}

export function isVerdictName(value: string): value is VerdictName {
  return (VERDICT_NAMES as readonly string[]).includes(value);
}

/** Groups in first-seen order, so reports follow the run order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** A case's id as reports show it: with its security profile when the run covers several. */
export function caseLabel(record: Pick<CaseRecord, 'meta' | 'securityProfile'>, run: Pick<RunRecord, 'start'>): string {
  const multi = (run.start?.securityProfiles?.length ?? 0) > 1;
  return multi && record.securityProfile !== undefined ? `${record.meta.id} [SP${record.securityProfile}]` : record.meta.id;
}

/**
 * Why a run earns no overall conformance verdict (empty when it does): a grade on a partial run
 * would mislead, so reports show these reasons instead of a headline.
 */
export function partialRunReasons(run: RunRecord): string[] {
  const reasons: string[] = [];
  if (!run.start) reasons.push('the log has no run-start event');
  if (!run.end) reasons.push('the run did not finish (no run-end event)');
  else if (run.end.interrupted) reasons.push('the run was interrupted');
  const errors = run.cases.filter((c) => c.result.verdict === 'error').length;
  if (errors > 0) reasons.push(`${errors} case${errors === 1 ? '' : 's'} ended in a harness error`);
  const inconclusive = run.cases.filter((c) => c.result.verdict === 'inconclusive').length;
  if (inconclusive > 0) reasons.push(`${inconclusive} case${inconclusive === 1 ? ' was' : 's were'} inconclusive`);
  const missing = unstartedCases(run).length;
  if (missing > 0) reasons.push(`${missing} planned case${missing === 1 ? '' : 's'} did not run`);
  return reasons;
}

/** Ids of the planned cases that never started (a run cut short), in plan order. */
export function unstartedCases(run: RunRecord): string[] {
  if (!run.start) return [];
  // Planned ids repeat when a run covers several profiles: compare counts, not sets.
  const ran = new Map<string, number>();
  for (const c of run.cases) ran.set(c.meta.id, (ran.get(c.meta.id) ?? 0) + 1);
  const missing: string[] = [];
  for (const id of run.start.plannedCases) {
    const left = ran.get(id) ?? 0;
    if (left > 0) ran.set(id, left - 1);
    else missing.push(id);
  }
  return missing;
}

/** Total run duration: the recorded one, else the span covered by the cases (crashed runs). */
export function runDurationMs(run: RunRecord): number | undefined {
  if (run.end) return run.end.durationMs;
  if (!run.start || run.cases.length === 0) return undefined;
  const startMs = Date.parse(run.start.time);
  const lastEndMs = Math.max(...run.cases.map((c) => Date.parse(c.startTime) + c.durationMs));
  return Number.isFinite(startMs) && Number.isFinite(lastEndMs) ? Math.max(0, lastEndMs - startMs) : undefined;
}

/** Steps as text lines: "2. [fail] Send BootNotification: no response within 30 s". */
export function formatSteps(record: CaseRecord): string[] {
  return record.steps.map((s) => `${s.index}. [${s.status}] ${s.title}${s.detail ? `: ${s.detail}` : ''}`);
}

/** Direction controls (bidi overrides, isolates, marks): they can make text read other than it is. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * SUT-supplied text with its bidi controls shown as visible `\uXXXX` escapes, so a peer cannot
 * reorder what a reader sees (U+202E turns "gnp.exe" into "exe.png").
 */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** C0/C1 control characters (tab and newline excepted) shown as visible `\xNN` escapes. */
export function showControlCharacters(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
