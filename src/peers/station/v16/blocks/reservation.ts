import type { Payload } from '../../../rpc.js';
import { AFTER_REPLY_MS, type ChargePoint16, type Connector, type Reservation16 } from '../charge-point.js';

/**
 * Reservation in the 1.6 reference charge point (OCPP 1.6 §5.1, §5.13): ReserveNow holds a free
 * connector (or, with ReserveConnectorZeroSupported, the whole charge point) for an idTag or its
 * parent until the expiry date; CancelReservation frees it. The transactions block starts a
 * transaction on a reserved connector only for its holder and sends the reservationId with it.
 */

/** Whether a connector can take a new reservation; otherwise the ReserveNow status that says why. */
function refusal(cp: ChargePoint16, c: Connector, reservationId: number): string | undefined {
  if (!c.operative) return 'Unavailable';
  if (c.status === 'Faulted') return 'Faulted';
  const other = cp.reservationOn(c);
  if (c.tx || c.starting || c.plugged || c.authorized || (other && other.id !== reservationId)) return 'Occupied';
  return undefined;
}

export function onReserveNow(cp: ChargePoint16, p: Payload): Payload {
  const id = Number(p.reservationId);
  const connectorId = Number(p.connectorId);
  let targets: Connector[];
  if (connectorId === 0) {
    if (!cp.cfg.bool('ReserveConnectorZeroSupported') && !cp.faults.has('reserve-zero-unsupported-accepted')) return { status: 'Rejected' };
    targets = cp.connectors;
  } else {
    const c = cp.connector(connectorId);
    if (!c) return { status: 'Rejected' };
    targets = [c];
  }
  const why = targets.map((c) => refusal(cp, c, id));
  // The whole charge point can be reserved while one connector is free; a connector only when it is.
  const free = why.some((w) => w === undefined);
  if (!free && !cp.faults.has('reserve-busy-connector-accepted')) return { status: why[0] ?? 'Occupied' };
  cancelReservation(cp, id);
  const r: Reservation16 = { id, connectorId, idTag: String(p.idTag) };
  if (typeof p.parentIdTag === 'string') r.parentIdTag = p.parentIdTag;
  const expiry = Date.parse(String(p.expiryDate));
  if (!cp.faults.has('reservation-never-expires'))
    r.timer = cp.later(expiry - cp.o.clock.now(), () => {
      if (cp.reservations.get(id) === r) endReservation(cp, r);
    });
  cp.reservations.set(id, r);
  cp.later(AFTER_REPLY_MS, () => targets.forEach((c) => cp.setStatus(c, cp.restingStatus(c))));
  return { status: 'Accepted' };
}

export function onCancelReservation(cp: ChargePoint16, p: Payload): Payload {
  const r = cp.reservations.get(Number(p.reservationId));
  if (!r) return { status: cp.faults.has('cancel-unknown-reservation-accepted') ? 'Accepted' : 'Rejected' };
  if (!cp.faults.has('cancel-reservation-ignored')) cp.later(AFTER_REPLY_MS, () => endReservation(cp, r));
  return { status: 'Accepted' };
}

/** Removes reservation `id` (if any) without reporting. */
function cancelReservation(cp: ChargePoint16, id: number): void {
  const r = cp.reservations.get(id);
  if (!r) return;
  cp.cancel(r.timer);
  cp.reservations.delete(id);
}

/** A reservation ends (expired, cancelled): its connectors report their resting status. */
export function endReservation(cp: ChargePoint16, r: Reservation16): void {
  cancelReservation(cp, r.id);
  for (const c of cp.connectors) if (r.connectorId === 0 || r.connectorId === c.id) cp.setStatus(c, cp.restingStatus(c));
}

/** Whether `idTag` (with its parent, when known) may use reservation `r`. */
export function holds(cp: ChargePoint16, r: Reservation16, idTag: string, parentIdTag?: string): boolean {
  if (r.idTag === idTag) return true;
  return !cp.faults.has('reservation-parent-idtag-ignored') && r.parentIdTag !== undefined && r.parentIdTag === parentIdTag;
}

/**
 * The reservation a start on connector `c` for `idTag` uses, removed from the list (undefined: none
 * applies). A connector reserved for someone else is reported through `blocked`.
 */
export function takeReservation(
  cp: ChargePoint16,
  c: Connector,
  idTag: string,
  parentIdTag?: string,
): { reservationId?: number; blocked: boolean } {
  const r = cp.reservationOn(c) ?? [...cp.reservations.values()].find((x) => x.connectorId === 0 && holds(cp, x, idTag, parentIdTag));
  if (!r) return { blocked: false };
  if (!holds(cp, r, idTag, parentIdTag)) return { blocked: true };
  cancelReservation(cp, r.id);
  return cp.faults.has('reservation-id-not-sent') ? { blocked: false } : { reservationId: r.id, blocked: false };
}
