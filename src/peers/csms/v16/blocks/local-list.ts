import type { Payload } from '../../../rpc.js';
import type { CentralSystem16, OperatorRequest } from '../central-system.js';
import { idTagInfo, statusOf } from './authorization.js';

/**
 * Local Auth List Management in the 1.6 reference central system (OCPP 1.6 §5.10, §5.15): the
 * operator's GetLocalListVersion, and SendLocalList built from the configured idTags: a Full
 * update lists every configured idTag with its status, a Differential one adds the valid idTag.
 * The version goes up by one with every list sent to a charge point.
 */

export function getLocalListVersionRequest(cs: CentralSystem16): OperatorRequest {
  return cs.faults.has('getlocallistversion-not-sent') ? { skip: true } : { payload: {} };
}

export function sendLocalListRequest(cs: CentralSystem16, identity: string, d: Record<string, unknown>): OperatorRequest {
  const updateType = d.updateType === 'Differential' ? 'Differential' : 'Full';
  const ids = cs.o.config.ids;
  const listVersion = (cs.localListVersion.get(identity) ?? 0) + 1;
  cs.localListVersion.set(identity, listVersion);
  const tags = updateType === 'Full' ? [ids.validIdToken, ids.blockedIdToken, ids.expiredIdToken] : [ids.validIdToken];
  const bare = updateType === 'Full' && cs.faults.has('sendlocallist-full-without-idtaginfo');
  const localAuthorizationList: Payload[] = tags.map(({ idToken }) =>
    bare ? { idTag: idToken } : { idTag: idToken, idTagInfo: idTagInfo(cs, statusOf(cs, idToken)) },
  );
  const sentType = updateType === 'Differential' && cs.faults.has('sendlocallist-differential-as-full') ? 'Full' : updateType;
  return { payload: { listVersion, updateType: sentType, localAuthorizationList } };
}
