import type { Payload } from '../../../rpc.js';
import type { Scope, StationState } from '../state.js';

/** Block G (availability): connector status, StatusNotification and ChangeAvailability. */

export function isOperative(st: StationState): boolean {
  return st.operative.station && st.operative.evse && st.operative.connector;
}

function connectorStatus(st: StationState): string {
  if (!isOperative(st) && !st.tx) return 'Unavailable';
  return st.plugged ? 'Occupied' : 'Available';
}

export function statusPayload(st: StationState): Payload {
  return { timestamp: st.now(), connectorStatus: connectorStatus(st), evseId: st.evseId, connectorId: st.connectorId };
}

/** Reports the connector when its status changed (or always, with `force`: every EVSE's connector). */
export function reportStatus(st: StationState, force = false, anyState = false): void {
  const s = connectorStatus(st);
  if (force) reportOtherEvses(st, anyState);
  if (!force && s === st.reportedStatus) return;
  const before = st.reportedStatus;
  st.reportedStatus = s;
  if (!force && brokenCableReport(st, before, s)) return;
  void st.send('StatusNotification', statusPayload(st), anyState);
}

/**
 * The EVSEs besides the configured one (configuration variant `evses`): ids after it, one
 * connector each, never used for a transaction; each is Available while it and the station are
 * operative.
 */
export function otherEvses(st: StationState): number[] {
  const n = Number.parseInt(st.o.settings?.evses ?? '1', 10) || 1;
  return Array.from({ length: n - 1 }, (_, i) => st.evseId + 1 + i);
}

function reportOtherEvses(st: StationState, anyState = false): void {
  for (const evseId of otherEvses(st)) {
    const connectorStatus = st.operative.station && !st.inoperativeEvses.has(evseId) ? 'Available' : 'Unavailable';
    void st.send('StatusNotification', { timestamp: st.now(), connectorStatus, evseId, connectorId: 1 }, anyState);
  }
}

export function applyAvailability(st: StationState, scope: Scope, operative: boolean): void {
  if (scope === 'evse' && operative && st.faults.has('availability-evse-stays-unavailable')) return;
  st.operative[scope] = operative;
  const silent =
    (scope === 'evse' && !operative && st.faults.has('availability-evse-no-status')) ||
    (scope === 'station' && operative && st.faults.has('availability-station-operative-no-status')) ||
    (scope === 'connector' && operative && st.faults.has('availability-connector-operative-no-status'));
  if (silent) {
    st.reportedStatus = connectorStatus(st);
    return;
  }
  reportStatus(st);
  if (scope === 'station') reportOtherEvses(st);
}

export function changeAvailability(st: StationState, p: Payload): Payload {
  const operative = p.operationalStatus === 'Operative';
  const evse = p.evse as { id: number; connectorId?: number } | undefined;
  let scope: Scope;
  if (!evse || evse.id === 0) {
    if (st.faults.has('availability-station-rejected')) return { status: 'Rejected' };
    scope = 'station';
  } else if (otherEvses(st).includes(evse.id) && (evse.connectorId ?? 1) === 1) {
    if (operative) st.inoperativeEvses.delete(evse.id);
    else st.inoperativeEvses.add(evse.id);
    st.later(0, () => reportOtherEvses(st));
    return { status: 'Accepted' };
  } else if (evse.id !== st.evseId) {
    return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } };
  } else if (evse.connectorId === undefined) {
    scope = 'evse';
  } else if (evse.connectorId !== st.connectorId) {
    return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownConnector' } };
  } else {
    if (st.faults.has('availability-connector-rejected')) return { status: 'Rejected' };
    scope = 'connector';
  }
  if (st.operative[scope] === operative && st.faults.has(`availability-${scope}-same-state-rejected`)) return { status: 'Rejected' };
  st.scheduledAvailability = st.scheduledAvailability.filter((s) => s.scope !== scope);
  if (st.tx && !operative && !st.faults.has('availability-tx-not-scheduled')) {
    st.scheduledAvailability.push({ scope, operative });
    return { status: 'Scheduled' };
  }
  st.later(0, () => {
    if (st.tx && !operative) {
      // Applied during a transaction (only when broken): the connector is reported Unavailable.
      st.operative[scope] = operative;
      st.reportedStatus = 'Unavailable';
      void st.send('StatusNotification', { ...statusPayload(st), connectorStatus: 'Unavailable' });
      return;
    }
    applyAvailability(st, scope, operative);
  });
  return { status: 'Accepted' };
}

/** The plug-in / unplug reports the broken stations leave out (G01). */
function brokenCableReport(st: StationState, before: string | undefined, now: string): boolean {
  if (now === 'Occupied' && st.faults.has('plugin-no-occupied')) return true;
  return now === 'Available' && before === 'Occupied' && st.faults.has('unplug-no-available');
}

/** On a reboot the operational state set by the CSMS stays (G03.FR.07, G04.FR.06); a broken station forgets it. */
export function availabilityAfterReboot(st: StationState): void {
  if (!st.faults.has('availability-lost-on-reboot')) return;
  st.operative.station = st.operative.evse = st.operative.connector = true;
  st.inoperativeEvses.clear();
}

/**
 * The cable goes in but the connector lock fails (G05): the connector is Occupied, the station
 * reports the lock problem with NotifyEvent and starts nothing on this cable.
 */
export function lockFailure(st: StationState): void {
  st.plugged = true;
  reportStatus(st);
  if (st.faults.has('lock-failure-not-reported')) return;
  const timestamp = st.now();
  void st.send('NotifyEvent', {
    generatedAt: timestamp,
    seqNo: 0,
    eventData: [
      {
        eventId: Math.floor(st.o.clock.now() / 1000) % 1_000_000,
        timestamp,
        trigger: 'Delta',
        actualValue: 'true',
        eventNotificationType: 'HardWiredNotification',
        component: { name: 'ConnectorPlugRetentionLock', evse: { id: st.evseId, connectorId: st.connectorId } },
        variable: { name: 'Problem' },
      },
    ],
  });
}
