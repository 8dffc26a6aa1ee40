import { stationSerialOf } from '../../../../core/config.js';
import type { RpcPeer, Payload } from '../../../rpc.js';
import type { ChargePoint16 } from '../charge-point.js';
import { restartSampling } from './transactions.js';
import { flushOfflineQueue } from './offline-queue.js';
import { flushEvents } from './security-log.js';
import { restartClockAligned } from './metering.js';

/**
 * Core profile of the 1.6 reference charge point outside the other blocks: boot (sections
 * ColdBoot and Offline: BootNotification, the connector statuses after it, Heartbeat), ClearCache
 * (empties the authorization cache) and DataTransfer (it knows no vendor).
 */

export function bootPayload(cp: ChargePoint16): Payload {
  return {
    chargePointVendor: 'ocpp-harness',
    chargePointModel: 'RefChargePoint16',
    chargePointSerialNumber: stationSerialOf(cp.o.config).slice(0, 25),
    firmwareVersion: '1.0.0',
  };
}

/** BootNotification on a new connection, repeated at the given interval until Accepted. */
export async function boot(cp: ChargePoint16, rpc: RpcPeer): Promise<void> {
  if (cp.rpc !== rpc || cp.stopped) return;
  const res = await cp.send('BootNotification', bootPayload(cp));
  if (!res || cp.rpc !== rpc) return;
  const interval = Number(res.interval) || 0;
  if (res.status === 'Accepted') {
    cp.bootState = 'accepted';
    if (interval > 0) cp.cfg.set('HeartbeatInterval', String(interval));
    await afterAccepted(cp);
    return;
  }
  cp.bootState = res.status === 'Pending' ? 'pending' : 'rejected';
  if (cp.bootState === 'pending' && cp.faults.has('boot-pending-no-retry')) return;
  const waitS = interval > 0 ? interval : cp.o.config.timeouts.bootRetryIntervalS;
  cp.later(waitS * 1000, () => void boot(cp, rpc));
}

/** Once accepted: connector statuses, heartbeat, the stops and events kept while offline. */
export async function afterAccepted(cp: ChargePoint16): Promise<void> {
  if (!cp.faults.has('boot-no-status-notification')) {
    await cp.sendStatus(0);
    for (const c of cp.connectors) await cp.sendStatus(c.id);
  }
  restartHeartbeat(cp);
  restartClockAligned(cp);
  for (const stop of cp.unsentStops.splice(0)) await cp.send('StopTransaction', stop);
  await flushOfflineQueue(cp);
  for (const c of cp.connectors) if (c.tx) restartSampling(cp, c);
  await flushEvents(cp);
}

export function restartHeartbeat(cp: ChargePoint16): void {
  cp.cancel(cp.heartbeatTimer);
  cp.heartbeatTimer = undefined;
  const s = cp.cfg.int('HeartbeatInterval');
  if (s <= 0 || cp.bootState !== 'accepted') return;
  const beat = () => {
    cp.heartbeatTimer = undefined;
    if (cp.bootState !== 'accepted') return;
    void cp.send('Heartbeat', {});
    cp.heartbeatTimer = cp.later(cp.cfg.int('HeartbeatInterval') * 1000, beat);
  };
  cp.heartbeatTimer = cp.later(s * 1000, beat);
}

export function onClearCache(cp: ChargePoint16): Payload {
  if (!cp.faults.has('clear-cache-keeps-entries')) cp.authCache.clear();
  return { status: 'Accepted' };
}

export function onDataTransfer(cp: ChargePoint16): Payload {
  return { status: cp.faults.has('datatransfer-unknown-vendor-accepted') ? 'Accepted' : 'UnknownVendorId' };
}
