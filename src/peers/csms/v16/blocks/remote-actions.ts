import { intParam, type CentralSystem16, type OperatorRequest } from '../central-system.js';
import { remoteStartProfile } from './smart-charging.js';

/**
 * Operator commands of the 1.6 reference central system (sections RemoteActions and Unlock):
 * RemoteStartTransaction, RemoteStopTransaction (of a transaction it handed out),
 * UnlockConnector and ChangeAvailability.
 */

export function remoteStartRequest(cs: CentralSystem16, d: Record<string, unknown>): OperatorRequest {
  const ids = cs.o.config.ids;
  let idTag = typeof d.idTag === 'string' ? d.idTag : ids.validIdToken.idToken;
  let connectorId = intParam(d.connectorId) ?? ids.connectorId;
  if (cs.faults.has('remote-start-wrong-idtag'))
    idTag = idTag === ids.invalidIdToken.idToken ? ids.validIdToken.idToken : ids.invalidIdToken.idToken;
  if (cs.faults.has('remote-start-connector-zero')) connectorId = 0;
  // With a charging profile for the transaction to come (Smart Charging, §5.11).
  if (d.chargingProfile === true) return { payload: { connectorId, idTag, chargingProfile: remoteStartProfile(cs) } };
  return { payload: { connectorId, idTag } };
}

export function remoteStopRequest(cs: CentralSystem16, d: Record<string, unknown>): OperatorRequest {
  const active = [...cs.transactions.values()].filter((t) => t.active);
  const wanted = intParam(d.transactionId);
  const connector = intParam(d.connectorId);
  const tx =
    wanted !== undefined
      ? active.find((t) => t.id === wanted)
      : [...active].reverse().find((t) => connector === undefined || t.connectorId === connector);
  if (!tx) return { error: wanted !== undefined ? `no running transaction ${wanted}` : 'no running transaction to stop' };
  // Fault: the transaction is taken as closed whatever the charge point answers.
  if (cs.faults.has('remote-stop-closes-transaction')) Object.assign(tx, { active: false, refuseStop: true });
  return { payload: { transactionId: cs.faults.has('remote-stop-wrong-transaction') ? tx.id - 1 : tx.id } };
}

export function unlockRequest(cs: CentralSystem16, d: Record<string, unknown>): OperatorRequest {
  const connectorId = intParam(d.connectorId) ?? cs.o.config.ids.connectorId;
  const busy = [...cs.transactions.values()].some((t) => t.active && t.connectorId === connectorId);
  if (busy && cs.faults.has('unlock-during-transaction-skipped')) return { skip: true };
  return { payload: { connectorId: cs.faults.has('unlock-wrong-connector') ? connectorId + 1 : connectorId } };
}

export function changeAvailabilityRequest(d: Record<string, unknown>): OperatorRequest {
  if (d.type !== 'Operative' && d.type !== 'Inoperative') return { error: 'ChangeAvailability needs type "Operative" or "Inoperative"' };
  return { payload: { connectorId: intParam(d.connectorId) ?? 0, type: d.type } };
}
