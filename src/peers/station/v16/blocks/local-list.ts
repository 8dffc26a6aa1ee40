import type { Payload } from '../../../rpc.js';
import type { ChargePoint16 } from '../charge-point.js';

/**
 * Local Auth List Management in the 1.6 reference charge point (OCPP 1.6 §5.10, §5.15):
 * GetLocalListVersion reports the version of the stored list (0 when there is none), SendLocalList
 * replaces it (Full) or changes it (Differential: only to a higher version; an entry without
 * idTagInfo is removed). More entries than SendLocalListMaxLength, or a list that would outgrow
 * LocalAuthListMaxLength, is Failed.
 */

export function onGetLocalListVersion(cp: ChargePoint16): Payload {
  const version = cp.localList.size === 0 && cp.faults.has('local-list-version-not-zero') ? 1 : cp.localListVersion;
  return { listVersion: version };
}

export function onSendLocalList(cp: ChargePoint16, p: Payload): Payload {
  const entries = Array.isArray(p.localAuthorizationList) ? (p.localAuthorizationList as Payload[]) : [];
  const version = Number(p.listVersion);
  if (entries.length > cp.cfg.int('SendLocalListMaxLength')) return { status: 'Failed' };
  const next = new Map(p.updateType === 'Full' ? [] : cp.localList);
  if (p.updateType === 'Differential' && version <= cp.localListVersion && !cp.faults.has('local-list-differential-version-unchecked'))
    return { status: 'VersionMismatch' };
  for (const e of entries) {
    const idTag = String(e.idTag);
    if (e.idTagInfo === undefined) next.delete(idTag);
    else next.set(idTag, e.idTagInfo as Payload);
  }
  if (next.size > cp.cfg.int('LocalAuthListMaxLength')) return { status: 'Failed' };
  cp.localList.clear();
  for (const [k, v] of next) cp.localList.set(k, v);
  if (!cp.faults.has('local-list-version-not-stored')) cp.localListVersion = next.size === 0 ? 0 : version;
  return { status: 'Accepted' };
}
