import type { Finding } from '../core/findings.js';
import type { Verdict } from '../core/verdict.js';

/**
 * A SUT whose process died on a frame: the connection ended abnormally (1006, a TCP reset) and
 * the SUT is not reachable afterwards (no reconnect, the listener gone). That is a crash, high
 * severity, never "closed 1006" at the case's own (possibly low) severity (issue 9, class 15).
 */
const ABNORMAL = /code 1006|ECONNRESET|socket hang up|terminated/i;

/** Why the case's outcome reads as a crash, given that the liveness probe after it failed; undefined otherwise. */
export function crashSeen(result: Verdict, closeCodes: readonly number[], liveDetail: string): string | undefined {
  const text = result.verdict === 'fail' ? `${result.actual} ${result.message}` : '';
  if (!ABNORMAL.test(text) && !closeCodes.includes(1006)) return undefined;
  return `the connection ended abnormally (1006 / reset) and the SUT is not reachable again (${liveDetail}): it crashed`;
}

/** The case's finding restated as a crash: at least high severity, the title saying so. */
export function asCrash(f: Finding, why: string): Finding {
  const severity = f.severity === 'critical' ? 'critical' : 'high';
  return { ...f, severity, title: `SUT crashed: ${f.title}`, hint: `${why}. ${f.hint ?? ''}`.trim() };
}
