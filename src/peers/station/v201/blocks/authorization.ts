import type { Payload } from '../../../rpc.js';
import type { IdToken, StationState } from '../state.js';
import { isOperative } from './availability.js';
import { authorizeSession, deauthorize } from './transactions.js';

/**
 * Block C (authorization): a token presented at the station is authorized with the CSMS. With
 * AuthCacheCtrlr.Enabled the station remembers the CSMS's answers (C10); a cached Accepted token
 * starts at once with AuthCtrlr.LocalPreAuthorize (no Authorize sent), and while offline with
 * AuthCtrlr.LocalAuthorizeOffline (C10, C12).
 */

const cacheKey = (t: IdToken) => `${t.type}:${t.idToken}`;

/** Asks the CSMS (or the cache, where the configuration allows) whether the token is accepted. */
export async function authorizeToken(st: StationState, idToken: IdToken): Promise<boolean> {
  const cacheOn = st.dm.bool('AuthCacheCtrlr', 'Enabled');
  const cached = cacheOn ? st.authCache.get(cacheKey(idToken)) : undefined;
  const online = st.rpc !== undefined && !st.rpc.closed;
  if (cached === 'Accepted' && online && st.dm.bool('AuthCtrlr', 'LocalPreAuthorize')) return true;
  if (!online) return cached === 'Accepted' && st.dm.bool('AuthCtrlr', 'LocalAuthorizeOffline');
  const res: Payload | undefined = await st.send('Authorize', { idToken });
  const status = res?.idTokenInfo?.status as string | undefined;
  if (cacheOn && status) st.authCache.set(cacheKey(idToken), status);
  return status === 'Accepted';
}

export async function presentIdToken(st: StationState, idToken: IdToken): Promise<void> {
  if (st.bootState !== 'accepted') return;
  const tx = st.tx;
  if (tx?.authorized) {
    if (tx.idToken?.idToken === idToken.idToken && tx.idToken.type === idToken.type) {
      // The same token again: the driver ends the session locally (no new authorization needed).
      if (!st.faults.has('local-stop-ignored')) await deauthorize(st);
      return;
    }
    await st.send('Authorize', { idToken });
    return;
  }
  if (!tx && !isOperative(st)) return;
  if (!(await authorizeToken(st, idToken)) || st.tx?.authorized) return;
  authorizeSession(st, idToken, 'local');
}
