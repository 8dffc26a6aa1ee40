import type { Payload } from '../../../rpc.js';
import type { CentralSystem16, OperatorRequest, StationSession } from '../central-system.js';

/**
 * Authorization in the 1.6 reference central system (sections Authorization and Cache): the
 * configured idTags are Accepted, Blocked or Expired, any other is Invalid; the operator's
 * ClearCache.
 */

type IdTagStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';

/** The authorization status of an idTag from the configured tokens. */
export function statusOf(cs: CentralSystem16, idTag: string): IdTagStatus {
  const ids = cs.o.config.ids;
  if (idTag === ids.validIdToken.idToken) return 'Accepted';
  if (idTag === ids.blockedIdToken.idToken) return 'Blocked';
  if (idTag === ids.expiredIdToken.idToken) return 'Expired';
  return 'Invalid';
}

export function idTagInfo(cs: CentralSystem16, status: IdTagStatus): Payload {
  const info: Payload = { status };
  if (status === 'Expired') info.expiryDate = new Date(cs.o.clock.now() - 86_400_000).toISOString();
  return info;
}

export function onAuthorize(cs: CentralSystem16, s: StationSession, p: Payload): Payload {
  const ids = cs.o.config.ids;
  const idTag = String(p.idTag);
  let status = statusOf(cs, idTag);
  if (idTag === ids.validIdToken.idToken && cs.faults.has('authorize-valid-invalid')) status = 'Invalid';
  if (idTag === ids.expiredIdToken.idToken && cs.faults.has('authorize-expired-accepted')) status = 'Accepted';
  if (idTag === ids.blockedIdToken.idToken && cs.faults.has('authorize-blocked-accepted')) status = 'Accepted';
  if (statusOf(cs, idTag) === 'Invalid' && cs.faults.has('authorize-invalid-accepted')) status = 'Accepted';
  if (status === 'Accepted') s.authorized.add(idTag);
  return { idTagInfo: idTagInfo(cs, status) };
}

export function clearCacheRequest(cs: CentralSystem16): OperatorRequest {
  return cs.faults.has('clearcache-not-sent') ? { skip: true } : { payload: {} };
}
