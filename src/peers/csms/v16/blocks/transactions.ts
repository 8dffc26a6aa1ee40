import { RpcError, type Payload } from '../../../rpc.js';
import type { CentralSystem16, StationSession, Transaction } from '../central-system.js';
import { idTagInfo, statusOf } from './authorization.js';

/**
 * Transactions in the 1.6 reference central system (sections Transactions and Offline): the
 * idTag is verified again at StartTransaction (it may have been authorized locally from stale
 * data), and StartTransaction is idempotent: the same request (connector, idTag, meterStart,
 * timestamp) repeated, with the same or a new message id, gets the same transactionId.
 */

export function onStartTransaction(cs: CentralSystem16, s: StationSession, p: Payload): Payload {
  const ids = cs.o.config.ids;
  const idTag = String(p.idTag);
  // Idempotent: the same start reported again (a replay or a retry) gets the same transaction.
  const key = JSON.stringify([s.identity, p.connectorId, idTag, p.meterStart, p.timestamp]);
  const known = cs.faults.has('cs-start-tx-replay-new-id') ? undefined : cs.starts.get(key);
  // The CSMS verifies the idTag again: it may have been authorized locally from stale data.
  let status = statusOf(cs, idTag);
  if (cs.faults.has('start-tx-no-idtag-check')) status = 'Accepted';
  if (status === 'Accepted' && idTag === ids.validIdToken.idToken && cs.faults.has('start-tx-rejects-valid')) status = 'Invalid';
  if (status === 'Accepted' && !s.authorized.has(idTag) && cs.faults.has('start-tx-requires-authorize')) status = 'Invalid';
  if (status === 'Accepted' && stale(cs, p.timestamp) && cs.faults.has('start-tx-stale-timestamp-invalid')) status = 'Invalid';
  if (known !== undefined) {
    cs.log(`StartTransaction repeated: transaction ${known} again`);
    return { transactionId: known, idTagInfo: idTagInfo(cs, status) };
  }
  const tx: Transaction = { id: cs.nextTransactionId++, connectorId: Number(p.connectorId), idTag, active: true, identity: s.identity };
  // A start that uses a reservation ends it (OCPP 1.6 §5.13).
  if (typeof p.reservationId === 'number') cs.reservations.delete(p.reservationId);
  cs.transactions.set(tx.id, tx);
  cs.starts.set(key, tx.id);
  cs.log(`transaction ${tx.id} started on connector ${tx.connectorId} (${status})`);
  return { transactionId: tx.id, idTagInfo: idTagInfo(cs, status) };
}

export function onStopTransaction(cs: CentralSystem16, p: Payload): Payload {
  if (cs.faults.has('stop-tx-callerror')) throw new RpcError('InternalError', 'transaction could not be closed');
  const tx = cs.transactions.get(Number(p.transactionId));
  if (tx?.refuseStop) throw new RpcError('PropertyConstraintViolation', `transaction ${tx.id} was already closed`);
  if (stale(cs, p.timestamp) && cs.faults.has('stop-tx-stale-timestamp-refused'))
    throw new RpcError('PropertyConstraintViolation', 'StopTransaction timestamp is too old');
  if (tx) tx.active = false;
  cs.log(`transaction ${p.transactionId} stopped (${p.reason ?? 'Local'})`);
  // A transaction cannot be refused; idTagInfo is given when an idTag stopped it.
  return typeof p.idTag === 'string' ? { idTagInfo: idTagInfo(cs, statusOf(cs, p.idTag)) } : {};
}

/** Whether a reported timestamp is more than a minute old (a message queued while offline). */
function stale(cs: CentralSystem16, timestamp: unknown): boolean {
  const at = Date.parse(String(timestamp));
  return Number.isFinite(at) && at < cs.o.clock.now() - 60_000;
}
