import type { StationState } from '../state.js';
import { startCharging, stopCharging } from './meter-values.js';
import { endTx } from './transactions.js';

/**
 * Block E, the cable pulled out of the EV while its station-side plug stays in (E09, E10).
 * TxCtrlr.StopTxOnEVSideDisconnect decides: true deauthorizes the transaction (energy stops; a
 * stop point that needs the EV or the authorization ends it at once, EVCommunicationLost /
 * EVDisconnected; the station-side cable unlocks); false suspends it until the EV is connected
 * again. The station remembers which transaction lost its EV.
 */

const EV_OFF = new WeakMap<StationState, string>();

/** Stop points an EV-side disconnect with deauthorization takes away (ParkingBayOccupancy still holds: the EV is parked). */
const LOST_ON_EV_SIDE = ['EVConnected', 'Authorized', 'PowerPathClosed', 'EnergyTransfer'];

/** Why the EV side cannot be disconnected now, or undefined when it can. */
export function evSideRefusal(st: StationState, reconnect: boolean): string | undefined {
  const tx = st.tx;
  if (!st.plugged || !tx) return 'no transaction with a connected EV';
  const off = EV_OFF.get(st) === tx.id;
  if (reconnect && !off) return 'the EV side is connected';
  if (!reconnect && off) return 'the EV side is disconnected already';
  return undefined;
}

export function evSideDisconnect(st: StationState): void {
  const tx = st.tx;
  if (!tx) return;
  const stop = st.dm.bool('TxCtrlr', 'StopTxOnEVSideDisconnect');
  const deauthorize = stop ? !st.faults.has('evside-disconnect-only-suspends') : st.faults.has('evside-suspend-ends-tx');
  if (deauthorize && st.dm.list('TxCtrlr', 'TxStopPoint').some((p) => LOST_ON_EV_SIDE.includes(p))) {
    void endTx(st, 'EVCommunicationLost', 'EVDisconnected');
    return;
  }
  EV_OFF.set(st, tx.id);
  if (deauthorize) tx.authorized = false;
  stopCharging(st);
  void st.txEvent('Updated', 'EVCommunicationLost', { transactionInfo: { chargingState: 'Idle' } });
}

/** The EV is connected again: a suspended, still authorized transaction charges again (E10). */
export function evSideReconnect(st: StationState): void {
  const tx = st.tx;
  if (!tx) return;
  EV_OFF.delete(st);
  if (!tx.authorized) {
    void st.txEvent('Updated', 'CablePluggedIn');
    return;
  }
  startCharging(st);
  void st.txEvent('Updated', 'ChargingStateChanged');
}
