import type { Payload } from '../../../rpc.js';
import { intParam, type CentralSystem16, type OperatorRequest } from '../central-system.js';

/**
 * Smart Charging in the 1.6 reference central system (OCPP 1.6 §3.13, §5.5, §5.7, §5.16): the
 * operator's SetChargingProfile (a TxDefaultProfile for a connector or the whole charge point, a
 * TxProfile for the running transaction), ClearChargingProfile of a profile it set, and
 * GetCompositeSchedule; the profile a RemoteStartTransaction carries.
 */

const PURPOSES = ['TxDefaultProfile', 'TxProfile', 'ChargePointMaxProfile'];

/** A two-period schedule in amperes: 16 A now, 10 A after ten minutes. */
function schedule(): Payload {
  return {
    chargingRateUnit: 'A',
    chargingSchedulePeriod: [
      { startPeriod: 0, limit: 16 },
      { startPeriod: 600, limit: 10 },
    ],
  };
}

function profile(cs: CentralSystem16, purpose: string, transactionId?: number): Payload {
  const chargingProfileId = cs.nextProfileId++;
  const p: Payload = {
    chargingProfileId,
    stackLevel: 0,
    chargingProfilePurpose: purpose,
    chargingProfileKind: 'Relative',
    chargingSchedule: schedule(),
  };
  if (transactionId !== undefined) p.transactionId = transactionId;
  return p;
}

/** The profile sent with RemoteStartTransaction: TxProfile, no transactionId (none exists yet). */
export function remoteStartProfile(cs: CentralSystem16): Payload {
  const purpose = cs.faults.has('remote-start-profile-txdefault') ? 'TxDefaultProfile' : 'TxProfile';
  return profile(cs, purpose);
}

export function setChargingProfileRequest(cs: CentralSystem16, identity: string, d: Record<string, unknown>): OperatorRequest {
  const purpose = typeof d.purpose === 'string' ? d.purpose : 'TxDefaultProfile';
  if (!PURPOSES.includes(purpose)) return { error: `SetChargingProfile needs purpose, one of ${PURPOSES.join(', ')}` };
  if (purpose === 'TxProfile') {
    const wanted = intParam(d.transactionId);
    const tx = [...cs.transactions.values()].reverse().find((t) => t.active && (wanted === undefined || t.id === wanted));
    if (!tx) return { error: 'a TxProfile needs a running transaction' };
    const txId = cs.faults.has('txprofile-wrong-transaction') ? tx.id + 1 : tx.id;
    return installed(cs, identity, tx.connectorId, profile(cs, purpose, txId));
  }
  const connectorId = intParam(d.connectorId) ?? 0;
  const txId = purpose === 'TxDefaultProfile' && cs.faults.has('txdefault-carries-transactionid') ? cs.nextTransactionId : undefined;
  return installed(cs, identity, connectorId, profile(cs, purpose, txId));
}

/** The SetChargingProfile request; its profile id is remembered for a later ClearChargingProfile. */
function installed(cs: CentralSystem16, identity: string, connectorId: number, p: Payload): OperatorRequest {
  cs.profileIds.set(identity, Number(p.chargingProfileId));
  return { payload: { connectorId, csChargingProfiles: p } };
}

export function clearChargingProfileRequest(cs: CentralSystem16, identity: string, d: Record<string, unknown>): OperatorRequest {
  const id = intParam(d.id) ?? cs.profileIds.get(identity);
  if (id === undefined) return { error: 'ClearChargingProfile needs id, or a profile set before' };
  return { payload: { id: cs.faults.has('clear-profile-wrong-id') ? id + 1 : id } };
}

export function getCompositeScheduleRequest(cs: CentralSystem16, d: Record<string, unknown>): OperatorRequest {
  const connectorId = intParam(d.connectorId) ?? cs.o.config.ids.connectorId;
  const payload: Payload = {
    connectorId: cs.faults.has('composite-schedule-wrong-connector') ? connectorId + 1 : connectorId,
    duration: intParam(d.duration) ?? 3600,
  };
  if (d.chargingRateUnit === 'A' || d.chargingRateUnit === 'W') payload.chargingRateUnit = d.chargingRateUnit;
  return { payload };
}
