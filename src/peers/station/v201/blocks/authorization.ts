import type { IdToken, StationState } from '../state.js';
import { isOperative } from './availability.js';
import { awaitCable, endTx, startTx } from './transactions.js';

/** Block C (authorization): a token presented at the station is authorized with the CSMS. */

export async function presentIdToken(st: StationState, idToken: IdToken): Promise<void> {
  if (st.bootState !== 'accepted') return;
  if (st.tx) {
    if (st.tx.idToken.idToken === idToken.idToken && st.tx.idToken.type === idToken.type) {
      // The same token again: the driver ends the session locally (no new authorization needed).
      if (!st.faults.has('local-stop-ignored')) await endTx(st, 'StopAuthorized', 'Local');
      return;
    }
    await st.send('Authorize', { idToken });
    return;
  }
  if (!isOperative(st)) return;
  const res = await st.send('Authorize', { idToken });
  if (res?.idTokenInfo?.status !== 'Accepted' || st.tx) return;
  if (st.plugged) startTx(st, 'Authorized', idToken);
  else awaitCable(st, idToken, 'local');
}
