import { allRequirements, requirement, type RequirementLevel, type SourceId } from '../core/requirements/index.js';
import type { CaseRecord, RunRecord } from '../engine/events.js';

/**
 * The requirement matrix: each requirement a case of the run checks, the cases that check it and
 * their verdicts; then the registered requirements of the versions that ran which no case of the
 * run checks. Built from per-case summaries (id, verdict, requirement ids), so it can be fed case
 * by case.
 */

export interface TraceCase {
  id: string;
  verdict: string;
  securityProfile?: number;
  /** The case failed on this very requirement. */
  failedHere?: boolean;
}

export interface TraceRow {
  id: string;
  /** False for an id the registry does not know (a log of an older catalogue). */
  registered: boolean;
  level: RequirementLevel | null;
  text: string | null;
  cases: TraceCase[];
}

export interface UncheckedRequirement {
  id: string;
  level: RequirementLevel;
  text: string;
}

export interface Traceability {
  requirements: TraceRow[];
  /** Registered requirements of the sources that apply to the run's versions that no case checked. */
  unchecked: UncheckedRequirement[];
  /** The requirement sources the unchecked list covers. */
  sources: SourceId[];
}

/** The requirement documents that belong to an OCPP version (transport and security sources when the run had security cases). */
const VERSION_SOURCES: Record<string, SourceId[]> = {
  '1.6': ['OCPP16', 'OCPPJ16', 'SECWP16'],
  '2.0.1': ['OCPP201', 'OCPPJ20'],
  '2.1': ['OCPP201', 'OCPPJ20'],
};

export class TraceCollector {
  private readonly rows = new Map<string, TraceRow>();
  private readonly versions = new Set<string>();
  private security = false;

  add(record: Pick<CaseRecord, 'meta' | 'result' | 'securityProfile'>): void {
    this.versions.add(record.meta.ocpp);
    if (record.meta.suite === 'security') this.security = true;
    const failed = record.result.verdict === 'fail' ? record.result.requirement : undefined;
    const ids = [...new Set([...record.meta.requirements, ...(failed ? [failed] : [])])];
    for (const id of ids) {
      let row = this.rows.get(id);
      if (!row) {
        const r = requirement(id);
        row = { id, registered: r !== undefined, level: r?.level ?? null, text: r?.text ?? null, cases: [] };
        this.rows.set(id, row);
      }
      row.cases.push({
        id: record.meta.id,
        verdict: record.result.verdict,
        ...(record.securityProfile !== undefined ? { securityProfile: record.securityProfile } : {}),
        ...(failed === id ? { failedHere: true } : {}),
      });
    }
  }

  result(): Traceability {
    const sources = [...new Set([...this.versions].flatMap((v) => VERSION_SOURCES[v] ?? []))];
    if (this.security) sources.push('RFC6455', 'SEC');
    const unchecked = allRequirements()
      .filter((r) => sources.includes(r.source) && !this.rows.has(r.id))
      .map((r) => ({ id: r.id, level: r.level, text: r.text }));
    const requirements = [...this.rows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { requirements, unchecked, sources };
  }
}

export function traceability(run: RunRecord): Traceability {
  const collector = new TraceCollector();
  for (const c of run.cases) collector.add(c);
  return collector.result();
}
