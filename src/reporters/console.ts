import { Chalk, type ChalkInstance } from 'chalk';
import type { RunEndEvent, RunEvent, RunRecord, RunStartEvent } from '../engine/events.js';
import { countVerdicts } from '../engine/events.js';
import type { CaseMeta } from '../core/meta.js';
import type { Severity, Verdict } from '../core/verdict.js';
import {
  formatCounts,
  formatDuration,
  partialRunReasons,
  showBidiControls,
  showControlCharacters,
  strictnessText,
  verdictDetailLines,
} from './format.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import {
  CertificationCollector,
  certificationLines,
  certificationSummary,
  type CaseSummary,
  type CertificationSummary,
} from './certification.js';
import { IdentityObserver, observedIdentity, type ObservedIdentity } from './identity.js';

/** Longest status line; wider lines wrap and then "\r" no longer redraws them in place. */
const STATUS_LINE_MAX = 100;
const CLEAR_LINE = '\r\x1b[2K';
const INDENT = '    ';

const CUT_OFF_REASON = 'the run ended before this case finished';

/**
 * Peer-supplied text (an `actual` value quoted from a frame) may carry terminal escape sequences;
 * show control characters as visible escapes instead of letting them act on the terminal.
 */
export function sanitizeForTerminal(text: string): string {
  return showBidiControls(showControlCharacters(text));
}

interface RunningCase {
  meta: CaseMeta;
  stepTitle?: string;
  /** What the certification summary needs (the meta as the case declared it). */
  summary: CaseSummary;
}

class ConsoleReporter implements Reporter {
  readonly name = 'console';
  private readonly paint: ChalkInstance;
  private plannedCount = 0;
  private finishedCount = 0;
  private readonly counts: Record<string, number> = {};
  private readonly running = new Map<string, RunningCase>();
  private sawEvents = false;
  private statusShown = false;
  private readonly identity = new IdentityObserver();
  private certification: CertificationCollector | undefined;

  constructor(private readonly opts: ReporterOptions) {
    // Level 0 makes every chalk call return its input unchanged.
    this.paint = new Chalk({ level: opts.color ? 1 : 0 });
  }

  /** The run covers several security profiles: case ids carry [SPn]. */
  private multiProfile = false;

  onEvent(event: RunEvent): void {
    this.sawEvents = true;
    switch (event.type) {
      case 'run-start':
        this.plannedCount = event.plannedCases.length;
        this.multiProfile = (event.securityProfiles?.length ?? 0) > 1;
        this.certification = new CertificationCollector(event.identity);
        this.printLines(this.headerLines(event));
        break;
      case 'case-start':
        this.running.set(event.runKey, {
          meta:
            this.multiProfile && event.securityProfile !== undefined
              ? { ...event.meta, id: `${event.meta.id} [SP${event.securityProfile}]` }
              : event.meta,
          summary: { meta: event.meta, verdict: 'error', securityProfile: event.securityProfile },
        });
        this.redrawStatus();
        break;
      case 'step': {
        const running = this.running.get(event.runKey);
        if (running) {
          running.stepTitle = event.title;
          this.redrawStatus();
        }
        break;
      }
      case 'case-end': {
        const running = this.running.get(event.runKey);
        this.running.delete(event.runKey);
        const meta = running?.meta ?? { id: event.caseId, title: '' };
        this.recordFinished(event.result);
        if (running) this.certification?.add({ ...running.summary, verdict: event.result.verdict });
        this.printLines(this.caseLines(meta, event.result, event.durationMs, event.severity));
        break;
      }
      case 'run-end':
        this.reportCutOffCases();
        this.printLines([
          ...this.summaryLines(event),
          ...this.observedLines(this.identity.observed),
          ...this.certificationLines(
            this.certification?.summary([
              ...(event.interrupted ? ['the run was interrupted'] : []),
              ...(this.finishedCount < this.plannedCount ? [`${this.plannedCount - this.finishedCount} planned cases did not run`] : []),
            ]),
          ),
        ]);
        break;
      case 'wire':
      case 'note':
        this.identity.observe(event);
        break;
    }
  }

  /** Live runs were printed from events; a re-rendered log (no events seen) is printed from the record. */
  finish(run: RunRecord): string[] {
    if (this.sawEvents) return [];
    if (run.start) this.printLines(this.headerLines(run.start));
    for (const c of run.cases) this.printLines(this.caseLines(c.meta, c.result, c.durationMs, c.severity));
    this.printLines([
      ...this.summaryFromRecord(run),
      ...this.observedLines(observedIdentity(run.cases)),
      ...this.certificationLines(certificationSummary(run)),
    ]);
    return [];
  }

  private recordFinished(result: Verdict): void {
    this.finishedCount += 1;
    this.counts[result.verdict] = (this.counts[result.verdict] ?? 0) + 1;
  }

  /** Cases started but never ended: the run stopped under them, so they count as errors. */
  private reportCutOffCases(): void {
    for (const { meta } of this.running.values()) {
      const result: Verdict = { verdict: 'error', reason: CUT_OFF_REASON };
      this.recordFinished(result);
      this.printLines(this.caseLines(meta, result, undefined, undefined));
    }
    this.running.clear();
  }

