import type { Payload } from '../../../rpc.js';
import type { ChargePoint16, Connector } from '../charge-point.js';

/**
 * Smart charging of the 1.6 reference charge point (OCPP 1.6 §3.13, §5.5, §5.7, §5.16):
 * SetChargingProfile installs ChargePointMaxProfile (connector 0), TxDefaultProfile (a connector
 * or 0 for all) and TxProfile (only on a connector with a running transaction, whose id it must
 * name); a profile with the same id, or the same connector, purpose and stack level, is replaced.
 * A TxProfile ends with its transaction. ClearChargingProfile removes by id or by filter.
 * GetCompositeSchedule combines, at each moment, the highest active stack level of the
 * transaction's profiles (TxProfile over TxDefaultProfile, the connector's over connector 0's)
 * with the ChargePointMaxProfile, taking the lower limit. A RemoteStartTransaction may carry a
 * TxProfile, installed for the transaction it starts.
 */

interface Installed {
  connectorId: number;
  p: Payload;
  installedAt: number;
}

const installed = new WeakMap<ChargePoint16, Installed[]>();
/** TxProfiles a RemoteStartTransaction brought, waiting for the transaction to start. */
const pending = new WeakMap<Connector, Payload>();
/** Volts per phase and phases assumed when converting between A and W. */
const VOLTS = 230;
const PHASES = 3;

function listOf(cp: ChargePoint16): Installed[] {
  let list = installed.get(cp);
  if (!list) installed.set(cp, (list = []));
  return list;
}

export function onSetChargingProfile(cp: ChargePoint16, p: Payload): Payload {
  const connectorId = Number(p.connectorId);
  const prof = p.csChargingProfiles as Payload;
  if (connectorId !== 0 && !cp.connector(connectorId)) return { status: 'Rejected' };
  const purpose = prof.chargingProfilePurpose;
  if (purpose === 'ChargePointMaxProfile' && connectorId !== 0) return { status: 'Rejected' };
  if (purpose === 'TxProfile') {
    const c = cp.connector(connectorId);
    if (!c?.tx && !cp.faults.has('txprofile-without-tx-accepted')) return { status: 'Rejected' };
    const wrongTx = c?.tx && prof.transactionId !== undefined && prof.transactionId !== c.tx.transactionId;
    if (wrongTx && !cp.faults.has('txprofile-wrong-txid-accepted')) return { status: 'Rejected' };
    if (c?.tx && cp.faults.has('txprofile-rejected')) return { status: 'Rejected' };
  }
  if (purpose === 'TxDefaultProfile' && cp.faults.has('txdefault-profile-rejected')) return { status: 'Rejected' };
  install(cp, connectorId, prof);
  return { status: 'Accepted' };
}

function install(cp: ChargePoint16, connectorId: number, prof: Payload): void {
  const list = listOf(cp);
  const same = (s: Installed) =>
    s.p.chargingProfileId === prof.chargingProfileId ||
    (s.connectorId === connectorId && s.p.chargingProfilePurpose === prof.chargingProfilePurpose && s.p.stackLevel === prof.stackLevel);
  installed.set(cp, [...list.filter((s) => !same(s)), { connectorId, p: prof, installedAt: cp.o.clock.now() }]);
}

export function onClearChargingProfile(cp: ChargePoint16, p: Payload): Payload {
  const list = listOf(cp);
  // With an id the other criteria do not matter (§5.5).
  const match = (s: Installed) =>
    p.id !== undefined
      ? s.p.chargingProfileId === p.id
      : (p.connectorId === undefined || s.connectorId === p.connectorId) &&
        (p.chargingProfilePurpose === undefined || s.p.chargingProfilePurpose === p.chargingProfilePurpose) &&
        (p.stackLevel === undefined || s.p.stackLevel === p.stackLevel);
  const hit = list.filter(match);
  if (hit.length === 0) return { status: 'Unknown' };
  if (!cp.faults.has('clear-profile-not-removed'))
    installed.set(
      cp,
      list.filter((s) => !match(s)),
    );
  return { status: 'Accepted' };
}

/** RemoteStartTransaction with a chargingProfile: only a TxProfile without transactionId is taken. */
export function remoteStartProfileRefused(cp: ChargePoint16, p: Payload): boolean {
  const prof = p.chargingProfile as Payload | undefined;
  if (!prof || cp.faults.has('remote-start-bad-profile-accepted')) return false;
  return prof.chargingProfilePurpose !== 'TxProfile' || prof.transactionId !== undefined;
}

export function keepRemoteStartProfile(cp: ChargePoint16, c: Connector, p: Payload): void {
  const prof = p.chargingProfile as Payload | undefined;
  if (prof && !cp.faults.has('remote-start-profile-ignored')) pending.set(c, prof);
  else pending.delete(c);
}

/** The authorization a remote start left on `c` expired: its profile goes with it. */
export function remoteStartExpired(c: Connector): void {
  pending.delete(c);
}

/** A transaction started on `c`: a TxProfile a remote start brought is installed for it. */
export function transactionStarted(cp: ChargePoint16, c: Connector): void {
  const prof = pending.get(c);
  pending.delete(c);
  if (prof && c.tx) install(cp, c.id, { ...prof, transactionId: c.tx.transactionId });
}

/** A transaction on `c` ended: its TxProfiles go with it. */
export function transactionEnded(cp: ChargePoint16, c: Connector): void {
  pending.delete(c);
  installed.set(
    cp,
    listOf(cp).filter((s) => !(s.connectorId === c.id && s.p.chargingProfilePurpose === 'TxProfile')),
  );
}

// ---- composite schedule ---------------------------------------------------------------------

