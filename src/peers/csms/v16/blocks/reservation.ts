import { intParam, type CentralSystem16, type OperatorRequest } from '../central-system.js';

/**
 * Reservation in the 1.6 reference central system (OCPP 1.6 §5.1, §5.13): the operator's
 * ReserveNow (a connector, or 0 for the whole charge point) remembers the reservation;
 * CancelReservation names the one the operator chose or the last made for the charge point. A
 * StartTransaction that uses a reservation ends it (transactions block).
 */

export function reserveNowRequest(cs: CentralSystem16, identity: string, d: Record<string, unknown>): OperatorRequest {
  const ids = cs.o.config.ids;
  let connectorId = intParam(d.connectorId) ?? ids.connectorId;
  if (connectorId > 0 && cs.faults.has('reservenow-connector-zero')) connectorId = 0;
  else if (connectorId === 0 && cs.faults.has('reservenow-cp-as-connector')) connectorId = 1;
  const idTag = typeof d.idTag === 'string' ? d.idTag : ids.validIdToken.idToken;
  const seconds = intParam(d.expirySeconds) ?? 3600;
  const expiry = cs.faults.has('reservenow-expiry-in-past') ? cs.o.clock.now() - 3_600_000 : cs.o.clock.now() + seconds * 1000;
  const id = intParam(d.reservationId) ?? cs.nextReservationId++;
  cs.reservations.set(id, { id, identity, connectorId, idTag });
  const payload: Record<string, unknown> = { connectorId, expiryDate: new Date(expiry).toISOString(), idTag, reservationId: id };
  if (typeof d.parentIdTag === 'string') payload.parentIdTag = d.parentIdTag;
  return { payload };
}

export function cancelReservationRequest(cs: CentralSystem16, identity: string, d: Record<string, unknown>): OperatorRequest {
  const last = [...cs.reservations.values()].reverse().find((r) => r.identity === identity);
  const id = intParam(d.reservationId) ?? last?.id;
  if (id === undefined) return { error: 'CancelReservation needs reservationId, or a reservation made before' };
  cs.reservations.delete(id);
  return { payload: { reservationId: cs.faults.has('cancel-reservation-wrong-id') ? id + 1 : id } };
}
