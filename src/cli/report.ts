import { existsSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../core/usage-error.js';
import { foldEvents, type RunEvent, type RunRecord } from '../engine/events.js';
import { exitCodeFor } from '../core/verdict.js';
import { ReportRenderError, describeReporterFailure, readEventLogDetailed, renderReports, unstartedCases } from '../reporters/index.js';
import { mergeEventLogs } from '../reporters/merge.js';
import { EXIT, type CliIo } from './filters.js';
import { parseReporters } from './options.js';
import { sealReports, signingKeyOf } from './reports.js';

/**
 * The exit code a re-rendered log earns, by run's rules: 2 for a run cut short or interrupted
 * (its verdict is partial), else 1 for a fail, 2 for inconclusive or error, 0 otherwise.
 */
function exitCodeOfLog(run: RunRecord): number {
  if (!run.start || !run.end || run.end.interrupted || unstartedCases(run).length > 0) return EXIT.inconclusive;
  return exitCodeFor(run.cases.map((c) => c.result.verdict));
}

function readLog(option: string, path: string, io: CliIo): RunEvent[] {
  let contents;
  try {
    contents = readEventLogDetailed(path);
  } catch (err) {
    throw new UsageError(`${option} ${path}: cannot read the event log (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  for (const s of contents.skipped) io.stderr(`${path}:${s.line}: skipped (${s.reason})\n`);
  return contents.events;
}

/** `--merge` takes report directories (their run.jsonl) or event log files. */
function logPathOf(path: string): string {
  return existsSync(path) && statSync(path).isDirectory() ? join(path, 'run.jsonl') : path;
}

interface ReportOpts {
  from?: string;
  merge?: string[];
  reporter: string;
  out: string;
  signKey?: string;
}

/** `report --from run.jsonl` re-renders one log; `report --merge DIR...` joins the logs of a sharded run first. */
export function addReportCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('report')
    .description('re-render reports from an event log (also from an interrupted run), or merge the logs of a sharded run into one set')
    .option('--from <file>', 'run.jsonl to read')
    .option('--merge <dirs...>', 'report directories (or run.jsonl files) of the slices of `run --shard i/n`, merged into one run')
    .option('--reporter <names>', 'reporters', 'junit,html,json,findings')
    .option('--out <dir>', 'output directory', 'reports')
    .option('--sign-key <file>', 'Ed25519 private key (PEM) to sign manifest.json with (manifest.sig)')
    .action(async (o: ReportOpts) => {
      if ((o.from === undefined) === (o.merge === undefined))
        throw new UsageError('report: give --from <run.jsonl> (one log) or --merge <dir...> (the slices of a sharded run), not both');
      const names = parseReporters(o.reporter, []);
      const signingKey = signingKeyOf(o.signKey);
      const outDir = resolve(o.out);
      let events: RunEvent[];
      let logPath: string;
      if (o.from !== undefined) {
        events = readLog('--from', o.from, io);
        logPath = resolve(o.from);
      } else {
        const logs = (o.merge ?? []).map((d) => ({ name: d, events: readLog('--merge', logPathOf(d), io) }));
        const merged = mergeEventLogs(logs);
        for (const w of merged.warnings) io.stderr(`merge: ${w}\n`);
        events = merged.events;
        // The merged log is written next to the reports: they, and the manifest that seals them, stand on it.
        mkdirSync(outDir, { recursive: true });
        logPath = join(outDir, 'run.jsonl');
        writeFileSync(logPath, events.map((e) => `${JSON.stringify(e)}\n`).join(''));
        io.stdout(`wrote ${logPath} (${logs.length} logs merged)\n`);
      }
      const run = foldEvents(events);
      let written: string[];
      try {
        written = await renderReports(run, names, { outDir, write: io.stdout, tty: false, color: false });
      } catch (err) {
        if (!(err instanceof ReportRenderError)) throw err;
        for (const w of err.written) io.stdout(`wrote ${w}\n`);
        for (const f of err.failures) io.stderr(`ocpp-harness: ${describeReporterFailure(f)}\n`);
        setExit(EXIT.inconclusive);
        return;
      }
      for (const w of written) io.stdout(`wrote ${w}\n`);
      for (const w of await sealReports(outDir, logPath, written, run, signingKey)) io.stdout(`wrote ${w}\n`);
      setExit(exitCodeOfLog(run));
    });
}
