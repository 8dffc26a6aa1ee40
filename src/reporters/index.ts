import type { RunEvent, RunRecord } from '../engine/events.js';
import { createConsoleReporter } from './console.js';
import { createHtmlReporter } from './html.js';
import { createJsonReporter } from './json.js';
import { createJunitReporter } from './junit.js';
import { createFindingsReporter } from './findings.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { removeStaleReports } from './files.js';

export type { Reporter, ReporterOptions } from './reporter.js';
export { createConsoleReporter } from './console.js';
export { createHtmlReporter } from './html.js';
export { createJsonReporter } from './json.js';
export { createJunitReporter } from './junit.js';
export { createFindingsReporter, runFindings } from './findings.js';
export { readEventLog, readEventLogDetailed, parseEventLog } from './eventlog-reader.js';
export { writeReportFile, removeStaleReports } from './files.js';
export { unstartedCases, partialRunReasons } from './format.js';

export const REPORTER_NAMES = ['console', 'junit', 'html', 'json', 'findings'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

const FACTORIES: Record<ReporterName, (opts: ReporterOptions) => Reporter> = {
  console: createConsoleReporter,
  junit: createJunitReporter,
  html: createHtmlReporter,
  json: createJsonReporter,
  findings: createFindingsReporter,
};

export function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}

/**
 * Reporters by name, in the order given. Blank entries (a trailing comma in `--reporter`) are
 * ignored and repeats collapse, since two reporters of one kind would write the same file.
 */
export function createReporters(names: string[], opts: ReporterOptions): Reporter[] {
  const wanted = [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
  for (const name of wanted) {
    if (!isReporterName(name)) {
      throw new Error(`unknown reporter "${name}"; valid reporters: ${REPORTER_NAMES.join(', ')}`);
    }
  }
  return (wanted as ReporterName[]).map((name) => FACTORIES[name](opts));
}

/** The report files (names inside outDir) of the given reporters. */
export function reportFilesOf(reporters: readonly Reporter[]): string[] {
  return [...new Set(reporters.flatMap((r) => r.files ?? []))];
}

/** Every report file any reporter writes: what a run clears from its folder before it starts. */
export function allReportFiles(): string[] {
  return reportFilesOf(createReporters([...REPORTER_NAMES], { outDir: '.', write: () => {}, tty: false, color: false }));
}

/** One reporter failure: which reporter, in which call, and why. */
export interface ReporterFailure {
  reporter: string;
  where: string;
  message: string;
}

/** The console line for a failed reporter: the reporter's name first, so it is found at once. */
export function describeReporterFailure(f: ReporterFailure): string {
  return `reporter ${f.reporter} failed (${f.where}): ${f.message}`;
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Fans events and the final record out to several reporters. Each call is isolated: a reporter
 * that throws is recorded in `errors` and the others, and the run, carry on.
 */
export class Multiplexer implements Reporter {
  readonly name = 'multiplexer';
  /** One entry per distinct failure ("junit.finish: EACCES ..."), in order of occurrence. */
  readonly errors: string[] = [];
  /** The same failures, structured. */
  readonly failures: ReporterFailure[] = [];
  // A reporter that throws on every event would otherwise add one entry per event.
  private readonly seenErrors = new Set<string>();

  constructor(private readonly reporters: readonly Reporter[]) {}

  onEvent(event: RunEvent): void {
    for (const reporter of this.reporters) {
      if (!reporter.onEvent) continue;
      try {
        reporter.onEvent(event);
      } catch (err) {
        this.recordError(reporter, `onEvent(${event.type})`, err);
      }
    }
  }

  /** Paths written by all reporters that succeeded, in reporter order. */
  async finish(run: RunRecord): Promise<string[]> {
    const written = await Promise.all(
      this.reporters.map(async (reporter): Promise<string[]> => {
        if (!reporter.finish) return [];
        try {
          return await reporter.finish(run);
        } catch (err) {
          this.recordError(reporter, 'finish', err);
          return [];
        }
      }),
    );
    return written.flat();
  }

  private recordError(reporter: Reporter, where: string, err: unknown): void {
    const message = `${reporter.name}.${where}: ${describeError(err)}`;
    if (this.seenErrors.has(message)) return;
    this.seenErrors.add(message);
    this.errors.push(message);
    this.failures.push({ reporter: reporter.name, where, message: describeError(err) });
  }
}

/** Some reporters failed while re-rendering; the others' files were still written. */
export class ReportRenderError extends Error {
  constructor(
    readonly errors: string[],
    readonly written: string[],
    readonly failures: ReporterFailure[] = [],
  ) {
    super(`${errors.length} reporter error${errors.length === 1 ? '' : 's'}:\n  ${errors.join('\n  ')}`);
    this.name = 'ReportRenderError';
  }
}

/**
 * Renders a folded run (e.g. from readEventLog + foldEvents) with the named reporters and returns
 * the paths written. Throws ReportRenderError, carrying those paths, if any reporter failed.
 */
export async function renderReports(run: RunRecord, names: string[], opts: ReporterOptions): Promise<string[]> {
  const reporters = createReporters(names, opts);
  await removeStaleReports(opts.outDir, reportFilesOf(reporters));
  const multiplexer = new Multiplexer(reporters);
  const written = await multiplexer.finish(run);
  if (multiplexer.errors.length > 0) throw new ReportRenderError(multiplexer.errors, written, multiplexer.failures);
  return written;
}
