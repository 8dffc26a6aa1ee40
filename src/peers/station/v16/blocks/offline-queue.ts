import type { Payload } from '../../../rpc.js';
import type { ChargePoint16 } from '../charge-point.js';

/**
 * The offline queue of the 1.6 reference charge point: transaction-related messages (MeterValues
 * of a transaction, StopTransaction) produced while it has no accepted connection are kept and
 * delivered in the order they arose once the next connection is accepted (OCPP 1.6 §3.6).
 */

/** Whether a message now would go nowhere: no connection, or its boot not (yet) accepted. */
export function offline(cp: ChargePoint16): boolean {
  return !cp.rpc || cp.rpc.closed || cp.bootState !== 'accepted';
}

/** Keeps a transaction-related message for the next accepted connection (unless a fault drops it). */
export function queueWhileOffline(cp: ChargePoint16, action: 'MeterValues' | 'StopTransaction', payload: Payload): void {
  if (action === 'MeterValues' && cp.faults.has('offline-meter-values-dropped')) return;
  if (action === 'StopTransaction' && cp.faults.has('offline-stop-dropped')) return;
  cp.offlineQueue.push({ action, payload });
}

/** Delivers what was kept while offline, oldest first. */
export async function flushOfflineQueue(cp: ChargePoint16): Promise<void> {
  for (const m of cp.offlineQueue.splice(0)) await cp.send(m.action, m.payload);
}
