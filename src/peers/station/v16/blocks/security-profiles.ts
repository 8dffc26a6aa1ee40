import type { SecurityProfile } from '../../../../core/meta.js';
import type { Payload } from '../../../rpc.js';
import { AFTER_REPLY_MS, type ChargePoint16 } from '../charge-point.js';
import { redial } from '../connection.js';
import { securityEvent } from './security-log.js';

/**
 * Security profiles of the 1.6 reference charge point (whitepaper A01 and A05): a new
 * AuthorizationKey (the Basic-auth password) and a SecurityProfile upgrade, each followed by a
 * reconnect that uses it.
 */

/** ChangeConfiguration AuthorizationKey (A01): store the new password, then reconnect with it. */
export function changeAuthorizationKey(cp: ChargePoint16, value: string): Payload {
  if (!cp.faults.has('authorization-key-not-applied')) cp.authorizationKey = value;
  securityEvent(cp, 'ReconfigurationOfSecurityParameters', 'AuthorizationKey changed');
  if (cp.profile === 1 || cp.profile === 2) cp.later(AFTER_REPLY_MS, () => redial(cp));
  return { status: 'Accepted' };
}

/** What a profile needs that the charge point lacks (WP A05.FR.02-04), or undefined. */
function profilePrerequisite(cp: ChargePoint16, target: SecurityProfile): string | undefined {
  if ((target === 1 || target === 2) && !cp.authorizationKey) return 'no AuthorizationKey';
  if (target >= 2 && !cp.store.roots('CentralSystemRootCertificate').length) return 'no CentralSystemRootCertificate installed';
  if (target === 3 && !cp.client) return 'no charge point certificate';
  return undefined;
}

/** ChangeConfiguration SecurityProfile (A05): only upwards, only with the prerequisites; then reconnect on it. */
export function changeSecurityProfile(cp: ChargePoint16, target: SecurityProfile): Payload {
  const lower = target <= cp.profile;
  if (lower && !cp.faults.has('downgrades-profile')) return { status: 'Rejected' };
  const missing = lower ? undefined : profilePrerequisite(cp, target);
  if (missing) {
    cp.log(`SecurityProfile ${target} refused: ${missing}`);
    return { status: 'Rejected' };
  }
  cp.cfg.set('SecurityProfile', String(target));
  securityEvent(cp, 'ReconfigurationOfSecurityParameters', `SecurityProfile ${cp.profile} -> ${target}`);
  if (!cp.faults.has('security-profile-not-applied')) {
    cp.fallback = { profile: cp.profile, failures: 0 };
    cp.profile = target;
  }
  cp.later(AFTER_REPLY_MS, () => redial(cp));
  return { status: 'Accepted' };
}
