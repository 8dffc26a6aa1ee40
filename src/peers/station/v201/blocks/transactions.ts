import type { Payload } from '../../../rpc.js';
import type { IdToken, StationState, Tx } from '../state.js';
import { applyAvailability, reportStatus } from './availability.js';
import { alignedForEnded, meterValue, restartPeriodic, startCharging, stopCharging } from './meter-values.js';
import { resetEvSuspended, signedWhenDataSigned, startPointHolds, stopPointLost } from './tx-points.js';

/**
 * Block E (transactions), driven by TxCtrlr.TxStartPoint / TxStopPoint (E01, E06). The station
 * knows two facts: the cable is plugged in, and the session is authorized (a token accepted
 * locally or a remote start). It has no separate parking-bay sensor, so the bay counts as
 * occupied while the cable is in; its power path closes, energy flows and the meter's start data
 * is ready at the moment both facts hold. A transaction starts at the first listed start point
 * reached; it ends when a listed stop point stops holding (E06) — a remote stop, a reset or the
 * EV connection timeout end it whatever the stop points.
 */

/** Whether the session is authorized: the running transaction's, or a token waiting for the cable. */
export function authorized(st: StationState): boolean {
  return st.tx ? st.tx.authorized : st.pendingStart !== undefined;
}

/** Whether a start point is reached now (blocks/tx-points.ts has the table). */
function holds(st: StationState, point: string): boolean {
  return startPointHolds(st, point, authorized(st));
}

/** The triggerReason of a Started event: the point reached, or the event that completed it. */
function startTrigger(st: StationState, event: string): string {
  // A remote start names itself whatever point it completes (F01/F02).
  if (event === 'RemoteStart') return event;
  const first = st.dm.list('TxCtrlr', 'TxStartPoint').find((p) => holds(st, p));
  if (first === 'ParkingBayOccupancy') return 'EVDetected';
  if (first === 'EnergyTransfer') return 'ChargingStateChanged';
  if (first === 'DataSigned') return 'SignedDataReceived';
  return event;
}

/** Starts a transaction when one of the start points holds now. */
export function maybeStart(st: StationState, event: string): void {
  if (st.tx || !st.dm.list('TxCtrlr', 'TxStartPoint').some((p) => holds(st, p))) return;
  const p = st.pendingStart;
  startTx(st, startTrigger(st, event), p?.idToken, p?.remoteStartId);
}

export function startTx(st: StationState, triggerReason: string, idToken?: IdToken, remoteStartId?: number): void {
  const waiting = st.pendingStart;
  const tx: Tx = { id: st.o.ids.next(), seqNo: 0, idToken, remoteStartId, authorized: idToken !== undefined };
  st.tx = tx;
  if (waiting && !st.plugged) {
    // Started at Authorized: the EV connection timeout now ends the transaction (E03.FR.05).
    waiting.tx = tx;
  } else {
    st.cancel(waiting?.timer);
  }
  if (!waiting?.tx) st.pendingStart = undefined;
  const transactionInfo: Payload = {};
  if (remoteStartId !== undefined && !st.faults.has('remote-start-no-remotestartid')) transactionInfo.remoteStartId = remoteStartId;
  const extra: Payload = { transactionInfo, evse: { id: st.evseId, connectorId: st.connectorId } };
  if (idToken && (!st.faults.has('tx-started-no-idtoken') || remoteStartId !== undefined)) extra.idToken = idToken;
  if (!st.faults.has('started-no-metervalue'))
    extra.meterValue = [
      signedWhenDataSigned(st, meterValue(st, 'Transaction.Begin', st.dm.list('SampledDataCtrlr', 'TxStartedMeasurands'))),
    ];
  void st.txEvent('Started', triggerReason, extra);
  if (st.plugged && tx.authorized) startCharging(st);
  restartPeriodic(st);
}

/** Ends the running transaction; resolves once the CSMS answered the Ended event. */
export async function endTx(st: StationState, triggerReason: string, stoppedReason: string, idToken?: IdToken): Promise<void> {
  const tx = st.tx;
  if (!tx) return;
  stopCharging(st);
  st.cancel(st.periodicTimer);
  st.periodicTimer = undefined;
  if (st.pendingStart?.tx === tx) {
    st.cancel(st.pendingStart.timer);
    st.pendingStart = undefined;
  }
  st.tx = undefined;
  // A token other than the transaction's that stopped it is named in the Ended event (E06.FR.03).
  const extra: Payload = idToken ? { transactionInfo: { stoppedReason }, idToken } : { transactionInfo: { stoppedReason } };
  if (!st.faults.has('ended-no-metervalue'))
    extra.meterValue = [...alignedForEnded(st, tx), meterValue(st, 'Transaction.End', st.dm.list('SampledDataCtrlr', 'TxEndedMeasurands'))];
  const sent = st.txEvent('Ended', triggerReason, extra, tx);
  reportStatus(st);
  await sent;
  afterTxEnded(st);
}

