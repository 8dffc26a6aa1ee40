import type { Payload } from '../../../rpc.js';
import type { StationState } from '../state.js';
import { stopCharging } from './meter-values.js';

/**
 * Block E, the TxStartPoint / TxStopPoint conditions (E01, E06) of the reference station, as one
 * table: when each point holds. transactions.ts asks it whether a start point is reached and
 * whether losing the cable or the authorization ends the transaction; the physical steps that
 * only these points know (the parking bay sensor, an EV that stops drawing energy) live here too.
 *
 * The station has a parking bay detector: an EV counts as in the bay while the detector sees it
 * or while its cable is plugged in (a plugged EV is parked). The power path closes and energy
 * flows as soon as the EV is connected and the session authorized, unless the EV suspends
 * (SuspendedEV: the power path stays closed, energy stops). Signed start data (DataSigned) is
 * ready at that same moment.
 */

interface PointState {
  /** The bay detector sees an EV (manual enterParkingBay / leaveParkingBay). */
  bay: boolean;
  /** The EV stopped drawing energy while connected (manual evStopsCharging). */
  evSuspended: boolean;
}

const STATE = new WeakMap<StationState, PointState>();

function pointState(st: StationState): PointState {
  let s = STATE.get(st);
  if (!s) {
    s = { bay: false, evSuspended: false };
    STATE.set(st, s);
  }
  return s;
}

/** Points reached only when cable and authorization are both there. */
const BOTH = ['PowerPathClosed', 'EnergyTransfer', 'DataSigned'];

/** Whether a TxStartPoint value is reached now, given whether the session is authorized. */
export function startPointHolds(st: StationState, point: string, authorized: boolean): boolean {
  const s = pointState(st);
  const both = st.plugged && authorized;
  switch (point) {
    case 'ParkingBayOccupancy':
      return st.faults.has('txstart-parkingbay-late') ? st.plugged : s.bay || st.plugged;
    case 'EVConnected':
      return st.faults.has('txstart-evconnected-late') ? both : st.plugged;
    case 'Authorized':
      return st.faults.has('txstart-authorized-late') ? both : authorized;
    default:
      if (st.faults.has('txstart-powerpath-early') && BOTH.includes(point)) return st.plugged;
      return point === 'EnergyTransfer' ? both && !s.evSuspended : both;
  }
}

/** Whether losing the cable or the authorization makes a TxStopPoint value stop holding (E06). */
export function stopPointLost(st: StationState, loss: 'cable' | 'authorization'): boolean {
  return st.dm.list('TxCtrlr', 'TxStopPoint').some((point) => {
    switch (point) {
      case 'ParkingBayOccupancy':
        // The EV is still parked when the bay detector sees it after unplugging (E06, TC_E_19).
        return loss === 'cable' && (!pointState(st).bay || st.faults.has('txstop-parkingbay-ends-at-unplug'));
      case 'EVConnected':
        return loss === 'cable';
      case 'Authorized':
        return loss === 'authorization';
      default:
        // The power path opens and energy stops on either loss.
        return loss === 'cable' || !st.faults.has('txstop-deauth-waits-unplug');
    }
  });
}

/** Whether the station signs its start meter data (TxStartPoint DataSigned). */
function signsStart(st: StationState): boolean {
  return st.dm.list('TxCtrlr', 'TxStartPoint').includes('DataSigned') && !st.faults.has('datasigned-start-unsigned');
}

/** The Transaction.Begin meter value, with signed data when the station starts at DataSigned (E01.FR.04). */
export function signedWhenDataSigned(st: StationState, mv: Payload): Payload {
  if (!signsStart(st)) return mv;
  const sampledValue = (mv.sampledValue as Payload[]).map((v) => ({
    ...v,
    signedMeterValue: {
      signedMeterData: Buffer.from(`${st.o.config.ids.evseId}|${String(v.value)}|${String(mv.timestamp)}`).toString('base64'),
      signingMethod: 'ECDSA-secp256r1-SHA256',
      encodingMethod: 'OCMF',
      publicKey: Buffer.from('reference-station-meter-key').toString('base64'),
    },
  }));
  return { ...mv, sampledValue };
}

/** The hooks transactions.ts gives this module (no import back, no cycle). */
export interface TxHooks {
  maybeStart(st: StationState, event: string): void;
  endTx(st: StationState, triggerReason: string, stoppedReason: string): Promise<void>;
}

/** The EV drives into the bay: a transaction starts when ParkingBayOccupancy is a start point (E01.FR.01). */
export function enterBay(st: StationState, hooks: TxHooks): void {
  pointState(st).bay = true;
  hooks.maybeStart(st, 'EVDetected');
}

/** The EV leaves the bay: an unplugged transaction held up by ParkingBayOccupancy ends (E06, EVDeparted). */
export function leaveBay(st: StationState, hooks: TxHooks): void {
  pointState(st).bay = false;
  const tx = st.tx;
  if (!tx || st.plugged) return;
  if (st.dm.list('TxCtrlr', 'TxStopPoint').includes('ParkingBayOccupancy') || !tx.authorized)
    void hooks.endTx(st, 'EVDeparted', 'EVDisconnected');
}

/**
 * The EV stops drawing energy, cable still in: with EnergyTransfer as stop point the transaction
 * ends (E06, StoppedByEV); otherwise it goes on suspended (chargingState SuspendedEV).
 */
export function evStopsCharging(st: StationState, hooks: TxHooks): void {
  pointState(st).evSuspended = true;
  const tx = st.tx;
  if (!tx) return;
  if (st.dm.list('TxCtrlr', 'TxStopPoint').includes('EnergyTransfer') && !st.faults.has('txstop-energy-ignores-suspend')) {
    void hooks.endTx(st, 'ChargingStateChanged', 'StoppedByEV');
    return;
  }
  stopCharging(st);
  void st.txEvent('Updated', 'ChargingStateChanged', { transactionInfo: { chargingState: 'SuspendedEV' } });
}

/** A new session: the EV has not suspended yet (called when the cable is plugged in). */
export function resetEvSuspended(st: StationState): void {
  pointState(st).evSuspended = false;
}

/** Whether the bay detector sees an EV (for the station's manual actions). */
export function bayOccupied(st: StationState): boolean {
  return pointState(st).bay;
}
