import { versionFacts } from '../protocol/version-facts.js';
import { type Finding, makeFinding, replayCommand } from '../core/findings.js';
import type { OcppVersion } from '../core/versions.js';
import { type Mutation, expectedErrorCodes, malformationOfMutation } from './mutate.js';
import { judgeErrorCode } from '../protocol/error-expectations.js';

/** What the SUT did with one mutation, as observed by the transport side. */
export type Outcome =
  | { kind: 'callresult' }
  | { kind: 'callerror'; errorCode: string }
  /** The SUT closed the WebSocket. */
  | { kind: 'close'; code?: number }
  /** No answer within the timeout, connection still up. */
  | { kind: 'silence' }
  /** The SUT stopped answering a liveness probe, crashed, or refused to reconnect. */
  | { kind: 'unresponsive'; detail?: string };

export interface JudgeOptions {
  /** When given, findings carry a websocat replay command for this endpoint. */
  target?: { url: string; subprotocol: string };
  /** A shrunk frame to report first (from shrink()). */
  shrunk?: string;
}

/**
 * The OCPP-J section each fuzzer rule rests on, in the 1.6J spec and in 2.0.1 Part 4 (2.1 keeps
 * that numbering): a finding names it as its requirement. A rule the specifications leave open
 * (hostile values, message size) names its catalogue rule instead.
 */
const SPEC_SECTION: Record<string, { v16: string; v2: string }> = {
  'SEC-RPC-01': { v16: 'OCPPJ16-4.1.2', v2: 'OCPPJ20-4.1.2' },
  'SEC-RPC-02': { v16: 'OCPPJ16-4.2.1', v2: 'OCPPJ20-4.2.1' },
  'SEC-RPC-03': { v16: 'OCPPJ16-4.1.3', v2: 'OCPPJ20-4.1.3' },
  'SEC-RPC-04': { v16: 'OCPPJ16-4.1.4', v2: 'OCPPJ20-4.1.4' },
  'SEC-RPC-05': { v16: 'OCPPJ16-4.2.3', v2: 'OCPPJ20-4.1.7' },
  'SEC-RPC-06': { v16: 'OCPPJ16-4.2.3', v2: 'OCPPJ20-4.3' },
  'SEC-RPC-08': { v16: 'OCPPJ16-4.1.4', v2: 'OCPPJ20-4.1.4' },
  'SEC-RPC-09': { v16: 'OCPPJ16-4.2.2', v2: 'OCPPJ20-4.2.2' },
};

/** The registry id a finding of this rule violates on this version. */
function findingRequirement(version: OcppVersion, ruleId: string): string {
  const section = SPEC_SECTION[ruleId];
  if (!section) return ruleId;
  return versionFacts(version).family === '1.6' ? section.v16 : section.v2;
}

const CWE_FOR_CRASH: Record<string, string> = { nesting: 'CWE-674', size: 'CWE-770', replay: 'CWE-294' };

/**
 * Turns one observation into a finding, or undefined when the SUT behaved acceptably. The
 * finding id combines rule, action, the mutation category and the kind of misbehaviour, so a
 * run that hits the same weakness many times produces one id (merge with mergeFindings).
 */
export function judge(version: OcppVersion, mutation: Mutation, outcome: Outcome, opts: JudgeOptions = {}): Finding | undefined {
  const codes = expectedErrorCodes(version, mutation);
  const m = mutation;
  const frames = [...(opts.shrunk && opts.shrunk !== m.frame ? [opts.shrunk] : []), ...(m.setup ?? []), m.frame];
  const base = {
    ruleId: m.ruleId,
    requirement: findingRequirement(version, m.ruleId),
    frames,
    caseId: m.id,
    action: m.action,
    ...(opts.target ? { replay: replayCommand([...(m.setup ?? []), opts.shrunk ?? m.frame], opts.target) } : {}),
  };
  const finding = (problem: string, severity: Finding['severity'], title: string, hint: string, cwe?: string): Finding =>
    makeFinding({ ...base, category: `${m.category}:${problem}`, severity, title, hint, ...(cwe ? { cwe } : {}) });

  if (outcome.kind === 'unresponsive') {
    return finding(
      'crash',
      'high',
      `SUT became unresponsive after ${m.description}`,
      `Validate and bound input before processing it; a single ${m.mutator} frame must not take the service down${outcome.detail ? ` (${outcome.detail})` : ''}.`,
      CWE_FOR_CRASH[m.category] ?? 'CWE-20',
    );
  }
  if (m.expectation === 'no-response') {
    if (outcome.kind === 'callresult' || outcome.kind === 'callerror') {
      return finding(
        'answered-send',
        'low',
        'SUT answered a SEND message',
        'A 2.1 SEND [6] must never be answered, not even with a CALLERROR when it is invalid.',
      );
    }
    return undefined;
  }
  if (m.expectation === 'survive') {
    if (outcome.kind === 'callerror' && outcome.errorCode === 'InternalError') {
      return finding(
        'internal-error',
        'info',
        `InternalError for ${m.description}`,
        'An InternalError usually means an unhandled exception; reject hostile values explicitly.',
        'CWE-248',
      );
    }
    return undefined;
  }
  // expectation: callerror | close-or-callerror
  switch (outcome.kind) {
    case 'callresult':
      return finding(
        'accepted',
        'medium',
        `SUT accepted an invalid message (${m.description})`,
        `Reject it with one of ${codes.join(', ')} before executing anything.`,
        'CWE-20',
      );
    case 'callerror': {
      // The error-code table decides where it has a row: the prescribed code passes, another
      // fitting code of the version is an info finding, a wrong one (other spelling, wrong family) low.
      const row = malformationOfMutation(m);
      if (row) {
        const j = judgeErrorCode(version, row, outcome.errorCode);
        if (j.grade === 'exact') return undefined;
        return finding(
          j.grade === 'fitting' ? 'fitting-code' : 'wrong-code',
          j.grade === 'fitting' ? 'info' : 'low',
          `${j.grade === 'fitting' ? 'Imprecise' : 'Unexpected'} CALLERROR ${outcome.errorCode} for ${m.description}`,
          j.text,
        );
      }
      if (codes.includes(outcome.errorCode)) return undefined;
      return finding(
        'wrong-code',
        'low',
        `Unexpected CALLERROR ${outcome.errorCode} for ${m.description}`,
        `Answer with one of ${codes.join(', ')}.`,
      );
    }
    case 'close':
      if (m.expectation === 'close-or-callerror') return undefined;
      return finding(
        'closed',
        'low',
        `SUT closed the connection on ${m.description}`,
        'A schema or action error deserves a CALLERROR; closing the session drops every other exchange with the peer.',
      );
    case 'silence':
      if (m.silenceAllowed) return undefined;
      return finding(
        'no-answer',
        'low',
        `No answer to ${m.description}`,
        `Answer with a CALLERROR (${codes.join(', ')}) so the sender does not wait for a timeout.`,
      );
  }
}
