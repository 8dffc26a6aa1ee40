/**
 * Deviations of the independent 1.6 judge charge point (station16.ts) for the remaining OCTT
 * `_CS` cases of issue 16: what the judge does not implement (left out of the plan), and the
 * optional configuration keys it does not report (the case is then not applicable there).
 */
import type { VerdictName } from '../../src/core/verdict.js';

const NO_SMART_CHARGING =
  'the judge charge point implements no smart charging (SetChargingProfile, ClearChargingProfile, GetCompositeSchedule are NotImplemented)';
const NO_TIMEOUT = 'the judge charge point keeps an authorization that waits for the cable for ever (no ConnectionTimeOut timer)';
const NO_CACHE_KEY = 'the judge charge point does not report the optional key AuthorizationCacheEnabled';
const NO_LIST_KEY = 'the judge charge point does not report the optional key LocalAuthListEnabled';
const NO_ZERO_KEY = 'the judge charge point does not report the optional key ReserveConnectorZeroSupported';

export const EXPECTED_CS_REST16: Record<string, { verdict: VerdictName; reason: string }> = {
  TC_007_1_CS: { verdict: 'not-applicable', reason: NO_CACHE_KEY },
  TC_007_2_CS: { verdict: 'not-applicable', reason: NO_CACHE_KEY },
  TC_061_1_CS: { verdict: 'not-applicable', reason: NO_CACHE_KEY },
  TC_061_2_CS: { verdict: 'not-applicable', reason: NO_CACHE_KEY },
  TC_008_1_CS: { verdict: 'not-applicable', reason: NO_LIST_KEY },
  TC_008_2_CS: { verdict: 'not-applicable', reason: NO_LIST_KEY },
  TC_050_2_CS: { verdict: 'not-applicable', reason: NO_ZERO_KEY },
  TC_050_3_CS: { verdict: 'not-applicable', reason: NO_ZERO_KEY },
  TC_050_4_CS: { verdict: 'not-applicable', reason: NO_ZERO_KEY },
};

export const NOT_JUDGED_CS_REST16: Record<string, string> = {
  TC_004_2_CS: NO_TIMEOUT,
  TC_011_2_CS: NO_TIMEOUT,
  TC_005_3_CS:
    'the judge charge point has no SuspendedEV: with StopTransactionOnEVSideDisconnect false it reports nothing when the EV unplugs',
  TC_023_5_CS: 'the judge charge point does not implement AuthorizeRemoteTxRequests (a remote start is never authorized first)',
  TC_032_2_CS: 'the judge charge point forgets a transaction cut off by a reboot (no StopTransaction with reason PowerLoss after it)',
  TC_071_CS: 'the judge charge point sends no clock-aligned meter values (ClockAlignedDataInterval is only stored)',
  TC_056_CS: NO_SMART_CHARGING,
  TC_057_CS: NO_SMART_CHARGING,
  TC_058_1_CS: NO_SMART_CHARGING,
  TC_058_2_CS: NO_SMART_CHARGING,
  TC_059_CS: NO_SMART_CHARGING,
  TC_060_CS: NO_SMART_CHARGING,
  TC_066_CS: NO_SMART_CHARGING,
  TC_067_CS: NO_SMART_CHARGING,
  TC_072_CS: NO_SMART_CHARGING,
  TC_082_CS: NO_SMART_CHARGING,
};
