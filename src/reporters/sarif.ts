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

const cweUri = (cwe: string) => `https://cwe.mitre.org/data/definitions/${cwe.replace(/^CWE-/i, '')}.html`;

/**
 * A rule's texts say what the rule is about in general (from the requirement registry), never
 * one finding's wording: the description is the rule's demand, the help what to fix and where
 * the evidence is, with the requirement and CWE references. An unregistered rule (a foreign
 * rule id) falls back to its worst finding's title.
 */
function ruleTexts(id: string, worst: Finding, requirements: string[], cweIds: string[]) {
  const says = requirementText(id);
  const summary = says ?? `Findings of rule ${id}, such as: ${worst.title}.`;
  const refs = [...requirements.map((r) => `${r}${requirementText(r) ? ` (${requirementText(r)})` : ''}`), ...cweIds];
  const refText = refs.length > 0 ? ` References: ${refs.join('; ')}.` : '';
  const help = `Make the system under test meet rule ${id}: ${summary} Each result names the OCPP action involved and carries the frames that triggered it and a command that replays them; fix the handling those frames exercise, then rerun the case.${refText}`;
  const markdown = [
    `**Rule ${id}.** ${summary}`,
    '',
    'Each result names the OCPP action involved and carries the triggering frames and a replay command. Fix the handling those frames exercise, then rerun the case.',
    ...(refs.length > 0
      ? [
          '',
          '**References**',
          ...requirements.map((r) => `- ${r}${requirementText(r) ? `: ${requirementText(r)}` : ''}`),
          ...cweIds.map((c) => `- [${c}](${cweUri(c)})`),
        ]
      : []),
  ].join('\n');
  return {
    shortDescription: { text: says ? `Rule ${id}: ${says}` : `Rule ${id}` },
    fullDescription: { text: `${summary}${refText}` },
    help: { text: help, markdown },
  };
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
  const reqs = new Map<string, Set<string>>();
  for (const f of findings) {
    if (!worst.has(f.ruleId)) {
      ruleIds.push(f.ruleId);
      cwes.set(f.ruleId, new Set());
      reqs.set(f.ruleId, new Set());
    }
    const w = worst.get(f.ruleId);
    if (!w || severityRank(f.severity) > severityRank(w.severity)) worst.set(f.ruleId, f);
    if (f.cwe) cwes.get(f.ruleId)?.add(f.cwe);
    if (f.requirement) reqs.get(f.ruleId)?.add(f.requirement);
  }
  const rules = ruleIds.map((id) => {
    const w = worst.get(id) as Finding;
    const cweIds = [...(cwes.get(id) ?? [])].sort();
    const requirements = [...(reqs.get(id) ?? [])].sort();
    return {
      id,
      name: ruleName(id),
      ...ruleTexts(id, w, requirements, cweIds),
      helpUri: cweIds.length > 0 ? cweUri(cweIds[0] as string) : (tool.informationUri ?? 'https://www.openchargealliance.org/'),
      defaultConfiguration: { level: sarifLevel(w.severity) },
      properties: {
        'security-severity': securitySeverity(w.severity),
        tags: ['security', 'ocpp', ...cweIds.map((c) => `external/cwe/${c.toLowerCase()}`)],
        ...(requirements.length > 0 ? { requirement: requirements[0], requirements } : {}),
        ...(requirements.length > 0 && requirementText(requirements[0] as string)
          ? { requirementText: requirementText(requirements[0] as string) }
          : {}),
        ...(cweIds.length > 0 ? { cwe: cweIds } : {}),
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
