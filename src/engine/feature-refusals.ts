import { featureOfAction, type FeatureSpec } from '../core/features.js';
import type { OcppVersion } from '../core/versions.js';
import type { Verdict } from '../core/verdict.js';
import type { WireDirection } from './events.js';

/** CALLERROR codes and response statuses with which a SUT says it lacks a feature. */
const REFUSAL_CODES = ['NotImplemented', 'NotSupported'];

export interface FeatureRefusal {
  feature: FeatureSpec;
  action: string;
  /** The SUT's answer, in words ("CALLERROR NotImplemented", "status NotSupported"). */
  answer: string;
}

/**
 * Watches a case's wire traffic for the SUT refusing a call of an optional feature the config
 * does not declare (PICS): CALLERROR NotImplemented/NotSupported, or a response whose status is
 * NotSupported/NotImplemented. A case that then fails did not find a deviation but a feature the
 * SUT does not have: it is not-applicable, naming the feature. Refusals of declared features are
 * not collected, so they stay the fail the case gives.
 */
export class FeatureRefusals {
  /** Message id -> action of the CALLs the harness sent. */
  private readonly sent = new Map<string, string>();
  readonly refusals: FeatureRefusal[] = [];

  constructor(
    private readonly version: OcppVersion,
    private readonly declared: readonly string[],
  ) {}

  /** Every frame of the case, as recorded. */
  observe(dir: WireDirection, text: string): void {
    const frame = parseArray(text);
    if (!frame || typeof frame[1] !== 'string') return;
    if (dir === 'out' && frame[0] === 2 && typeof frame[2] === 'string') {
      this.sent.set(frame[1], frame[2]);
      return;
    }
    if (dir !== 'in' || (frame[0] !== 3 && frame[0] !== 4)) return;
    const action = this.sent.get(frame[1]);
    if (action === undefined) return;
    this.sent.delete(frame[1]);
    const answer = refusalOf(frame);
    const feature = answer === undefined ? undefined : featureOfAction(this.version, action);
    if (answer === undefined || !feature || this.declared.includes(feature.id)) return;
    this.refusals.push({ feature, action, answer });
  }

  /** A fail after a refusal of an undeclared feature becomes not-applicable naming the feature. */
  judge(result: Verdict): Verdict {
    const first = this.refusals[0];
    if (result.verdict !== 'fail' || !first) return result;
    const { feature, action, answer } = first;
    return {
      verdict: 'not-applicable',
      reason:
        `the SUT answered ${action} with ${answer}: it does not implement the optional feature ${feature.id} (${feature.title}), ` +
        `which the configuration does not declare (add "${feature.id}" to "features" to have it judged); the case then failed on ${result.requirement}`,
    };
  }
}

function parseArray(text: string): unknown[] | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function refusalOf(frame: unknown[]): string | undefined {
  if (frame[0] === 4) return REFUSAL_CODES.includes(String(frame[2])) ? `CALLERROR ${String(frame[2])}` : undefined;
  const payload = frame[2];
  const status = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>).status : undefined;
  return typeof status === 'string' && REFUSAL_CODES.includes(status) ? `status ${status}` : undefined;
}
