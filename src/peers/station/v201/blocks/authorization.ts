import type { Payload } from '../../../rpc.js';
import type { CacheEntry, IdToken, StationState, Tx } from '../state.js';
import { isOperative } from './availability.js';
import { stopCharging } from './meter-values.js';
import { authorizeSession, deauthorize, endTx, stopsOn } from './transactions.js';

/**
 * Block C (authorization). A token presented at the station is authorized with the CSMS. With
 * AuthCacheCtrlr.Enabled the station remembers every idTokenInfo the CSMS gives, in Authorize and
 * TransactionEvent responses (C10), until its cacheExpiryDateTime or AuthCacheCtrlr.LifeTime;
 * the cache survives reboots and ClearCache empties it (C11). A cached Accepted token starts at
 * once with AuthCtrlr.LocalPreAuthorize (no Authorize, C12) and while offline with
 * AuthCtrlr.LocalAuthorizeOffline; a cached token that is not Accepted is asked about again
 * unless AuthCacheCtrlr.DisablePostAuthorize. Another token of the transaction's group stops it
 * (C09); a token of AuthCtrlr.MasterPassGroupId stops every transaction and starts none (C16).
 * A running transaction whose token the CSMS refuses in a TransactionEventResponse is
 * deauthorized (TxCtrlr.StopTxOnInvalidId true) or only stops charging (false).
 */

const key = (t: IdToken) => `${t.type}:${t.idToken}`;
const cacheOn = (st: StationState) => st.dm.bool('AuthCacheCtrlr', 'Enabled');

/** What the station concluded about a token, and the group the CSMS (or the cache) put it in. */
export interface TokenVerdict {
  accepted: boolean;
  groupId?: string;
}

/** The token's cache entry while it is valid; an expired one is dropped. */
export function cachedEntry(st: StationState, token: IdToken): CacheEntry | undefined {
  if (!cacheOn(st)) return undefined;
  const entry = st.authCache.get(key(token));
  if (entry && entry.expiresAt <= st.o.clock.now()) {
    st.authCache.delete(key(token));
    return undefined;
  }
  return entry;
}

/** Remembers what the CSMS said about a token: its group always, its status in the cache when enabled. */
function learn(st: StationState, token: IdToken, info: Payload): void {
  const groupId = (info.groupIdToken as IdToken | undefined)?.idToken;
  if (groupId) st.tokenGroups.set(key(token), groupId);
  if (!cacheOn(st) || typeof info.status !== 'string') return;
  const expiry = typeof info.cacheExpiryDateTime === 'string' ? Date.parse(info.cacheExpiryDateTime) : Number.NaN;
  const lifeMs = st.faults.has('cache-lifetime-ignored') ? 2 ** 40 : st.dm.int('AuthCacheCtrlr', 'LifeTime') * 1000;
  st.authCache.set(key(token), {
    status: info.status,
    groupId,
    expiresAt: Number.isFinite(expiry) ? expiry : st.o.clock.now() + lifeMs,
  });
}

/** Asks the CSMS (or the cache, where the configuration allows) whether the token is accepted. */
export async function authorizeToken(st: StationState, idToken: IdToken): Promise<TokenVerdict> {
  const entry = cachedEntry(st, idToken);
  const online = st.rpc !== undefined && !st.rpc.closed;
  if (!online) {
    if (entry) return { accepted: entry.status === 'Accepted' && st.dm.bool('AuthCtrlr', 'LocalAuthorizeOffline'), groupId: entry.groupId };
    return { accepted: st.dm.bool('AuthCtrlr', 'OfflineTxForUnknownIdEnabled') };
  }
  const preAuthorize = st.faults.has('cache-preauthorize-always') || st.dm.bool('AuthCtrlr', 'LocalPreAuthorize');
  if (entry?.status === 'Accepted' && preAuthorize && !st.faults.has('cache-preauthorize-ignored'))
    return { accepted: true, groupId: entry.groupId };
  if (entry && entry.status !== 'Accepted') {
    // Post-authorize (C10.FR.03, C12.FR.05): ask again unless disabled.
    const ask = !st.dm.bool('AuthCacheCtrlr', 'DisablePostAuthorize') || st.faults.has('post-authorize-not-disabled');
    if (!ask || st.faults.has('cache-post-authorize-skipped')) return { accepted: false, groupId: entry.groupId };
  }
  const res = await st.send('Authorize', { idToken });
  const info = res?.idTokenInfo as Payload | undefined;
  if (!info) return { accepted: false };
  if (!st.faults.has('cache-not-updated-on-authorize')) learn(st, idToken, info);
  const accepted = info.status === 'Accepted' || st.faults.has('auth-not-accepted-starts');
  return { accepted, groupId: (info.groupIdToken as IdToken | undefined)?.idToken };
}

