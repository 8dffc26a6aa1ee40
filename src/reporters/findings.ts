import type { RunRecord } from '../engine/events.js';
import { mergeFindings, type Finding } from '../core/findings.js';
import { FINDINGS_JSON_FILE, FINDINGS_SARIF_FILE, writeFindings } from './sarif.js';
import type { Reporter, ReporterOptions } from './reporter.js';

/** Every finding of the run, merged by stable id, worst first within each id's frames. */
export function runFindings(run: RunRecord): Finding[] {
  return mergeFindings(run.cases.flatMap((c) => c.findings));
}

/**
 * findings.json and findings.sarif (SARIF 2.1.0, for code-scanning dashboards). Written when the
 * run had security cases or produced findings; a conformance-only run gets neither file.
 */
export function createFindingsReporter(opts: ReporterOptions): Reporter {
  return {
    name: 'findings',
    files: [FINDINGS_JSON_FILE, FINDINGS_SARIF_FILE],
    async finish(run: RunRecord): Promise<string[]> {
      const findings = runFindings(run);
      if (findings.length === 0 && !run.cases.some((c) => c.meta.suite === 'security')) return [];
      const written = await writeFindings(opts.outDir, findings, { name: 'ocpp-harness', version: run.start?.harnessVersion ?? 'unknown' });
      return [written.json, written.sarif];
    },
  };
}
