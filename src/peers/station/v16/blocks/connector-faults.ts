import type { Payload } from '../../../rpc.js';
import type { ChargePoint16, Connector } from '../charge-point.js';
import { onPlugIn } from './transactions.js';

/**
 * Hardware faults of the 1.6 reference charge point's connectors (manual actions cableLockFailure,
 * unlockFailure): a cable that cannot be locked makes the connector Faulted with errorCode
 * ConnectorLockFailure and starts nothing; a jammed lock answers UnlockConnector with UnlockFailed.
 */

/** The cable goes in but the lock does not close: Faulted (ConnectorLockFailure), no transaction, the authorization dropped. */
export function cableLockFailure(cp: ChargePoint16, c: Connector): void {
  c.plugged = true;
  if (cp.faults.has('lock-failure-ignored')) {
    void onPlugIn(cp, c);
    return;
  }
  cp.cancel(c.authorized?.timer);
  c.authorized = undefined;
  c.errorCode = 'ConnectorLockFailure';
  cp.setStatus(c, 'Faulted');
}

/** The fault clears when the cable is taken out. */
export function clearLockFailure(c: Connector): void {
  if (c.errorCode === 'ConnectorLockFailure') c.errorCode = undefined;
}

/** UnlockConnector on a jammed lock: the attempt fails (one attempt; the lock is freed afterwards). */
export function jammedUnlock(cp: ChargePoint16, c: Connector): Payload {
  c.unlockJammed = false;
  return { status: cp.faults.has('unlock-failure-reported-unlocked') ? 'Unlocked' : 'UnlockFailed' };
}
