/**
 * Deviations of the independent 1.6 judge charge point (station16.ts) for the second batch of
 * OCTT `_CS` cases of issue 16: the connector hardware faults the judge cannot simulate, and the
 * offline behaviour it does not implement.
 */
import type { VerdictName } from '../../src/core/verdict.js';

export const EXPECTED_CS_REST16B: Record<string, { verdict: VerdictName; reason: string }> = {
  TC_024_CS: {
    verdict: 'inconclusive',
    reason: 'the judge charge point cannot simulate a connector lock failure (manual action cableLockFailure)',
  },
  TC_030_CS: { verdict: 'inconclusive', reason: 'the judge charge point cannot jam its connector lock (manual action unlockFailure)' },
};

export const NOT_JUDGED_CS_REST16B: Record<string, string> = {};
