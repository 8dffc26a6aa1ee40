/**
 * Typed verdicts, decided where the judgement is made. Each variant carries exactly the fields
 * that explain it: a fail always names the violated requirement and what was expected.
 */
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export type Verdict =
  | { verdict: 'pass' }
  /** `relaxed`: requirements a lenient run relaxed (known interop quirks), each also in `notes`. */
  | { verdict: 'pass-non-strict'; notes: string[]; relaxed?: string[] }
  | { verdict: 'fail'; requirement: string; expected: string[]; actual: string; message: string }
  | { verdict: 'inconclusive'; reason: string }
  | { verdict: 'not-applicable'; reason: string }
  | { verdict: 'skipped'; reason: string }
  | { verdict: 'error'; reason: string; stack?: string };

export type VerdictName = Verdict['verdict'];

export const VERDICT_NAMES: readonly VerdictName[] = [
  'pass',
  'pass-non-strict',
  'fail',
  'inconclusive',
  'not-applicable',
  'skipped',
  'error',
];

/** A check the SUT failed. Thrown from expectations, caught by the runner, turned into a fail. */
export class CaseFailure extends Error {
  constructor(
    readonly requirement: string,
    readonly expected: string[],
    readonly actual: string,
    message?: string,
  ) {
    super(message ?? `${requirement}: expected ${expected.join(' or ')}, got ${actual}`);
    this.name = 'CaseFailure';
  }
}

/** The case could not decide (a manual step was not done, the SUT never connected). */
export class CaseInconclusive extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CaseInconclusive';
  }
}

/**
 * The SUT was not reached at all (nothing listening, no route, unknown host, TCP never connected)
 * when the case expected to connect: an outage, never a verdict on the SUT. The runner re-checks
 * once and stops starting cases against a SUT that is still down.
 */
export class SutUnreachable extends CaseInconclusive {
  constructor(readonly detail: string) {
    super(`the SUT was not reachable: ${detail}`);
    this.name = 'SutUnreachable';
  }
}

/** The case does not apply to this SUT (an undeclared feature, a declared deviation). */
export class CaseNotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CaseNotApplicable';
  }
}

export function verdictFromError(err: unknown): Verdict {
  if (err instanceof CaseFailure) {
    return { verdict: 'fail', requirement: err.requirement, expected: err.expected, actual: err.actual, message: err.message };
  }
  if (err instanceof CaseInconclusive) return { verdict: 'inconclusive', reason: err.reason };
  if (err instanceof CaseNotApplicable) return { verdict: 'not-applicable', reason: err.reason };
  const e = err instanceof Error ? err : new Error(String(err));
  return { verdict: 'error', reason: e.message, stack: e.stack };
}

/** Exit-code relevant rank: fail beats inconclusive/error beats everything else. */
export function exitCodeFor(verdicts: VerdictName[]): 0 | 1 | 2 {
  if (verdicts.includes('fail')) return 1;
  if (verdicts.includes('inconclusive') || verdicts.includes('error')) return 2;
  return 0;
}
