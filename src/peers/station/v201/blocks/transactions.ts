import type { Payload } from '../../../rpc.js';
import type { IdToken, StationState, Tx } from '../state.js';
import { applyAvailability, reportStatus } from './availability.js';
import { meterValue, restartPeriodic, startCharging, stopCharging } from './meter-values.js';

/**
 * Block E (transactions): TxStartPoint/TxStopPoint PowerPathClosed, so a transaction starts
 * when a cable is plugged in and a token is authorized (either order) and ends when the cable
 * is unplugged, the token is presented again, or the CSMS stops it.
 */

export function startTx(st: StationState, triggerReason: string, idToken: IdToken, remoteStartId?: number): void {
  if (st.pendingStart) st.cancel(st.pendingStart.timer);
  st.pendingStart = undefined;
  const tx: Tx = { id: st.o.ids.next(), seqNo: 0, idToken, remoteStartId };
  st.tx = tx;
  const transactionInfo: Payload = {};
  if (remoteStartId !== undefined && !st.faults.has('remote-start-no-remotestartid')) transactionInfo.remoteStartId = remoteStartId;
  const extra: Payload = { transactionInfo, evse: { id: st.evseId, connectorId: st.connectorId } };
  if (!st.faults.has('tx-started-no-idtoken') || remoteStartId !== undefined) extra.idToken = idToken;
  if (!st.faults.has('started-no-metervalue'))
    extra.meterValue = [meterValue(st, 'Transaction.Begin', st.dm.list('SampledDataCtrlr', 'TxStartedMeasurands'))];
  void st.txEvent('Started', triggerReason, extra);
  startCharging(st);
  restartPeriodic(st);
}

/** Ends the running transaction; resolves once the CSMS answered the Ended event. */
export async function endTx(st: StationState, triggerReason: string, stoppedReason: string): Promise<void> {
  const tx = st.tx;
  if (!tx) return;
  stopCharging(st);
  st.cancel(st.periodicTimer);
  st.periodicTimer = undefined;
  st.tx = undefined;
  const extra: Payload = { transactionInfo: { stoppedReason } };
  if (!st.faults.has('ended-no-metervalue'))
    extra.meterValue = [meterValue(st, 'Transaction.End', st.dm.list('SampledDataCtrlr', 'TxEndedMeasurands'))];
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

/** An authorized token waits for the cable (EVConnectionTimeOut). */
export function awaitCable(st: StationState, idToken: IdToken, origin: 'local' | 'remote', remoteStartId?: number): void {
  if (st.pendingStart) st.cancel(st.pendingStart.timer);
  const timeoutS = st.dm.int('TxCtrlr', 'EVConnectionTimeOut');
  const timer = st.later(timeoutS * 1000, () => {
    if (st.pendingStart?.timer === timer) st.pendingStart = undefined;
  });
  st.pendingStart = { idToken, origin, remoteStartId, timer };
}

export function plugIn(st: StationState): void {
  st.plugged = true;
  reportStatus(st);
  const p = st.pendingStart;
  if (!p || st.tx) return;
  st.cancel(p.timer);
  st.pendingStart = undefined;
  if (p.origin === 'local' && st.faults.has('auth-first-forgets-token')) return;
  startTx(st, 'CablePluggedIn', p.idToken, p.remoteStartId);
}

export function unplug(st: StationState): void {
  st.plugged = false;
  if (st.tx) {
    void endTx(st, 'EVCommunicationLost', st.faults.has('unplug-wrong-stopped-reason') ? 'Local' : 'EVDisconnected');
    return;
  }
  reportStatus(st);
}

export function getTransactionStatus(st: StationState, p: Payload): Payload {
  if (p.transactionId === undefined) return { messagesInQueue: false };
  const ongoing = st.tx?.id === p.transactionId && !st.faults.has('txstatus-not-ongoing');
  return { ongoingIndicator: ongoing, messagesInQueue: false };
}
