import type { Payload } from '../../../rpc.js';
import { AFTER_REPLY_MS, type ChargePoint16 } from '../charge-point.js';
import { requestCertificate } from './certificates.js';
import { bootPayload, restartHeartbeat } from './core.js';
import { sendMeterValues } from './transactions.js';

/**
 * Remote trigger of the 1.6 reference charge point (section RemoteTrigger): TriggerMessage, and
 * the whitepaper's ExtendedTriggerMessage, which adds the certificate, firmware and log triggers.
 */

export function onTrigger(cp: ChargePoint16, p: Payload): Payload {
  let id = p.connectorId as number | undefined;
  if (id !== undefined && id !== 0 && !cp.connector(id)) {
    if (!cp.faults.has('trigger-unknown-connector-accepted')) return { status: 'Rejected' };
    id = 1;
  }
  const what = String(p.requestedMessage);
  const run = (fn: () => Promise<unknown>) => cp.later(AFTER_REPLY_MS, () => void fn());
  switch (what) {
    case 'BootNotification':
      run(async () => {
        const res = await cp.send('BootNotification', bootPayload(cp));
        if (res?.status === 'Accepted' && Number(res.interval) > 0) {
          cp.cfg.set('HeartbeatInterval', String(res.interval));
          restartHeartbeat(cp);
        }
      });
      break;
    case 'Heartbeat':
      run(() => cp.send('Heartbeat', {}));
      break;
    case 'StatusNotification':
      if (!cp.faults.has('trigger-status-not-sent')) {
        run(async () => {
          const ids = id === undefined ? [0, ...cp.connectors.map((c) => c.id)] : [id];
          for (const i of ids)
            await cp.send('StatusNotification', { connectorId: i, errorCode: 'NoError', status: cp.statusOf(i), timestamp: cp.now() });
        });
      }
      break;
    case 'MeterValues':
      run(async () => {
        const list = id === undefined || id === 0 ? cp.connectors : [cp.connector(id)!];
        for (const c of list) await sendMeterValues(cp, c, 'Trigger');
      });
      break;
    case 'DiagnosticsStatusNotification':
      run(() => cp.send('DiagnosticsStatusNotification', { status: 'Idle' }));
      break;
    case 'FirmwareStatusNotification':
      run(() => cp.send('FirmwareStatusNotification', { status: 'Idle' }));
      break;
    default:
      return { status: 'NotImplemented' };
  }
  return { status: 'Accepted' };
}

export function onExtendedTrigger(cp: ChargePoint16, p: Payload): Payload {
  const what = String(p.requestedMessage);
  const run = (fn: () => Promise<unknown>) => cp.later(AFTER_REPLY_MS, () => void fn());
  switch (what) {
    case 'SignChargePointCertificate':
      run(() => requestCertificate(cp));
      return { status: 'Accepted' };
    case 'FirmwareStatusNotification':
      run(() => cp.send('SignedFirmwareStatusNotification', { status: cp.firmwareStatus }));
      return { status: 'Accepted' };
    case 'LogStatusNotification':
      run(() => cp.send('LogStatusNotification', { status: cp.logStatus }));
      return { status: 'Accepted' };
    default:
      return onTrigger(
        cp,
        p.connectorId === undefined ? { requestedMessage: what } : { requestedMessage: what, connectorId: p.connectorId },
      );
  }
}
