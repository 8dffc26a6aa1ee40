import type { Payload, RpcPeer } from '../../../rpc.js';
import type { IdToken, StationState } from '../state.js';
import { isOperative, otherEvses, statusPayload } from './availability.js';
import { meterValue } from './meter-values.js';
import { boot } from './provisioning.js';
import { startRenewal } from './security.js';
import { authorizeSession, endTx } from './transactions.js';

/** Block F (remote control): remote start/stop and TriggerMessage. */

/** A remote start once accepted: authorize first when AuthorizeRemoteStart, then wait for the cable or start. */
export async function remoteStart(st: StationState, idToken: IdToken, remoteStartId: number): Promise<void> {
  const authorize = st.dm.bool('AuthCtrlr', 'AuthorizeRemoteStart')
    ? !st.faults.has('remote-start-skips-authorize')
    : st.faults.has('remote-start-authorizes-anyway');
  if (authorize) {
    const res = await st.send('Authorize', { idToken });
    if (res?.idTokenInfo?.status !== 'Accepted') return;
  }
  if (st.tx?.authorized) return;
  authorizeSession(st, idToken, 'remote', remoteStartId);
  // Broken: the remote start waits for its cable for ever (no EVConnectionTimeOut).
  if (st.faults.has('remote-start-timeout-ignored') && st.pendingStart?.origin === 'remote') st.cancel(st.pendingStart.timer);
}

export function requestStart(st: StationState, p: Payload): Payload {
  const rejected = (why: string): Payload => ({ status: 'Rejected', statusInfo: { reasonCode: why } });
  if (st.bootState !== 'accepted') return rejected('NotRegistered');
  if (p.evseId !== undefined && p.evseId !== st.evseId) return rejected('UnknownEvse');
  if (st.tx?.authorized || st.pendingStart) return rejected('TxInProgress');
  if (!isOperative(st)) return rejected('Unavailable');
  const idToken = { idToken: p.idToken.idToken as string, type: p.idToken.type as string };
  st.later(0, () => st.serialize(() => remoteStart(st, idToken, p.remoteStartId as number)));
  // A transaction started before authorization (TxStartPoint EVConnected) is the one the start joins; its id goes back (F01).
  return st.tx ? { status: 'Accepted', transactionId: st.tx.id } : { status: 'Accepted' };
}

export function requestStop(st: StationState, p: Payload): Payload {
  if (!st.tx || st.tx.id !== p.transactionId) {
    return st.faults.has('remote-stop-unknown-accepted')
      ? { status: 'Accepted' }
      : { status: 'Rejected', statusInfo: { reasonCode: 'UnknownTransaction' } };
  }
  const trigger = st.faults.has('remote-stop-wrong-trigger') ? 'StopAuthorized' : 'RemoteStop';
  st.later(0, () => void endTx(st, trigger, 'Remote'));
  return { status: 'Accepted' };
}

/** UnlockConnector (F05): never during an authorized transaction; with or without a cable the lock opens. */
export function unlockConnector(st: StationState, p: Payload): Payload {
  const ours = p.evseId === st.evseId && p.connectorId === st.connectorId;
  const known = ours || (otherEvses(st).includes(p.evseId as number) && p.connectorId === 1);
  if (!known) return { status: st.faults.has('unlock-unknown-connector-unlocked') ? 'Unlocked' : 'UnknownConnector' };
  if (ours && st.tx?.authorized && !st.faults.has('unlock-during-tx')) return { status: 'OngoingAuthorizedTransaction' };
  const plugged = ours && st.plugged;
  if (plugged && st.faults.has('unlock-plugged-fails')) return { status: 'UnlockFailed' };
  if (!plugged && st.faults.has('unlock-unplugged-fails')) return { status: 'UnlockFailed' };
  return { status: 'Unlocked' };
}

function evseMatches(st: StationState, evse: { id: number; connectorId?: number } | undefined): boolean {
  if (!evse) return true;
  return evse.id === st.evseId && (evse.connectorId === undefined || evse.connectorId === st.connectorId);
}

export function triggerMessage(st: StationState, p: Payload, rpc: RpcPeer): Payload {
  const evse = p.evse as { id: number; connectorId?: number } | undefined;
  const accepted: Payload = { status: 'Accepted' };
  const rejected: Payload = { status: 'Rejected' };
  switch (p.requestedMessage as string) {
    case 'BootNotification':
      if (st.bootState === 'accepted' && !st.faults.has('trigger-boot-when-accepted')) return rejected;
      st.later(0, () => void boot(st, rpc, 'Triggered'));
      return accepted;
    case 'Heartbeat':
      if (!st.faults.has('trigger-heartbeat-ignored')) st.later(0, () => void st.send('Heartbeat', {}, true));
      return accepted;
    case 'StatusNotification':
      if (!evseMatches(st, evse)) return rejected;
      st.later(0, () => {
        const payload = statusPayload(st);
        if (st.faults.has('trigger-status-stale')) payload.connectorStatus = 'Available';
        if (st.faults.has('trigger-status-wrong-evse')) Object.assign(payload, { evseId: 0, connectorId: 0 });
        void st.send('StatusNotification', payload, true);
      });
      return accepted;
    case 'MeterValues':
      if (!evseMatches(st, evse)) return rejected;
      if (!evse && st.faults.has('trigger-metervalues-all-rejected')) return rejected;
      st.later(0, () => {
        const context = st.faults.has('trigger-metervalues-wrong-context') ? 'Sample.Periodic' : 'Trigger';
        // Without an EVSE: every EVSE (F06.FR.13); the extra idle EVSEs have their own (unused) meters.
        for (const evseId of evse ? [st.evseId] : [st.evseId, ...otherEvses(st)]) {
          const measurands = st.dm.list('AlignedDataCtrlr', 'Measurands');
          void st.send('MeterValues', { evseId, meterValue: [meterValue(st, context, measurands)] }, true);
        }
      });
      return accepted;
    case 'TransactionEvent':
      if (!evseMatches(st, evse) || !st.tx) return rejected;
      if (!evse && st.faults.has('trigger-txevent-all-rejected')) return rejected;
      st.later(
        0,
        () =>
          void st.txEvent('Updated', st.faults.has('trigger-txevent-wrong-trigger') ? 'MeterValuePeriodic' : 'Trigger', {
            meterValue: [meterValue(st, 'Trigger', st.dm.list('SampledDataCtrlr', 'TxUpdatedMeasurands'))],
          }),
      );
      return accepted;
    case 'LogStatusNotification': {
      const status = st.faults.has('trigger-log-status-not-idle') ? 'Uploaded' : 'Idle';
      st.later(0, () => void st.send('LogStatusNotification', { status }, true));
      return accepted;
    }
    case 'FirmwareStatusNotification': {
      // The EVSE means nothing for a firmware status and is ignored (F06.FR.11).
      if (evse && st.faults.has('trigger-firmware-evse-rejected')) return rejected;
      const status = st.faults.has('trigger-firmware-status-not-idle') ? 'Installed' : 'Idle';
      st.later(0, () => void st.send('FirmwareStatusNotification', { status }, true));
      return accepted;
    }
    case 'SignChargingStationCertificate':
      startRenewal(st);
      return accepted;
    default:
      return st.faults.has('trigger-unsupported-accepted') ? accepted : { status: 'NotImplemented' };
  }
}
