/**
 * Reservation for the independent 1.6 charge point (ReserveNow, CancelReservation), built apart
 * from our reference charge point: a reservation of connector 0 is accepted while any connector is
 * free and never reported Reserved; expiry is checked with its own timer.
 */
import type { Payload } from './common.js';

interface Conn {
  id: number;
  plugged: boolean;
  tx?: unknown;
  waiting?: string;
  inoperative?: boolean;
}

interface Held {
  connectorId: number;
  idTag: string;
  timer: NodeJS.Timeout;
}

export function reservations16(connectors: Conn[], status: (c: Conn, s: string) => unknown) {
  const held = new Map<number, Held>();
  const busy = (c: Conn, id: number) =>
    !!c.tx || c.plugged || !!c.waiting || [...held.entries()].some(([k, h]) => k !== id && h.connectorId === c.id);
  const end = (id: number) => {
    const h = held.get(id);
    if (!h) return;
    clearTimeout(h.timer);
    held.delete(id);
    const c = connectors.find((x) => x.id === h.connectorId);
    if (c && !c.tx && !c.plugged) void status(c, 'Available');
  };
  return {
    install(rpc: { handle: (action: string, fn: (call: Payload) => unknown) => void }) {
      rpc.handle('ReserveNow', ({ params }: Payload) => {
        const id = params.reservationId;
        const targets = params.connectorId === 0 ? connectors : connectors.filter((x) => x.id === params.connectorId);
        if (!targets.length) return { status: 'Rejected' };
        if (targets.every((c) => c.inoperative)) return { status: 'Unavailable' };
        if (targets.every((c) => c.inoperative || busy(c, id))) return { status: 'Occupied' };
        end(id);
        const timer = setTimeout(() => end(id), Math.max(0, Date.parse(params.expiryDate) - Date.now()));
        held.set(id, { connectorId: params.connectorId, idTag: params.idTag, timer });
        if (params.connectorId !== 0) setImmediate(() => void status(targets[0]!, 'Reserved'));
        return { status: 'Accepted' };
      });
      rpc.handle('CancelReservation', ({ params }: Payload) => {
        if (!held.has(params.reservationId)) return { status: 'Rejected' };
        setImmediate(() => end(params.reservationId));
        return { status: 'Accepted' };
      });
    },
    /** The reservationId a start on connector `connectorId` for `idTag` uses (and ends), as a payload part. */
    take(connectorId: number, idTag: string): { reservationId?: number } {
      const hit = [...held.entries()].find(([, h]) => h.idTag === idTag && (h.connectorId === connectorId || h.connectorId === 0));
      if (!hit) return {};
      clearTimeout(hit[1].timer);
      held.delete(hit[0]);
      return { reservationId: hit[0] };
    },
  };
}

/** A local authorization list for the independent charge point: Full replaces, Differential needs a higher version. */
export function localList16() {
  const list = new Map<string, Payload>();
  let version = 0;
  return {
    install(rpc: { handle: (action: string, fn: (call: Payload) => unknown) => void }) {
      rpc.handle('GetLocalListVersion', () => ({ listVersion: version }));
      rpc.handle('SendLocalList', ({ params }: Payload) => {
        if (params.updateType === 'Differential' && params.listVersion <= version) return { status: 'VersionMismatch' };
        if (params.updateType === 'Full') list.clear();
        for (const e of params.localAuthorizationList ?? []) {
          if (e.idTagInfo) list.set(e.idTag, e.idTagInfo);
          else list.delete(e.idTag);
        }
        version = list.size ? params.listVersion : 0;
        return { status: 'Accepted' };
      });
    },
  };
}
