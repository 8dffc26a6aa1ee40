import { join } from 'node:path';
import type { Finding } from '../core/findings.js';
import { runFindings } from './findings.js';
import type { CaseRecord, RunRecord, RunStartEvent, StepEvent } from '../engine/events.js';
import { countVerdicts } from '../engine/events.js';
import type { CaseMeta, Suite, SutRole } from '../core/meta.js';
import type { Severity, Verdict } from '../core/verdict.js';
import { requirementText } from '../core/requirements/index.js';
import { partialRunReasons, runDurationMs } from './format.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { writeReportFile } from './files.js';
import { jsonIdentity, type JsonIdentity } from './identity.js';
import { certificationSummary, type CertificationSummary } from './certification.js';
import { traceability, type Traceability } from './traceability.js';
import { regulatoryTable, type RegulatoryTable } from './regulatory.js';

export const JSON_FILE = 'results.json';

export type JsonStep = Pick<StepEvent, 'index' | 'title' | 'status' | 'detail'>;

export type JsonWireEntry =
  | { type: 'wire'; t: number; time: string; conn: string; dir: 'in' | 'out'; summary: string; text: string; violations?: string[] }
  | { type: 'note'; t: number; time: string; kind: string; text: string };

export interface JsonCase {
  id: string;
  title: string;
  ocpp: CaseMeta['ocpp'];
  sut: SutRole;
  block: string;
  suite: Suite;
  requirements: string[];
  profiles: string[];
  /** The security profile the case ran on (0-3). */
  securityProfile: number | null;
  /** Distinguishes two runs of the same case in one log. */
  runKey: string;
  startTime: string;
  /** A fail also carries requirementText: what the failed requirement demands (null when unregistered). */
  verdict: JsonVerdict;
  severity: Severity | null;
  /** Security findings of this case (empty for conformance cases). */
  findings: Finding[];
  durationMs: number;
  steps: JsonStep[];
  wire: JsonWireEntry[];
}

/** Shape of results.json; a contract for downstream tools, so change it only additively. */
export interface JsonResults {
  runId: string | null;
  startTime: string | null;
  /** null when the log ended without a run-end and no case timing was available. */
  durationMs: number | null;
  interrupted: boolean;
  counts: Record<string, number>;
  /** Empty when the run is complete enough to carry an overall verdict. */
  partialReasons: string[];
  harnessVersion: string | null;
  target: RunStartEvent['target'] | null;
  /** How strictly the run judged: certification or lenient. */
  strictness: 'certification' | 'lenient';
  /** The SUT as declared and as observed on the wire, the harness and the catalogue that ran. */
  identity: JsonIdentity;
  /** Per version, role, certification profile and security profile: passed / applicable, blockers, verdict or why none. */
  certification: CertificationSummary;
  /** Requirement → the cases that check it → their verdicts; the registered requirements no case checked. */
  traceability: Traceability;
  /** Security findings and security-profile results next to NIS2, IEC 62443-4-2 and ETSI EN 303 645 controls. */
  regulatory: RegulatoryTable;
  /** All findings of the run, merged by their stable id. */
  findings: Finding[];
  cases: JsonCase[];
}

export type JsonVerdict =
  Exclude<Verdict, { verdict: 'fail' }> | (Extract<Verdict, { verdict: 'fail' }> & { requirementText: string | null });

function toJsonVerdict(result: Verdict): JsonVerdict {
  return result.verdict === 'fail' ? { ...result, requirementText: requirementText(result.requirement) ?? null } : result;
}

function toJsonCase(record: CaseRecord): JsonCase {
  const { meta } = record;
  return {
    id: meta.id,
    title: meta.title,
    ocpp: meta.ocpp,
    sut: meta.sut,
    block: meta.block,
    suite: meta.suite,
    requirements: meta.requirements,
    profiles: meta.profiles,
    securityProfile: record.securityProfile ?? null,
    runKey: record.runKey,
    startTime: record.startTime,
    verdict: toJsonVerdict(record.result),
    severity: record.severity ?? null,
    findings: record.findings,
    durationMs: record.durationMs,
    steps: record.steps.map(({ index, title, status, detail }) => ({ index, title, status, detail })),
    wire: record.log.map((e): JsonWireEntry =>
      e.type === 'wire'
        ? { type: 'wire', t: e.t, time: e.time, conn: e.conn, dir: e.dir, summary: e.summary, text: e.text, violations: e.violations }
        : { type: 'note', t: e.t, time: e.time, kind: e.kind, text: e.text },
    ),
  };
}

export function buildJsonResults(run: RunRecord): JsonResults {
  return {
    runId: run.start?.runId ?? null,
    startTime: run.start?.time ?? null,
    durationMs: runDurationMs(run) ?? null,
    // A log without run-end was cut short (crash), which is an interruption too.
    interrupted: run.end?.interrupted ?? true,
    counts: countVerdicts(run.cases),
    partialReasons: partialRunReasons(run),
    harnessVersion: run.start?.harnessVersion ?? null,
    target: run.start?.target ?? null,
    strictness: run.start?.strictness ?? 'certification',
    identity: jsonIdentity(run),
    certification: certificationSummary(run),
    traceability: traceability(run),
    regulatory: regulatoryTable(run),
    findings: runFindings(run),
    cases: run.cases.map(toJsonCase),
  };
}

export function createJsonReporter(opts: ReporterOptions): Reporter {
  return {
    name: 'json',
    files: [JSON_FILE],
    async finish(run: RunRecord): Promise<string[]> {
      const path = join(opts.outDir, JSON_FILE);
      await writeReportFile(path, JSON.stringify(buildJsonResults(run), null, 2) + '\n');
      return [path];
    },
  };
}