/** Idle again: apply what was scheduled for the end of the transaction. */
function afterTxEnded(st: StationState): void {
  if (st.tx || st.stopped) return;
  const scheduled = st.scheduledAvailability;
  st.scheduledAvailability = [];
  for (const s of scheduled) applyAvailability(st, s.scope, s.operative);
  if (st.resetScheduled) st.reboot('RemoteReset');
}

/** An authorized token waits for the cable (EVConnectionTimeOut); a transaction it started ends on the timeout. */
export function awaitCable(st: StationState, idToken: IdToken, origin: 'local' | 'remote', remoteStartId?: number): void {
  if (st.pendingStart) st.cancel(st.pendingStart.timer);
  const timeoutS = st.faults.has('ev-connect-timeout-ignored') ? 2 ** 20 : st.dm.int('TxCtrlr', 'EVConnectionTimeOut');
  const timer = st.later(timeoutS * 1000, () => {
    const p = st.pendingStart;
    if (p?.timer !== timer) return;
    st.pendingStart = undefined;
    if (p.tx && st.tx === p.tx && !st.plugged) void endTx(st, 'EVConnectTimeout', 'Timeout');
  });
  st.pendingStart = { idToken, origin, remoteStartId, timer };
}

/** A token was accepted (locally presented or remotely started): authorize the session. */
export function authorizeSession(st: StationState, idToken: IdToken, origin: 'local' | 'remote', remoteStartId?: number): void {
  const trigger = origin === 'remote' ? 'RemoteStart' : 'Authorized';
  const tx = st.tx;
  if (tx) {
    // Started before authorization (EVConnected): the token joins the running transaction.
    tx.idToken = idToken;
    tx.authorized = true;
    tx.remoteStartId = remoteStartId;
    const transactionInfo: Payload = remoteStartId === undefined ? {} : { remoteStartId };
    void st.txEvent('Updated', trigger, { idToken, transactionInfo });
    if (st.plugged) startCharging(st);
    return;
  }
  if (st.plugged) {
    st.pendingStart = { idToken, origin, remoteStartId };
    maybeStart(st, trigger);
    return;
  }
  awaitCable(st, idToken, origin, remoteStartId);
  maybeStart(st, trigger);
}

export function plugIn(st: StationState): void {
  st.plugged = true;
  resetEvSuspended(st);
  reportStatus(st);
  const p = st.pendingStart;
  if (p && !st.tx && p.origin === 'local' && st.faults.has('auth-first-forgets-token')) {
    st.cancel(p.timer);
    st.pendingStart = undefined;
  }
  if (st.tx) {
    // Started at Authorized: the cable completes the session.
    if (p?.tx === st.tx) {
      st.cancel(p.timer);
      st.pendingStart = undefined;
    }
    void st.txEvent('Updated', 'CablePluggedIn');
    if (st.tx.authorized) startCharging(st);
    return;
  }
  maybeStart(st, 'CablePluggedIn');
}

/** Whether losing the cable / the authorization ends the transaction (TxStopPoint, E06). */
export function stopsOn(st: StationState, loss: 'cable' | 'authorization'): boolean {
  return stopPointLost(st, loss);
}

export function unplug(st: StationState): void {
  st.plugged = false;
  const tx = st.tx;
  if (tx && (stopsOn(st, 'cable') || !tx.authorized)) {
    void endTx(st, 'EVCommunicationLost', st.faults.has('unplug-wrong-stopped-reason') ? 'Local' : 'EVDisconnected');
    return;
  }
  if (tx) {
    stopCharging(st);
    void st.txEvent('Updated', 'EVCommunicationLost');
  }
  reportStatus(st);
}

/** The driver presents the transaction's token again: the session is no longer authorized. */
export async function deauthorize(st: StationState, by?: IdToken): Promise<void> {
  const tx = st.tx;
  if (!tx) return;
  if (stopsOn(st, 'authorization') || !st.plugged) {
    await endTx(st, 'StopAuthorized', 'Local', by);
    return;
  }
  tx.authorized = false;
  stopCharging(st);
  await st.txEvent('Updated', 'StopAuthorized', by ? { idToken: by } : {});
}