  private headerLines(start: RunStartEvent): string[] {
    const id = start.identity;
    const d = id?.declared;
    const identity = id
      ? [
          `sut (declared): station ${sanitizeForTerminal(id.declared.stationId)}, serial ${sanitizeForTerminal(id.declared.serialNumber)}; security profile ${id.declared.securityProfiles.join(', ')}`,
          `features: ${d?.features.length ? d.features.join(', ') : 'none'}; deviations: ${Object.keys(d?.deviations ?? {}).join(', ') || 'none'}; timeouts: message ${d?.timeouts.messageMs} ms, connect ${d?.timeouts.connectMs} ms, case ${d?.timeouts.caseMs} ms`,
          `harness commit ${id.harness.gitCommit ?? 'unknown'}; catalogue sha256 ${id.catalogue.sha256} (${id.catalogue.cases} cases)`,
        ]
      : [];
    return [
      this.paint.bold(`ocpp-harness ${sanitizeForTerminal(start.harnessVersion)} run ${sanitizeForTerminal(start.runId)}`),
      `target: ${sanitizeForTerminal(start.target.description)}`,
      ...identity,
      `strictness: ${strictnessText(start)}`,
      `${start.plannedCases.length} case${start.plannedCases.length === 1 ? '' : 's'} planned`,
    ];
  }

  private caseLines(
    meta: Pick<CaseMeta, 'id' | 'title'>,
    result: Verdict,
    durationMs: number | undefined,
    severity: Severity | undefined,
  ): string[] {
    const label = this.verdictLabel(result.verdict);
    const title = meta.title ? ` ${sanitizeForTerminal(meta.title)}` : '';
    const time = durationMs === undefined ? '' : this.paint.dim(` (${formatDuration(durationMs)})`);
    const sev = severity ? ` [severity ${severity}]` : '';
    const head = `${label} ${sanitizeForTerminal(meta.id)}${title}${time}${sev}`;
    const details = verdictDetailLines(result).flatMap((line) =>
      sanitizeForTerminal(line)
        .split('\n')
        .map((l) => INDENT + l),
    );
    return [head, ...details];
  }

  private summaryLines(end: RunEndEvent): string[] {
    const partial =
      end.interrupted ||
      (this.counts['error'] ?? 0) > 0 ||
      (this.counts['inconclusive'] ?? 0) > 0 ||
      this.finishedCount < this.plannedCount;
    return this.formatSummary(this.counts, end.durationMs, end.interrupted, partial);
  }

  private summaryFromRecord(run: RunRecord): string[] {
    const counts = countVerdicts(run.cases);
    const interrupted = run.end?.interrupted ?? true;
    return this.formatSummary(counts, run.end?.durationMs, interrupted, partialRunReasons(run).length > 0);
  }

  private formatSummary(counts: Record<string, number>, durationMs: number | undefined, interrupted: boolean, partial: boolean): string[] {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const time = durationMs === undefined ? '' : ` in ${formatDuration(durationMs)}`;
    const lines = [
      '',
      this.paint.bold(`${total} case${total === 1 ? '' : 's'}: ${formatCounts(counts)}${time}${interrupted ? ' (interrupted)' : ''}`),
    ];
    if (partial) lines.push(this.paint.yellow('partial run — no conformance verdict'));
    return lines;
  }

  private certificationLines(s: CertificationSummary | undefined): string[] {
    if (!s || s.profiles.length === 0) return [];
    return ['certification summary:', ...certificationLines(s).map((l) => INDENT + sanitizeForTerminal(l))];
  }

  /** What the SUT said about itself on the wire, when it said anything. */
  private observedLines(o: ObservedIdentity): string[] {
    const parts = [
      ['vendor', o.vendor],
      ['model', o.model],
      ['serial', o.serialNumber],
      ['firmware', o.firmwareVersion],
      ['TLS', o.tlsSubjects],
    ].filter(([, v]) => v.length > 0) as [string, string[]][];
    if (parts.length === 0) return [];
    return [`sut (observed): ${sanitizeForTerminal(parts.map(([k, v]) => `${k} ${v.join(' | ')}`).join('; '))}`];
  }

  private verdictLabel(verdict: string): string {
    const text = verdict.toUpperCase();
    switch (verdict) {
      case 'pass':
        return this.paint.green(text);
      case 'pass-non-strict':
        return this.paint.cyan(text);
      case 'fail':
        return this.paint.red.bold(text);
      case 'inconclusive':
        return this.paint.yellow(text);
      case 'error':
        return this.paint.magenta.bold(text);
      default:
        return this.paint.gray(text);
    }
  }

  /** Writes whole lines; in TTY mode the status line is lifted off first and put back after. */
  private printLines(lines: string[]): void {
    if (lines.length === 0) return;
    this.clearStatus();
    this.opts.write(lines.join('\n') + '\n');
    this.redrawStatus();
  }

  private clearStatus(): void {
    if (this.statusShown) {
      this.opts.write(CLEAR_LINE);
      this.statusShown = false;
    }
  }

  private redrawStatus(): void {
    if (!this.opts.tty) return;
    const current = [...this.running.values()].at(-1);
    if (!current) {
      this.clearStatus();
      return;
    }
    const progress = this.plannedCount > 0 ? `[${this.finishedCount + 1}/${this.plannedCount}]` : `[${this.finishedCount + 1}]`;
    const step = current.stepTitle ? ` · ${current.stepTitle}` : '';
    const tally = this.finishedCount > 0 ? `  (${formatCounts(this.counts)})` : '';
    const plain = sanitizeForTerminal(`${progress} ${current.meta.id} ${current.meta.title}${step}${tally}`);
    const fitted = plain.length > STATUS_LINE_MAX ? plain.slice(0, STATUS_LINE_MAX - 1) + '…' : plain;
    this.opts.write(CLEAR_LINE + this.paint.cyan(fitted));
    this.statusShown = true;
  }
}

export function createConsoleReporter(opts: ReporterOptions): Reporter {
  return new ConsoleReporter(opts);
}
