import type { IdTokenConfig } from '../../../../core/config.js';
import { RpcError } from '../../../rpc.js';
import type { CsmsBlock, CsmsContext, StationState } from '../state.js';
import { defined, isResend, markedResend } from './payload.js';

/**
 * Reservation (H): the operator reserves a specific EVSE, an unspecified EVSE or a connector
 * type for a token (optionally for its group), and cancels a reservation; stations report
 * reservations that expired or were removed. The CSMS picks the reservation id and keeps, per
 * station, what it reserved and whether the station accepted it.
 */

/** How long a reservation lasts when the operator names no expiry (the CSMS's own choice). */
const RESERVATION_MS = 60 * 60 * 1000;

interface Reservation {
  /** The CSMS's own record number (what a database would assign). */
  record: number;
  /** The id sent in ReserveNowRequest. */
  id: number;
  evseId?: number;
  state: 'requested' | 'accepted' | 'refused' | 'cancelled' | 'expired' | 'removed';
}

interface ReservationBook {
  records: number;
  byStation: WeakMap<StationState, Map<number, Reservation>>;
}

const books = new WeakMap<CsmsContext, ReservationBook>();

function book(ctx: CsmsContext): ReservationBook {
  let b = books.get(ctx);
  if (!b) books.set(ctx, (b = { records: 0, byStation: new WeakMap() }));
  return b;
}

function reservationsOf(ctx: CsmsContext, st: StationState): Map<number, Reservation> {
  const b = book(ctx);
  let m = b.byStation.get(st);
  if (!m) b.byStation.set(st, (m = new Map()));
  return m;
}

const tokenOf = (t: unknown): IdTokenConfig | undefined =>
  t && typeof t === 'object' && typeof (t as IdTokenConfig).idToken === 'string' ? (t as IdTokenConfig) : undefined;

export const reservation: CsmsBlock = {
  inbound: {
    ReservationStatusUpdate: (ctx, p, call) => {
      const status = String(p.reservationUpdateStatus);
      if (status === 'Expired' && ctx.faults.has('reservation-expired-refused'))
        throw new RpcError('PropertyConstraintViolation', 'reservation status Expired is not known');
      if (status === 'Removed' && ctx.faults.has('reservation-removed-refused'))
        throw new RpcError('PropertyConstraintViolation', 'reservation status Removed is not known');
      const r = reservationsOf(ctx, call.station).get(Number(p.reservationId));
      // A reservation this CSMS does not know (made before a restart, by another system) is acknowledged too.
      if (r) r.state = status === 'Expired' ? 'expired' : 'removed';
      ctx.log(`reservation ${String(p.reservationId)} ${status}`);
      return {};
    },
  },
  requests: {
    ReserveNow: (ctx, p, st) => {
      const idToken = tokenOf(p.idToken) ?? ctx.o.config.ids.validIdToken;
      const b = book(ctx);
      const record = ++b.records;
      const id = 100 + record;
      const now = ctx.o.clock.now();
      const expiry =
        typeof p.expiryDateTime === 'string'
          ? p.expiryDateTime
          : new Date(ctx.faults.has('reserve-expiry-past') ? now - RESERVATION_MS : now + RESERVATION_MS).toISOString();
      let evseId = typeof p.evseId === 'number' ? p.evseId : undefined;
      if (ctx.faults.has('reserve-evse-dropped')) evseId = undefined;
      else if (evseId === undefined && p.connectorType === undefined && ctx.faults.has('reserve-unspecified-evse-filled')) evseId = 1;
      const group = tokenOf(p.groupIdToken);
      reservationsOf(ctx, st).set(id, { record, id, evseId, state: 'requested' });
      return defined({
        id,
        expiryDateTime: expiry,
        idToken: { idToken: idToken.idToken, type: idToken.type },
        evseId,
        connectorType: ctx.faults.has('reserve-connector-type-dropped') ? undefined : p.connectorType,
        groupIdToken: group && !ctx.faults.has('reserve-group-token-dropped') ? { idToken: group.idToken, type: group.type } : undefined,
      });
    },
    CancelReservation: (ctx, p, st) => {
      const mine = [...reservationsOf(ctx, st).values()];
      const r =
        typeof p.reservationId === 'number'
          ? mine.find((x) => x.id === p.reservationId)
          : mine.reverse().find((x) => x.state === 'accepted' || x.state === 'requested');
      if (!r) return 'no such reservation is known for this station';
      return { reservationId: ctx.faults.has('cancel-reservation-record-number') ? r.record : r.id };
    },
  },
  responses: {
    ReserveNow: (ctx, s, request, res) => {
      const r = reservationsOf(ctx, ctx.station(s.identity)).get(Number(request.id));
      if (r) r.state = res.status === 'Accepted' ? 'accepted' : 'refused';
      if (res.status === 'Rejected' && ctx.faults.has('reserve-rejected-resent') && !isResend(request))
        ctx.send(s, 'ReserveNow', markedResend(request));
    },
    CancelReservation: (ctx, s, request, res) => {
      const r = reservationsOf(ctx, ctx.station(s.identity)).get(Number(request.reservationId));
      if (r && res.status === 'Accepted') r.state = 'cancelled';
    },
  },
};