/** Whether a group is the master pass group (AuthCtrlr.MasterPassGroupId, C16). */
function isMasterPass(st: StationState, groupId: string | undefined): boolean {
  const master = st.dm.get('AuthCtrlr', 'MasterPassGroupId');
  return master !== '' && groupId === master;
}

/** A token other than the transaction's was presented during it: a master pass or a token of its group stops it. */
async function otherToken(st: StationState, tx: Tx, idToken: IdToken): Promise<void> {
  const v = await authorizeToken(st, idToken);
  if ((!v.accepted && !st.faults.has('group-stop-ignores-status')) || st.tx !== tx) return;
  if (isMasterPass(st, v.groupId)) {
    if (!st.faults.has('masterpass-ignored')) await endTx(st, 'StopAuthorized', 'MasterPass', idToken);
    return;
  }
  const txGroup = tx.idToken ? st.tokenGroups.get(key(tx.idToken)) : undefined;
  const sameGroup = txGroup !== undefined && v.groupId === txGroup;
  if (sameGroup ? !st.faults.has('group-stop-ignored') : st.faults.has('other-group-stops')) await deauthorize(st, idToken);
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
    await otherToken(st, tx, idToken);
    return;
  }
  if (!tx && !isOperative(st)) return;
  const v = await authorizeToken(st, idToken);
  if (!v.accepted || st.tx?.authorized) return;
  // A master pass only stops transactions (C16): it never starts one.
  if (isMasterPass(st, v.groupId) && !st.faults.has('masterpass-starts-tx')) return;
  authorizeSession(st, idToken, 'local');
}

/** The CSMS answered a TransactionEvent carrying a token: learn it, and act on a refusal of the running transaction's token (E05). */
export function txResponse(st: StationState, tx: Tx, idToken: IdToken, res: Payload): void {
  const info = res.idTokenInfo as Payload;
  if (!st.faults.has('cache-not-updated-on-tx-response')) learn(st, idToken, info);
  if (info.status === 'Accepted' || st.tx !== tx || !tx.authorized || !tx.idToken || key(tx.idToken) !== key(idToken)) return;
  const stop = st.dm.bool('TxCtrlr', 'StopTxOnInvalidId') !== st.faults.has('stop-tx-on-invalid-inverted');
  if (stop) {
    // Deauthorized: the transaction ends where the authorization holds it up, else it goes on without charging.
    if (stopsOn(st, 'authorization') || !st.plugged) {
      void endTx(st, 'Deauthorized', 'DeAuthorized');
      return;
    }
    tx.authorized = false;
    stopCharging(st);
    void st.txEvent('Updated', 'Deauthorized');
    return;
  }
  // StopTxOnInvalidId false: the transaction stays, the energy transfer stops.
  tx.suspended = true;
  stopCharging(st);
  void st.txEvent('Updated', 'ChargingStateChanged');
}

/** ClearCache (C11): empties an enabled cache; a disabled one is Rejected. */
export function clearCache(st: StationState): Payload {
  if (!cacheOn(st) && !st.faults.has('clearcache-accepted-when-disabled')) return { status: 'Rejected' };
  if (!st.faults.has('clearcache-keeps-entries')) st.authCache.clear();
  return { status: 'Accepted' };
}
