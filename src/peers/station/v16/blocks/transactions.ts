import type { Payload } from '../../../rpc.js';
import type { ChargePoint16, Connector } from '../charge-point.js';
import { offline, queueWhileOffline } from './offline-queue.js';
import { holds, takeReservation } from './reservation.js';
import { remoteStartExpired, transactionEnded, transactionStarted } from './smart-charging.js';

/**
 * Transactions of the 1.6 reference charge point (sections Transactions, Authorization and
 * MeterValues): local authorization with Authorize, starting on idTag-then-cable or
 * cable-then-idTag, stopping (local, EV side, remote, reset), and periodic meter values.
 */

/** An idTag waits for the cable on `c`, at most ConnectionTimeOut seconds. */
export function authorizeFor(cp: ChargePoint16, c: Connector, idTag: string, remote: boolean): void {
  cp.cancel(c.authorized?.timer);
  const timeoutS = cp.cfg.int('ConnectionTimeOut');
  const auth: Connector['authorized'] = { idTag, remote };
  if (timeoutS > 0 && !cp.faults.has('connection-timeout-ignored')) {
    auth.timer = cp.later(timeoutS * 1000, () => {
      if (c.authorized !== auth) return;
      c.authorized = undefined;
      remoteStartExpired(c);
      cp.setStatus(c, cp.restingStatus(c));
    });
  }
  c.authorized = auth;
  cp.setStatus(c, 'Preparing');
}

export async function startTx(cp: ChargePoint16, c: Connector, idTag: string, parentIdTag?: string): Promise<void> {
  cp.cancel(c.authorized?.timer);
  c.authorized = undefined;
  if (c.tx || c.starting) return;
  c.starting = true;
  const meterStart = c.energyWh;
  const startedAt = cp.o.clock.now();
  const payload: Payload = { connectorId: c.id, idTag, meterStart, timestamp: new Date(startedAt).toISOString() };
  // A start that uses a reservation names it (OCPP 1.6 §5.13) and ends it.
  const { reservationId } = takeReservation(cp, c, idTag, c.parentIdTag ?? parentIdTag);
  c.parentIdTag = undefined;
  if (reservationId !== undefined) payload.reservationId = reservationId;
  const res = await cp.send('StartTransaction', payload);
  c.starting = false;
  if (!res || cp.stopped) return;
  const info = res.idTagInfo as Payload | undefined;
  c.tx = { transactionId: Number(res.transactionId), idTag, meterStart, startedAt };
  if (typeof info?.parentIdTag === 'string') c.tx.parentIdTag = info.parentIdTag;
  transactionStarted(cp, c);
  cp.setStatus(c, 'Charging');
  restartSampling(cp, c);
  const status = (res.idTagInfo as Payload | undefined)?.status;
  if (status !== 'Accepted' && cp.cfg.bool('StopTransactionOnInvalidId')) await stopTx(cp, c, 'DeAuthorized');
}

export async function stopTx(cp: ChargePoint16, c: Connector, reason: string, idTag?: string): Promise<void> {
  const tx = c.tx;
  if (!tx) return;
  const meterStop = cp.meterOf(c);
  c.tx = undefined;
  transactionEnded(cp, c);
  c.energyWh = meterStop;
  cp.cancel(c.sampleTimer);
  c.sampleTimer = undefined;
  const payload: Payload = { transactionId: tx.transactionId, meterStop, timestamp: cp.now(), reason };
  if (idTag) payload.idTag = idTag;
  cp.setStatus(c, c.plugged ? 'Finishing' : 'Available');
  if (offline(cp)) queueWhileOffline(cp, 'StopTransaction', payload);
  else await cp.send('StopTransaction', payload);
  if (c.scheduledInoperative) {
    c.scheduledInoperative = false;
    c.operative = false;
    cp.setStatus(c, 'Unavailable');
  }
}

export function restartSampling(cp: ChargePoint16, c: Connector): void {
  cp.cancel(c.sampleTimer);
  c.sampleTimer = undefined;
  const s = cp.cfg.int('MeterValueSampleInterval');
  if (s <= 0 || !c.tx || cp.faults.has('meter-sample-interval-ignored')) return;
  const sample = () => {
    c.sampleTimer = undefined;
    if (!c.tx) return;
    void sendMeterValues(cp, c, 'Sample.Periodic');
    c.sampleTimer = cp.later(cp.cfg.int('MeterValueSampleInterval') * 1000, sample);
  };
  c.sampleTimer = cp.later(s * 1000, sample);
}

export async function sendMeterValues(cp: ChargePoint16, c: Connector, context: string): Promise<void> {
  // Offline, only the samples of a transaction are kept (they are transaction-related messages).
  if (cp.bootState !== 'accepted' && !c.tx) return;
  const payload: Payload = {
    connectorId: c.id,
    meterValue: [
      {
        timestamp: cp.now(),
        sampledValue: [{ value: String(cp.meterOf(c)), context, measurand: 'Energy.Active.Import.Register', unit: 'Wh' }],
      },
    ],
  };
  if (c.tx) payload.transactionId = c.tx.transactionId;
  if (offline(cp)) queueWhileOffline(cp, 'MeterValues', payload);
  else await cp.send('MeterValues', payload);
}

