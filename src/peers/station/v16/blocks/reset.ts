import type { Payload } from '../../../rpc.js';
import { AFTER_REPLY_MS, RECONNECT_MS, type ChargePoint16 } from '../charge-point.js';
import { connect } from '../connection.js';
import { securityEvent } from './security-log.js';
import { stopTx } from './transactions.js';
import { transactionEnded } from './smart-charging.js';

/**
 * Reset of the 1.6 reference charge point (section Reset): Reset Hard/Soft stops the running
 * transactions with their reason and reboots; a reboot (also the manual one) cuts any transaction
 * left by power loss and reports it after the next accepted boot.
 */

export function onReset(cp: ChargePoint16, p: Payload): Payload {
  const hard = p.type === 'Hard';
  if (!hard && cp.faults.has('soft-reset-rejected')) return { status: 'Rejected' };
  if (hard && cp.faults.has('hard-reset-no-reboot')) return { status: 'Accepted' };
  cp.later(AFTER_REPLY_MS, () => void reset(cp, hard));
  return { status: 'Accepted' };
}

async function reset(cp: ChargePoint16, hard: boolean): Promise<void> {
  for (const c of cp.connectors) {
    if (!c.tx) continue;
    if (hard && cp.faults.has('hard-reset-tx-not-stopped')) {
      c.energyWh = cp.meterOf(c);
      c.tx = undefined;
      continue;
    }
    await stopTx(cp, c, hard ? 'HardReset' : cp.faults.has('soft-reset-wrong-reason') ? 'Other' : 'SoftReset');
  }
  reboot(cp);
}

/** Drops the connection and boots again (Reset, power cycle). */
export function reboot(cp: ChargePoint16): void {
  securityEvent(cp, 'ResetOrReboot', undefined, false);
  cp.rebooting = true;
  const rpc = cp.rpc;
  cp.rpc = undefined;
  cp.wentOffline();
  for (const c of cp.connectors) {
    cp.cancel(c.sampleTimer);
    c.sampleTimer = undefined;
    cp.cancel(c.authorized?.timer);
    c.authorized = undefined;
    c.starting = false;
    if (c.tx) {
      // Power lost with a transaction running: it ends now and is reported after the boot.
      if (!cp.faults.has('power-loss-stop-not-sent'))
        cp.unsentStops.push({
          transactionId: c.tx.transactionId,
          idTag: c.tx.idTag,
          meterStop: cp.meterOf(c),
          timestamp: cp.now(),
          reason: 'PowerLoss',
        });
      c.energyWh = cp.meterOf(c);
      c.tx = undefined;
      transactionEnded(cp, c);
    }
    if (c.scheduledInoperative) {
      c.operative = false;
      c.scheduledInoperative = false;
    }
    if (cp.faults.has('availability-lost-on-reboot')) c.operative = true;
    c.status = !c.operative ? 'Unavailable' : c.plugged ? 'Preparing' : 'Available';
  }
  rpc?.close(1000);
  cp.later(RECONNECT_MS, () => {
    cp.rebooting = false;
    void connect(cp);
  });
}
