import { writeReportFile } from './files.js';
import { join } from 'node:path';
import { type Finding, type FindingSeverity, severityRank } from '../core/findings.js';
import { requirementText } from '../core/requirements/index.js';

export interface SarifTool {
  name: string;
  version: string;
  informationUri?: string;
}

/** GitHub's bands: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
const SECURITY_SEVERITY: Record<FindingSeverity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

const LEVEL: Record<FindingSeverity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

export function securitySeverity(s: FindingSeverity): string {
  return SECURITY_SEVERITY[s];
}

export function sarifLevel(s: FindingSeverity): 'error' | 'warning' | 'note' {
  return LEVEL[s];
}

/** "SEC-RPC-06" → "SecRpc06": SARIF rule names are meant to be identifier-like. */
function ruleName(ruleId: string): string {
  return ruleId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1).toLowerCase())
    .join('');
}

/**
 * SARIF 2.1.0 for a set of findings. One rule per ruleId (its severity is the worst of its
 * findings); one result per finding, linked by ruleId and ruleIndex, fingerprinted with the
 * stable finding id so code-scanning tools track it across runs. Results carry a logical
 * location (the OCPP action), since a protocol finding has no source file.
 */
export function toSarif(findings: readonly Finding[], tool: SarifTool): Record<string, unknown> {
  const ruleIds: string[] = [];
  const worst = new Map<string, Finding>();
  const cwes = new Map<string, Set<string>>();
  for (const f of findings) {
    if (!worst.has(f.ruleId)) {
      ruleIds.push(f.ruleId);
      cwes.set(f.ruleId, new Set());
    }
    const w = worst.get(f.ruleId);
    if (!w || severityRank(f.severity) > severityRank(w.severity)) worst.set(f.ruleId, f);
    if (f.cwe) cwes.get(f.ruleId)!.add(f.cwe);
  }
  const rules = ruleIds.map((id) => {
    const w = worst.get(id)!;
    const cweTags = [...cwes.get(id)!].sort().map((c) => `external/cwe/${c.toLowerCase()}`);
    const says = w.requirement ? requirementText(w.requirement) : undefined;
    const rule = requirementText(id);
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: w.title },
      fullDescription: { text: w.requirement ? `${w.title} (${w.requirement}${says ? `: ${says}` : ''})` : w.title },
      help: { text: rule ? `${w.hint} Rule ${id}: ${rule}` : w.hint, markdown: rule ? `${w.hint}\n\nRule ${id}: ${rule}` : w.hint },
      ...(tool.informationUri ? { helpUri: tool.informationUri } : {}),
      defaultConfiguration: { level: sarifLevel(w.severity) },
      properties: {
        'security-severity': securitySeverity(w.severity),
        tags: ['security', 'ocpp', ...cweTags],
        ...(w.requirement ? { requirement: w.requirement } : {}),
        ...(says ? { requirementText: says } : {}),
      },
    };
  });
  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIds.indexOf(f.ruleId),
    level: sarifLevel(f.severity),
    message: { text: `${f.title}${f.action ? ` [${f.action}]` : ''}. ${f.hint}` },
    locations: [
      {
        logicalLocations: [{ name: f.action ?? 'connection', kind: 'module', fullyQualifiedName: `ocpp/${f.action ?? 'connection'}` }],
      },
    ],
    partialFingerprints: { 'ocppFindingId/v1': f.id },
    properties: {
      findingId: f.id,
      severity: f.severity,
      frames: f.frames,
      ...(f.replay ? { replay: f.replay } : {}),
      ...(f.caseId ? { caseId: f.caseId } : {}),
      ...(f.requirement ? { requirement: f.requirement } : {}),
      ...(f.cwe ? { cwe: f.cwe } : {}),
      ...(f.cve ? { cve: f.cve } : {}),
      ...(f.category ? { category: f.category } : {}),
    },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export const FINDINGS_JSON_FILE = 'findings.json';
export const FINDINGS_SARIF_FILE = 'findings.sarif';

export interface WrittenFindings {
  json: string;
  sarif: string;
}

/** Writes findings.json and findings.sarif into outDir (created if missing). */
export async function writeFindings(outDir: string, findings: readonly Finding[], tool: SarifTool): Promise<WrittenFindings> {
  const json = join(outDir, FINDINGS_JSON_FILE);
  const sarif = join(outDir, FINDINGS_SARIF_FILE);
  await writeReportFile(json, `${JSON.stringify({ tool: { name: tool.name, version: tool.version }, findings }, null, 2)}\n`);
  await writeReportFile(sarif, `${JSON.stringify(toSarif(findings, tool), null, 2)}\n`);
  return { json, sarif };
}
