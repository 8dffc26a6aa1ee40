import { RpcError, type Payload } from '../../../rpc.js';
import type { CsmsContext, TxRecord } from '../state.js';

/**
 * The start/stop-option faults of the transactions block (E): a conformant CSMS takes a
 * TransactionEvent whatever TxStartPoint/TxStopPoint made the station send it; each fault makes
 * the CSMS refuse the events of one kind of start, stop or suspension.
 */

/** triggerReasons only the optional start/stop points produce (parking bay sensor, signed data, connection timeout). */
const OPTIONAL_POINT_TRIGGERS = ['EVDetected', 'EVDeparted', 'SignedDataReceived', 'EVConnectTimeout'];
const CONNECTED_STATES = ['Charging', 'SuspendedEV', 'SuspendedEVSE', 'EVConnected'];
/** Transactions a suspension closed (only under the txevent-suspended-closed fault). */
const closedBySuspension = new WeakSet<TxRecord>();

/** Throws the CALLERROR a fault answers the event with; does nothing on the conformant CSMS. */
export function refuseByOptionFault(ctx: CsmsContext, tx: TxRecord | undefined, p: Payload): void {
  const faults = ctx.faults;
  const info = p.transactionInfo as Payload;
  const refuse = (why: string) => {
    throw new RpcError('PropertyConstraintViolation', why);
  };
  if (
    faults.has('txevent-started-power-on-refused') &&
    p.eventType === 'Started' &&
    ['Charging', 'SuspendedEV'].includes(info.chargingState)
  )
    refuse('a transaction must start before the power path closes');
  if (faults.has('txevent-trigger-restricted') && OPTIONAL_POINT_TRIGGERS.includes(p.triggerReason))
    refuse(`triggerReason ${String(p.triggerReason)} is not supported`);
  if (faults.has('txevent-ended-while-connected-refused') && p.eventType === 'Ended' && CONNECTED_STATES.includes(info.chargingState))
    refuse('a transaction cannot end while the EV is connected');
  if (faults.has('txevent-ended-evdisconnected-refused') && p.eventType === 'Ended' && info.stoppedReason === 'EVDisconnected')
    refuse('stoppedReason EVDisconnected is not accepted');
  if (faults.has('txevent-suspendedev-refused') && p.eventType === 'Updated' && info.chargingState === 'SuspendedEV')
    refuse('chargingState SuspendedEV is not accepted');
  if (faults.has('txevent-suspended-closed') && tx) {
    if (closedBySuspension.has(tx)) refuse(`transaction ${tx.transactionId} has ended`);
    if (p.eventType === 'Updated' && p.triggerReason === 'EVCommunicationLost') closedBySuspension.add(tx);
  }
}

/** Whether the answer to this event leaves idTokenInfo out under a fault. */
export function omitsIdTokenInfoByOptionFault(ctx: CsmsContext, p: Payload): boolean {
  const faults = ctx.faults;
  return (
    (faults.has('txevent-stopauthorized-no-idtokeninfo') && p.eventType === 'Updated' && p.triggerReason === 'StopAuthorized') ||
    (faults.has('remotestart-txevent-no-idtokeninfo') && p.eventType === 'Started' && p.triggerReason === 'RemoteStart')
  );
}
