import type { RpcPeer } from '../../../rpc.js';
import type { StationState } from '../state.js';
import { reportStatus, statusPayload } from './availability.js';

/**
 * Block B, the idle station's offline behaviour (B04): when the connection comes back, a station
 * that was away longer than OCPPCommCtrlr.OfflineThreshold reports every connector; after a
 * shorter outage only the connectors whose status changed meanwhile. (A threshold of 0, the
 * default, makes every outage a long one.)
 */

interface Away {
  /** When the connection was lost (ms). */
  since: number;
  /** The connector status the CSMS knew then. */
  status: string;
}

const away = new WeakMap<StationState, Away>();

/** Watches a connection: its loss starts an offline period (a harness-side drop under the fault ends the station's reconnects). */
export function watchConnection(st: StationState, rpc: RpcPeer): void {
  rpc.onClose(() => {
    // Registered before the connection's own close handler: marking the socket as the station's own close stops the reconnect.
    if (st.faults.has('lost-connection-not-restored') && !st.stopped) st.closing.add(rpc);
    if (!away.has(st)) away.set(st, { since: st.o.clock.now(), status: statusPayload(st).connectorStatus as string });
  });
}

/** Connected again: ends the offline period; an accepted station that did not reboot reports its connectors (B04). */
export function backOnline(st: StationState, reportNow: boolean): void {
  const was = away.get(st);
  away.delete(st);
  if (!reportNow) return;
  const thresholdMs = st.dm.int('OCPPCommCtrlr', 'OfflineThreshold') * 1000;
  const long = !was || st.o.clock.now() - was.since > thresholdMs;
  if (long && !st.faults.has('offline-long-reports-changed-only')) {
    reportStatus(st, true);
    return;
  }
  const now = statusPayload(st);
  st.reportedStatus = now.connectorStatus as string;
  if (!long && st.faults.has('offline-short-change-unreported')) return;
  if (now.connectorStatus !== was?.status) void st.send('StatusNotification', now);
}
