import type { Payload } from '../../../rpc.js';
import type { StationState } from '../state.js';
import { otherEvses, reportStatus, statusPayload } from './availability.js';
import { stopCharging } from './meter-values.js';
import { endTx } from './transactions.js';

/**
 * Block B, Reset of one EVSE (B11, B12): offered when the station's configuration declares the
 * PICS item C-13 (reset per EVSE). The EVSE goes Unavailable for a short reset and comes back
 * with its current status; the station itself stays connected and registered. With a
 * transaction on the EVSE: OnIdle is Scheduled until the transaction has ended, Immediate ends
 * the transaction first (ImmediateReset).
 */

/** How long the reset EVSE stays unavailable. */
const EVSE_RESET_MS = 200;
/** How often a scheduled EVSE reset looks whether the transaction has ended. */
const IDLE_POLL_MS = 50;

/** The configured EVSE resets: Unavailable now, its current status once the reset is over. */
function cycle(st: StationState): void {
  st.reportedStatus = 'Unavailable';
  void st.send('StatusNotification', { ...statusPayload(st), connectorStatus: 'Unavailable' });
  st.later(EVSE_RESET_MS, () => {
    st.reportedStatus = undefined;
    reportStatus(st);
  });
}

/** An idle extra EVSE (variant `evses`) resets the same way. */
function cycleOther(st: StationState, evseId: number): void {
  const status = (s: string) => ({ timestamp: st.now(), connectorStatus: s, evseId, connectorId: 1 });
  void st.send('StatusNotification', status('Unavailable'));
  st.later(EVSE_RESET_MS, () => {
    const back = st.operative.station && !st.inoperativeEvses.has(evseId) ? 'Available' : 'Unavailable';
    void st.send('StatusNotification', status(back));
  });
}

/** Resets the EVSE once no transaction runs on it (the station has no end-of-transaction hook for this block). */
function whenIdle(st: StationState, fn: () => void): void {
  const poll = () => {
    if (st.tx) st.later(IDLE_POLL_MS, poll);
    else fn();
  };
  st.later(IDLE_POLL_MS, poll);
}

export function resetEvse(st: StationState, p: Payload): Payload {
  const evseId = p.evseId as number;
  if (!st.o.config.features.includes('C-13'))
    return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRequest', additionalInfo: 'EVSE reset is not supported' } };
  if (otherEvses(st).includes(evseId)) {
    st.later(0, () => cycleOther(st, evseId));
    return { status: 'Accepted' };
  }
  if (evseId !== st.evseId) return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } };
  if (!st.tx) {
    if (st.faults.has('evse-reset-reboots-station')) st.later(0, () => st.reboot('RemoteReset'));
    else st.later(0, () => cycle(st));
    return { status: 'Accepted' };
  }
  if (p.type === 'OnIdle' && !st.faults.has('evse-reset-onidle-immediate')) {
    whenIdle(st, () => cycle(st));
    return { status: 'Scheduled' };
  }
  st.later(0, () => {
    void (async () => {
      if (!st.faults.has('evse-reset-immediate-no-tx-end')) await endTx(st, 'ResetCommand', 'ImmediateReset');
      else {
        stopCharging(st);
        st.tx = undefined;
      }
      if (!st.stopped) cycle(st);
    })();
  });
  return { status: 'Accepted' };
}
