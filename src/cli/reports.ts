import { resolve } from 'node:path';
import type { RunRecord } from '../engine/events.js';
import { Multiplexer, allReportFiles, describeReporterFailure, removeStaleReports } from '../reporters/index.js';
import type { CliIo } from './options.js';

/**
 * Clears every report file from the folder a run writes into, so no report of an earlier run is
 * left next to this run's log (a run killed before its reports are written leaves none).
 */
export function clearReports(outDir: string): Promise<void> {
  return removeStaleReports(outDir, allReportFiles());
}

/**
 * Writes the reports of a finished run. Each failed reporter is named on stderr; returns false if
 * any failed, and the run then exits 2 (its reports are missing or incomplete).
 */
export async function finishReports(live: Multiplexer, run: RunRecord, outDir: string, io: CliIo): Promise<boolean> {
  const written = await live.finish(run);
  for (const f of live.failures) io.stderr(`ocpp-harness: ${describeReporterFailure(f)}\n`);
  io.stdout(`reports: ${[resolve(outDir, 'run.jsonl'), ...written].join(', ')}\n`);
  return live.failures.length === 0;
}
