import { randomBytes, randomInt } from 'node:crypto';
import type { Payload } from '../../../rpc.js';
import type { CentralSystem16, OperatorRequest } from '../central-system.js';
import type { Profile } from '../connection.js';

/**
 * Security profiles in the 1.6 reference central system (whitepaper A01 and A05): the operator's
 * ChangeConfiguration of AuthorizationKey (a new Basic-auth password) and SecurityProfile (only
 * upwards). What the charge point answers decides which credentials the handshake accepts next
 * (see Credentials16 in connection.ts).
 */

/** ChangeConfiguration of a whitepaper key; undefined for any other key (the configuration block's). */
export function securityKeyRequest(cs: CentralSystem16, identity: string, d: Record<string, unknown>): OperatorRequest | undefined {
  const creds = cs.credentials;
  if (d.key === 'AuthorizationKey') {
    const active = creds.profileOf(identity);
    if (active !== 1 && active !== 2)
      return { error: `AuthorizationKey is the Basic-auth password of profiles 1 and 2; ${identity} is on profile ${active}` };
    // 16 to 20 random bytes, hex encoded (A00.FR.205 / 1.6 whitepaper AuthorizationKey).
    const value = typeof d.value === 'string' && d.value !== '' ? d.value : randomBytes(randomInt(16, 21)).toString('hex');
    creds.pendingPasswords.set(identity, value);
    return { payload: { key: 'AuthorizationKey', value }, secret: true };
  }
  if (d.key === 'SecurityProfile') {
    const value = Number(d.value);
    const active = creds.profileOf(identity);
    if (!Number.isInteger(value) || value < 0 || value > 3) return { error: 'ChangeConfiguration SecurityProfile needs a value 0 to 3' };
    if (value <= active) return { error: `the reference central system only raises the security profile (${identity} is on ${active})` };
    if (value >= 2 && !creds.tlsChoice()) return { error: 'the reference central system has no TLS certificates for profile 2/3' };
    creds.pendingProfiles.set(identity, value as Profile);
    return { payload: { key: 'SecurityProfile', value: String(value) } };
  }
  return undefined;
}

/** The charge point answered a ChangeConfiguration: applies (or drops) the announced credential. */
export function onSecurityKeyAnswer(cs: CentralSystem16, identity: string, message: string, request: Payload, response: Payload): void {
  const creds = cs.credentials;
  if (message === 'ChangeConfiguration' && request.key === 'AuthorizationKey') {
    const next = creds.pendingPasswords.get(identity);
    creds.pendingPasswords.delete(identity);
    if (response.status === 'Accepted' && next !== undefined && next === request.value) {
      const old = creds.passwordOf(identity);
      if (old !== undefined) creds.retiredPasswords.set(identity, [...(creds.retiredPasswords.get(identity) ?? []), old]);
      creds.passwords.set(identity, next);
      cs.log(`${identity}: new AuthorizationKey accepted; the previous password is no longer valid`);
    } else cs.log(`${identity}: AuthorizationKey change answered ${response.status}; the current password stays`);
  }
  if (message === 'ChangeConfiguration' && request.key === 'SecurityProfile') {
    const p = creds.pendingProfiles.get(identity);
    creds.pendingProfiles.delete(identity);
    if (response.status === 'Accepted' && p !== undefined) {
      creds.profiles.set(identity, p);
      cs.log(`${identity}: security profile raised to ${p}; lower profiles are refused from now on`);
    }
  }
}

/** A ChangeConfiguration failed (timeout, closed): the announced credential is dropped. */
export function onSecurityKeyFailure(cs: CentralSystem16, identity: string, message: string, request: Payload): void {
  if (message === 'ChangeConfiguration' && request.key === 'AuthorizationKey') cs.credentials.pendingPasswords.delete(identity);
  if (message === 'ChangeConfiguration' && request.key === 'SecurityProfile') cs.credentials.pendingProfiles.delete(identity);
}
