import { severityRank, type FindingSeverity } from '../core/findings.js';
import type { CaseRecord, RunRecord } from '../engine/events.js';
import { REGULATORY_MAP, REVIEWED, type ControlRef } from './regulatory-map.js';

/**
 * Security evidence for regulators: for each row of regulatory-map.ts, what this run showed (the
 * security cases of the row's rule families, or every case at the row's security profile, and the
 * findings), next to the NIS2, IEC 62443-4-2 and ETSI EN 303 645 controls it bears on.
 */

export type EvidenceStatus = 'no evidence' | 'gaps found' | 'incomplete' | 'no gap found';

export interface RegulatoryEvidence {
  key: string;
  area: string;
  nis2: ControlRef[];
  iec62443_4_2: ControlRef[];
  etsiEn303645: ControlRef[];
  cases: number;
  passed: number;
  failed: number;
  /** Inconclusive or error. */
  undecided: number;
  notApplicable: number;
  findings: number;
  worstSeverity: FindingSeverity | null;
  status: EvidenceStatus;
}

export interface RegulatoryTable {
  /** False until a compliance reader has reviewed regulatory-map.ts. */
  reviewed: boolean;
  note: string;
  rows: RegulatoryEvidence[];
}

/** "SEC-RPC-06" or "RPC-06" → "RPC". */
function family(id: string | undefined): string | undefined {
  return id ? /^(?:SEC-)?([A-Z]+)-\d+$/.exec(id)?.[1] : undefined;
}

function caseFamily(c: CaseRecord): string | undefined {
  if (c.meta.suite !== 'security') return undefined;
  return family(c.meta.rule) ?? family(c.meta.requirements.find((r) => r.startsWith('SEC-')));
}

export function regulatoryTable(run: RunRecord): RegulatoryTable {
  const declared = run.start?.identity?.declared.securityProfiles;
  const single = declared?.length === 1 ? declared[0] : undefined;
  const rows = REGULATORY_MAP.map((row): RegulatoryEvidence => {
    const inRow = (c: CaseRecord) =>
      'ruleFamilies' in row.evidence
        ? row.evidence.ruleFamilies.includes(caseFamily(c) ?? '')
        : (c.securityProfile ?? single) === row.evidence.securityProfile;
    const cases = run.cases.filter(inRow);
    const findings =
      'ruleFamilies' in row.evidence
        ? run.cases
            .flatMap((c) => c.findings)
            .filter((f) => (row.evidence as { ruleFamilies: string[] }).ruleFamilies.includes(family(f.ruleId) ?? ''))
        : cases.flatMap((c) => c.findings);
    const v = (names: string[]) => cases.filter((c) => names.includes(c.result.verdict)).length;
    const passed = v(['pass', 'pass-non-strict']);
    const failed = v(['fail']);
    const undecided = v(['inconclusive', 'error']);
    const notApplicable = v(['not-applicable', 'skipped']);
    const worst = findings.reduce<FindingSeverity | null>(
      (w, f) => (w === null || severityRank(f.severity) > severityRank(w) ? f.severity : w),
      null,
    );
    const status: EvidenceStatus =
      cases.length - notApplicable === 0 && findings.length === 0
        ? 'no evidence'
        : failed > 0 || (worst !== null && severityRank(worst) >= severityRank('medium'))
          ? 'gaps found'
          : undecided > 0
            ? 'incomplete'
            : 'no gap found';
    return {
      key: row.key,
      area: row.area,
      nis2: row.nis2,
      iec62443_4_2: row.iec62443_4_2,
      etsiEn303645: row.etsiEn303645,
      cases: cases.length,
      passed,
      failed,
      undecided,
      notApplicable,
      findings: findings.length,
      worstSeverity: worst,
      status,
    };
  });
  return {
    reviewed: REVIEWED,
    note: 'The evidence bears on the controls named; passing these cases does not by itself satisfy any of them.',
    rows,
  };
}
