import type { ActionOutcome, ManualAction } from '../../../core/manual-actions.js';
import type { StationState } from './state.js';
import { presentIdToken } from './blocks/authorization.js';
import { lockFailure } from './blocks/availability.js';
import { fingerprint } from './blocks/certificates.js';
import { securityEvent } from './blocks/security.js';
import { endTx, maybeStart, plugIn, unplug } from './blocks/transactions.js';
import { evSideDisconnect, evSideReconnect, evSideRefusal } from './blocks/ev-side.js';
import { bayOccupied, enterBay, evStopsCharging, leaveBay } from './blocks/tx-points.js';

/** What a person does at the station: plug in, unplug, present a card, power-cycle, open the enclosure ... */
export async function perform(st: StationState, action: ManualAction): Promise<ActionOutcome> {
  if (st.crashed) return { done: false, reason: 'the reference station has crashed' };
  const params = action.params;
  const onOurConnector = () =>
    (params.evseId === undefined || params.evseId === st.evseId) &&
    (params.connectorId === undefined || params.connectorId === st.connectorId);
  switch (action.action) {
    case 'plugIn':
      if (!onOurConnector())
        return {
          done: false,
          reason: `the reference station has no evse ${String(params.evseId)} connector ${String(params.connectorId)}`,
        };
      if (st.plugged) return { done: false, reason: 'a cable is plugged in already' };
      st.serialize(() => plugIn(st));
      return { done: true };
    case 'unplug':
      if (!onOurConnector())
        return {
          done: false,
          reason: `the reference station has no evse ${String(params.evseId)} connector ${String(params.connectorId)}`,
        };
      if (!st.plugged) return { done: false, reason: 'no cable is plugged in' };
      st.serialize(() => unplug(st));
      return { done: true };
    case 'presentIdToken': {
      if (typeof params.idToken !== 'string') return { done: false, reason: 'presentIdToken needs an idToken' };
      if (params.evseId !== undefined && params.evseId !== st.evseId)
        return { done: false, reason: `the reference station has no evse ${String(params.evseId)}` };
      const token = { idToken: params.idToken, type: typeof params.type === 'string' ? params.type : 'ISO14443' };
      st.serialize(() => presentIdToken(st, token));
      return { done: true };
    }
    case 'enterParkingBay':
    case 'leaveParkingBay': {
      if (params.evseId !== undefined && params.evseId !== st.evseId)
        return { done: false, reason: `the reference station has no evse ${String(params.evseId)}` };
      const enter = action.action === 'enterParkingBay';
      if (bayOccupied(st) === enter) return { done: false, reason: `the parking bay is ${enter ? 'occupied' : 'empty'} already` };
      st.serialize(() => (enter ? enterBay : leaveBay)(st, { maybeStart, endTx }));
      return { done: true };
    }
    case 'evStopsCharging':
      if (!st.plugged) return { done: false, reason: 'no EV is connected' };
      st.serialize(() => evStopsCharging(st, { maybeStart, endTx }));
      return { done: true };
    case 'evSideDisconnect':
    case 'evSideReconnect': {
      if (params.evseId !== undefined && params.evseId !== st.evseId)
        return { done: false, reason: `the reference station has no evse ${String(params.evseId)}` };
      const reconnect = action.action === 'evSideReconnect';
      const refusal = evSideRefusal(st, reconnect);
      if (refusal) return { done: false, reason: refusal };
      st.serialize(() => (reconnect ? evSideReconnect : evSideDisconnect)(st));
      return { done: true };
    }
    case 'cableLockFailure':
      if (!onOurConnector() || st.plugged)
        return { done: false, reason: 'the reference station can fail to lock only its idle configured connector' };
      st.serialize(() => lockFailure(st));
      return { done: true };
    case 'reboot':
      st.serialize(() => st.reboot('PowerUp'));
      return { done: true };
    case 'tamper':
      // The enclosure switch: a critical event, pushed (queued while offline) and logged.
      securityEvent(st, 'TamperDetectionActivated', 'enclosure opened');
      return { done: true };
    case 'removeCertificates': {
      // The technician removes CA certificates of a type (a station without a CSMS root, TC_A_20).
      const type = typeof params.certificateType === 'string' ? params.certificateType : 'CSMSRootCertificate';
      if (type !== 'CSMSRootCertificate')
        return { done: false, reason: `the reference station can only remove CSMSRootCertificate by hand` };
      for (const pem of st.store.csmsRoots()) st.removedRoots.add(fingerprint(pem));
      return { done: true };
    }
    case 'maintenanceLogin': {
      if (typeof params.success !== 'boolean') return { done: false, reason: 'maintenanceLogin needs success: true or false' };
      // The local maintenance port checks the password; either outcome is a pushed security event.
      if (params.success) securityEvent(st, 'MaintenanceLoginAccepted', 'local maintenance port: login accepted');
      else securityEvent(st, 'MaintenanceLoginFailed', 'local maintenance port: wrong password');
      return { done: true };
    }
    default:
      return { done: false, reason: `the reference station cannot perform "${action.action}"` };
  }
}
