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
  if (idTag === ids.validIdToken.idToken || idTag === ids.validIdToken2.idToken) return 'Accepted';
  if (idTag === ids.blockedIdToken.idToken) return 'Blocked';
  if (idTag === ids.expiredIdToken.idToken) return 'Expired';
  return 'Invalid';
}

/** The parent idTag (group) the configuration gives an idTag: validIdToken and validIdToken2 share groupIdToken. */
export function parentOf(cs: CentralSystem16, idTag: string): string | undefined {
  const ids = cs.o.config.ids;
  return idTag === ids.validIdToken.idToken || idTag === ids.validIdToken2.idToken ? ids.groupIdToken.idToken : undefined;
}

export function idTagInfo(cs: CentralSystem16, status: IdTagStatus, idTag?: string): Payload {
  const info: Payload = { status };
  if (status === 'Expired') info.expiryDate = new Date(cs.o.clock.now() - 86_400_000).toISOString();
  // The parent lets a charge point match another idTag of the group to a reservation (§5.13).
  const parent = idTag === undefined || cs.faults.has('authorize-parent-omitted') ? undefined : parentOf(cs, idTag);
  if (parent !== undefined && status === 'Accepted') info.parentIdTag = parent;
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
  return { idTagInfo: idTagInfo(cs, status, idTag) };
}

export function clearCacheRequest(cs: CentralSystem16): OperatorRequest {
  return cs.faults.has('clearcache-not-sent') ? { skip: true } : { payload: {} };
}
