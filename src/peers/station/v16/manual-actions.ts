import type { ActionOutcome, ManualAction } from '../../../core/manual-actions.js';
import type { ChargePoint16 } from './charge-point.js';
import { cableLockFailure, clearLockFailure } from './blocks/connector-faults.js';
import { reboot } from './blocks/reset.js';
import { onIdTag, onPlugIn, onUnplug } from './blocks/transactions.js';

/**
 * The "physical" actions on the 1.6 reference charge point (plug in, unplug, present an idTag,
 * reboot). Each returns as soon as it is started; what follows is the charge point's own doing.
 */
export function perform(cp: ChargePoint16, action: ManualAction): ActionOutcome {
  const p = action.params;
  const which = typeof p.connectorId === 'number' ? p.connectorId : typeof p.evseId === 'number' ? p.evseId : 1;
  switch (action.action) {
    case 'plugIn': {
      const c = cp.connector(which);
      if (!c) return { done: false, reason: `the reference charge point has no connector ${which}` };
      if (!c.plugged) {
        c.plugged = true;
        void onPlugIn(cp, c);
      }
      return { done: true };
    }
    case 'unplug': {
      const c = cp.connector(which);
      if (!c) return { done: false, reason: `the reference charge point has no connector ${which}` };
      if (c.plugged) {
        c.plugged = false;
        clearLockFailure(c);
        void onUnplug(cp, c);
      }
      return { done: true };
    }
    case 'presentIdToken': {
      const idTag = String(p.idToken ?? p.idTag ?? '');
      if (!idTag) return { done: false, reason: 'presentIdToken needs an idToken' };
      void onIdTag(cp, idTag);
      return { done: true };
    }
    case 'cableLockFailure': {
      const c = cp.connector(which);
      if (!c || c.plugged) return { done: false, reason: `the reference charge point can fail to lock only an empty connector ${which}` };
      cableLockFailure(cp, c);
      return { done: true };
    }
    case 'unlockFailure': {
      const c = cp.connector(which);
      if (!c) return { done: false, reason: `the reference charge point has no connector ${which}` };
      c.unlockJammed = true;
      return { done: true };
    }
    case 'reboot':
      reboot(cp);
      return { done: true };
    default:
      return { done: false, reason: `the reference charge point cannot perform "${action.action}"` };
  }
}