interface Schedule {
  duration?: number;
  startSchedule?: string;
  chargingRateUnit: 'A' | 'W';
  chargingSchedulePeriod: { startPeriod: number; limit: number; numberPhases?: number }[];
}

/** When the schedule of profile `s` starts, as seen at time `t` (undefined: not started). */
function startOf(s: Installed, c: Connector, t: number): number | undefined {
  const sched = s.p.chargingSchedule as Schedule;
  const given = sched.startSchedule ? Date.parse(sched.startSchedule) : undefined;
  switch (s.p.chargingProfileKind) {
    case 'Relative':
      return c.tx?.startedAt ?? t;
    case 'Recurring': {
      const period = (s.p.recurrencyKind === 'Weekly' ? 7 : 1) * 86_400_000;
      const base = given ?? s.installedAt;
      return t < base ? undefined : base + Math.floor((t - base) / period) * period;
    }
    default:
      return given ?? s.installedAt;
  }
}

/** The limit profile `s` sets at time `t` in `unit`, or undefined when it is not active then. */
function limitOf(s: Installed, c: Connector, t: number, unit: 'A' | 'W'): number | undefined {
  const validFrom = typeof s.p.validFrom === 'string' ? Date.parse(s.p.validFrom) : -Infinity;
  const validTo = typeof s.p.validTo === 'string' ? Date.parse(s.p.validTo) : Infinity;
  if (t < validFrom || t >= validTo) return undefined;
  const sched = s.p.chargingSchedule as Schedule;
  const start = startOf(s, c, t);
  if (start === undefined || t < start) return undefined;
  if (sched.duration !== undefined && t >= start + sched.duration * 1000) return undefined;
  const offsetS = (t - start) / 1000;
  const period = [...sched.chargingSchedulePeriod].reverse().find((x) => x.startPeriod <= offsetS);
  if (!period) return undefined;
  const phases = period.numberPhases ?? PHASES;
  if (sched.chargingRateUnit === unit) return period.limit;
  return unit === 'W' ? period.limit * VOLTS * phases : period.limit / (VOLTS * phases);
}

/** The highest stack level among `candidates` active at `t` (stacking, §3.13.2). */
function stacked(cp: ChargePoint16, candidates: Installed[], c: Connector, t: number, unit: 'A' | 'W'): number | undefined {
  const order = [...candidates].sort((a, b) => Number(b.p.stackLevel) - Number(a.p.stackLevel));
  if (cp.faults.has('stack-level-ignored')) order.reverse();
  for (const s of order) {
    const limit = limitOf(s, c, t, unit);
    if (limit !== undefined) return limit;
  }
  return undefined;
}

function limitAt(cp: ChargePoint16, c: Connector, t: number, unit: 'A' | 'W'): number | undefined {
  const list = listOf(cp);
  const of = (purpose: string, connectorId: number) =>
    list.filter((s) => s.p.chargingProfilePurpose === purpose && s.connectorId === connectorId);
  const max = cp.faults.has('composite-ignores-max-profile') ? undefined : stacked(cp, of('ChargePointMaxProfile', 0), c, t, unit);
  let tx: number | undefined;
  if (c.tx) tx = stacked(cp, of('TxProfile', c.id), c, t, unit);
  if (tx === undefined) {
    let defaults = of('TxDefaultProfile', c.id);
    if (defaults.length === 0) defaults = of('TxDefaultProfile', 0);
    // The fault: a TxDefaultProfile installed during a transaction is kept for the next one only.
    if (c.tx && cp.faults.has('txdefault-not-applied-to-running-tx')) {
      const since = c.tx.startedAt;
      defaults = defaults.filter((s) => s.installedAt < since);
    }
    tx = stacked(cp, defaults, c, t, unit);
  }
  if (max === undefined) return tx;
  return tx === undefined ? max : Math.min(max, tx);
}

export function onGetCompositeSchedule(cp: ChargePoint16, p: Payload): Payload {
  const connectorId = Number(p.connectorId);
  const c = cp.connector(connectorId === 0 ? 1 : connectorId);
  if (!c) return { status: 'Rejected' };
  const now = cp.o.clock.now();
  const durationS = Number(p.duration);
  const list = listOf(cp);
  const unit: 'A' | 'W' =
    p.chargingRateUnit === 'A' || p.chargingRateUnit === 'W'
      ? p.chargingRateUnit
      : ((list[0]?.p.chargingSchedule as Schedule | undefined)?.chargingRateUnit ?? 'A');
  // The moments a limit may change: every period start of every profile (and its end) in the window.
  const marks = new Set<number>([0]);
  for (const s of list) {
    const start = startOf(s, c, now) ?? now;
    const sched = s.p.chargingSchedule as Schedule;
    const offsets = sched.chargingSchedulePeriod.map((x) => x.startPeriod);
    if (sched.duration !== undefined) offsets.push(sched.duration);
    for (const o of offsets) {
      const at = Math.round((start + o * 1000 - now) / 1000);
      if (at > 0 && at < durationS) marks.add(at);
    }
  }
  const periods: { startPeriod: number; limit: number }[] = [];
  for (const at of [...marks].sort((a, b) => a - b)) {
    const limit = limitAt(cp, c, now + at * 1000, unit);
    if (limit === undefined || periods.at(-1)?.limit === limit) continue;
    periods.push({ startPeriod: at, limit });
  }
  const out: Payload = { status: 'Accepted', connectorId, scheduleStart: new Date(now).toISOString() };
  if (periods.length && periods[0]?.startPeriod === 0)
    out.chargingSchedule = {
      duration: durationS,
      startSchedule: new Date(now).toISOString(),
      chargingRateUnit: unit,
      chargingSchedulePeriod: periods,
    };
  return out;
}