export async function onPlugIn(cp: ChargePoint16, c: Connector): Promise<void> {
  // The EV is back on a transaction kept through its disconnect: charging goes on.
  if (c.tx && c.status === 'SuspendedEV' && !cp.faults.has('ev-reconnect-not-resumed')) cp.setStatus(c, 'Charging');
  if (c.tx || c.starting) return;
  const auth = c.authorized;
  if (auth && c.operative) {
    if (auth.remote && cp.faults.has('remote-start-first-no-tx')) return;
    if (!auth.remote && cp.faults.has('idfirst-no-start')) return;
    await startTx(cp, c, auth.idTag);
    return;
  }
  cp.setStatus(c, cp.restingStatus(c));
}

export async function onUnplug(cp: ChargePoint16, c: Connector): Promise<void> {
  if (c.tx) {
    if (cp.cfg.bool('StopTransactionOnEVSideDisconnect') && !cp.faults.has('ev-disconnect-tx-not-stopped'))
      await stopTx(cp, c, 'EVDisconnected');
    else cp.setStatus(c, 'SuspendedEV');
    if (c.tx) return;
  }
  cp.setStatus(c, cp.restingStatus(c));
}

export async function onIdTag(cp: ChargePoint16, idTag: string): Promise<void> {
  // The same idTag on a running transaction ends it (a local stop).
  const running = cp.connectors.find((c) => c.tx?.idTag === idTag);
  if (running) {
    await stopTx(cp, running, 'Local', cp.faults.has('stop-tx-idtag-omitted') ? undefined : idTag);
    return;
  }
  if (cp.bootState !== 'accepted') return;
  const { accepted, parentIdTag } = await authorizeIdTag(cp, idTag);
  // Another idTag of the same group (parentIdTag) ends a running transaction (OCPP 1.6 §3.4.3).
  const group = accepted && parentIdTag !== undefined ? cp.connectors.find((c) => c.tx?.parentIdTag === parentIdTag) : undefined;
  if (group && !cp.faults.has('stop-by-parent-idtag-ignored')) {
    await stopTx(cp, group, 'Local', idTag);
    return;
  }
  if (!accepted && !cp.faults.has('authorize-invalid-starts-tx')) return;
  // A connector reserved for someone else is not free; one reserved for this idTag (or its parent) comes first.
  const free = cp.connectors.filter((c) => c.operative && !c.tx && !c.starting && !takeReservationPeek(cp, c, idTag, parentIdTag).blocked);
  const target = free.find((c) => c.plugged) ?? free.find((c) => cp.reservationOn(c)) ?? free[0];
  if (!target) return;
  target.parentIdTag = parentIdTag;
  if (target.plugged) {
    if (cp.faults.has('plugin-first-no-start')) return;
    await startTx(cp, target, idTag);
  } else {
    authorizeFor(cp, target, idTag, false);
  }
}

/**
 * Whether the central system (or the local list / cache, where the configuration allows) accepts
 * the idTag: with AuthorizationCacheEnabled the answers are remembered; with LocalPreAuthorize an
 * idTag Accepted in the local list (LocalAuthListEnabled) or the cache starts at once, no Authorize
 * sent (OCPP 1.6 §3.5); while offline the same holds with LocalAuthorizeOffline.
 */
export async function authorizeIdTag(cp: ChargePoint16, idTag: string): Promise<{ accepted: boolean; parentIdTag?: string }> {
  const cacheOn = cp.cfg.bool('AuthorizationCacheEnabled');
  const cached = cacheOn && !cp.faults.has('auth-cache-not-used') ? cp.authCache.get(idTag) : undefined;
  const listed = cp.cfg.bool('LocalAuthListEnabled') && !cp.faults.has('local-list-not-used') ? cp.localList.get(idTag) : undefined;
  const local = listed ? { status: listed.status, parentIdTag: listed.parentIdTag } : { status: cached };
  const localParent = typeof local.parentIdTag === 'string' ? local.parentIdTag : undefined;
  const online = cp.rpc !== undefined && !cp.rpc.closed;
  if (local.status === 'Accepted' && online && cp.cfg.bool('LocalPreAuthorize')) return { accepted: true, parentIdTag: localParent };
  if (!online) return { accepted: local.status === 'Accepted' && cp.cfg.bool('LocalAuthorizeOffline'), parentIdTag: localParent };
  const res = await cp.send('Authorize', { idTag });
  const info = res?.idTagInfo as Payload | undefined;
  const status = info?.status as string | undefined;
  if (cacheOn && status) cp.authCache.set(idTag, status);
  return { accepted: status === 'Accepted', parentIdTag: typeof info?.parentIdTag === 'string' ? info.parentIdTag : undefined };
}

/** Whether connector `c` is reserved for someone other than `idTag` (nothing is taken). */
function takeReservationPeek(cp: ChargePoint16, c: Connector, idTag: string, parentIdTag?: string): { blocked: boolean } {
  const r = cp.reservationOn(c);
  return { blocked: r !== undefined && !holds(cp, r, idTag, parentIdTag) };
}
