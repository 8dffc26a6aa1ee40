import type { Severity } from './verdict.js';
import { hash32 } from './hash.js';

export type FindingSeverity = Severity;

export const SEVERITIES: readonly FindingSeverity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** One security/robustness problem found in the SUT, with what it takes to reproduce it. */
export interface Finding {
  /** Stable across runs: derived from rule + action + mutation category, never from random values. */
  id: string;
  /** Security-catalogue rule, a registry id too, e.g. "SEC-RPC-03". */
  ruleId: string;
  title: string;
  severity: FindingSeverity;
  /** The violated requirement, a registry id (src/core/requirements), e.g. "OCPPJ20-4.1.4". */
  requirement?: string;
  /** e.g. "CWE-20". */
  cwe?: string;
  cve?: string;
  /** What to fix, in one or two sentences. */
  hint: string;
  /** The frames that trigger it, exactly as sent (the shrunk frame first when there is one). */
  frames: string[];
  /** A shell command that replays the frames. */
  replay?: string;
  /** The harness case or mutation id that produced it. */
  caseId?: string;
  /** The OCPP action involved, when there is one. */
  action?: string;
  /** The mutation category (or case category) that produced it. */
  category?: string;
}

/**
 * The stable finding id. Readable, plus a short digest so ids stay unique when an action or
 * category contains odd characters: "SEC-RPC-06/BootNotification/occurrence#1a2b3c4d".
 */
export function findingId(ruleId: string, action: string | undefined, category: string): string {
  const a = action ?? '*';
  return `${ruleId}/${a}/${category}#${hash32(`${ruleId}\u0000${a}\u0000${category}`)}`;
}

export type FindingInput = Omit<Finding, 'id'> & { category: string };

export function makeFinding(input: FindingInput): Finding {
  return { id: findingId(input.ruleId, input.action, input.category), ...input };
}

export function severityRank(s: FindingSeverity): number {
  return SEVERITIES.indexOf(s);
}

/**
 * Merge findings with the same id (a fuzz run hits one weakness many times): the highest
 * severity wins, frames are concatenated without duplicates up to maxFrames, and the first
 * replay/caseId is kept. Order follows first occurrence, so the output is deterministic.
 */
export function mergeFindings(findings: readonly Finding[], maxFrames = 5): Finding[] {
  const byId = new Map<string, Finding>();
  for (const f of findings) {
    const prev = byId.get(f.id);
    if (!prev) {
      byId.set(f.id, { ...f, frames: f.frames.slice(0, maxFrames) });
      continue;
    }
    const frames = [...prev.frames];
    for (const fr of f.frames) if (frames.length < maxFrames && !frames.includes(fr)) frames.push(fr);
    const worse = severityRank(f.severity) > severityRank(prev.severity);
    byId.set(f.id, {
      ...prev,
      ...(worse ? { severity: f.severity, title: f.title, hint: f.hint } : {}),
      frames,
      replay: prev.replay ?? f.replay,
      caseId: prev.caseId ?? f.caseId,
    });
  }
  return [...byId.values()];
}

/** Quote a string for a POSIX shell (single quotes; embedded ones closed and escaped). */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A replay command using websocat (any WebSocket CLI would do): sends the frames, one per
 * line, over a connection that offers the given subprotocol.
 */
export function replayCommand(frames: readonly string[], target: { url: string; subprotocol: string }): string {
  const lines = frames.map(shellQuote).join(' ');
  return `printf '%s\\n' ${lines} | websocat --protocol ${shellQuote(target.subprotocol)} ${shellQuote(target.url)}`;
}

/** Weakness classes of authentication: at security profile 0 the run declared it uses none. */
const AUTHENTICATION_CWES = ['CWE-287', 'CWE-306'];

/**
 * The severity of a finding, from the case's severity, the level of the requirement it names and
 * the declared security profile: a SHOULD is at most low (a SHOULD never fails a case; a finding
 * on one is advice); a MUST takes the case's severity (medium when it names none); at profile 0,
 * declared for a lab without authentication, an authentication weakness is at most medium, since
 * the exposure is the one the profile declares rather than a bypass of a configured control.
 */
export function findingSeverity(o: {
  caseSeverity?: FindingSeverity;
  level?: 'MUST' | 'SHOULD';
  cwe?: string;
  securityProfile?: number;
}): FindingSeverity {
  const cap = (s: FindingSeverity, max: FindingSeverity) => (severityRank(s) > severityRank(max) ? max : s);
  let severity = o.caseSeverity ?? 'medium';
  if (o.level === 'SHOULD') severity = cap(severity, 'low');
  if (o.securityProfile === 0 && o.cwe !== undefined && AUTHENTICATION_CWES.includes(o.cwe)) severity = cap(severity, 'medium');
  return severity;
}
