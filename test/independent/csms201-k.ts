/**
 * Smart charging (K) of the independent ocpp-rpc 2.0.1 CSMS. Its own choices, unlike the reference
 * CSMS: profile ids from 1, stackLevel 1 unless told, composite schedules asked in W, EV charging
 * needs answered Processing (the TxProfile follows after the answer), a TxProfile recorded when
 * sent rather than when accepted.
 */
import type { CsmsPeerOptions } from '../../src/engine/peer-contract.js';
import { intOf, now, type Payload, type Rpc } from './common.js';

interface JudgeStation {
  client?: Rpc;
  transactions: Map<string, { evseId?: number; active: boolean }>;
}

const SITE_A = 20;
/** Newest TxProfile limit (A) per transactionId. */
const TX_LIMITS = new WeakMap<JudgeStation, Map<string, number>>();
let nextProfileId = 1;

const limitsOf = (s: JudgeStation) => {
  let m = TX_LIMITS.get(s);
  if (!m) TX_LIMITS.set(s, (m = new Map()));
  return m;
};
const activeTx = (s: JudgeStation, evseId: number | undefined) =>
  [...s.transactions.entries()].reverse().find(([, t]) => t.active && (evseId === undefined || t.evseId === evseId))?.[0];
const clean = (o: Payload): Payload => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const amps = (unit: unknown, limit: number) => (unit === 'W' ? limit / 690 : limit);

function schedule(unit: string, limit: number, relative: boolean): Payload {
  return clean({
    id: 1,
    startSchedule: relative ? undefined : now(),
    chargingRateUnit: unit,
    chargingSchedulePeriod: [{ startPeriod: 0, limit }],
  });
}

function txProfile(s: JudgeStation, txId: string, limitA: number): Payload {
  limitsOf(s).set(txId, limitA);
  return {
    id: nextProfileId++,
    stackLevel: 1,
    chargingProfilePurpose: 'TxProfile',
    chargingProfileKind: 'Absolute',
    transactionId: txId,
    chargingSchedule: [schedule('A', limitA, false)],
  };
}

/** The TxProfile of a RequestStartTransaction (`chargingProfile` detail: true or {limit, chargingRateUnit}). */
export function remoteStartProfile201(d: Payload | true): Payload {
  const o = d === true ? {} : d;
  return {
    id: nextProfileId++,
    stackLevel: 1,
    chargingProfilePurpose: 'TxProfile',
    chargingProfileKind: 'Relative',
    chargingSchedule: [schedule(o.chargingRateUnit === 'W' ? 'W' : 'A', intOf(o.limit) ?? SITE_A, true)],
  };
}

/** Operator actions (csmsSend) of block K. */
export function smartChargingRequests201(
  o: CsmsPeerOptions,
  nextRequest: () => number,
): Record<string, (d: Payload, s: JudgeStation) => Payload | string> {
  return {
    SetChargingProfile: (d, s) => {
      const purpose = d.purpose ?? 'TxDefaultProfile';
      const evseId = purpose === 'ChargingStationMaxProfile' ? 0 : (intOf(d.evseId) ?? o.config.ids.evseId);
      const kind = d.kind ?? (d.recurrencyKind ? 'Recurring' : 'Absolute');
      const unit = d.chargingRateUnit === 'W' ? 'W' : 'A';
      const limit = typeof d.limit === 'number' ? d.limit : SITE_A;
      let transactionId: string | undefined;
      if (purpose === 'TxProfile') {
        transactionId = typeof d.transactionId === 'string' ? d.transactionId : activeTx(s, evseId);
        if (!transactionId) return 'no running transaction for the TxProfile';
        limitsOf(s).set(transactionId, amps(unit, limit));
      }
      return {
        evseId,
        chargingProfile: clean({
          id: intOf(d.chargingProfileId) ?? nextProfileId++,
          stackLevel: intOf(d.stackLevel) ?? 1,
          chargingProfilePurpose: purpose,
          chargingProfileKind: kind,
          recurrencyKind: kind === 'Recurring' ? (d.recurrencyKind ?? 'Daily') : undefined,
          transactionId,
          chargingSchedule: [schedule(unit, limit, kind === 'Relative')],
        }),
      };
    },
    ClearChargingProfile: (d) =>
      d.chargingProfileId !== undefined
        ? { chargingProfileId: d.chargingProfileId }
        : { chargingProfileCriteria: clean({ evseId: d.evseId, stackLevel: d.stackLevel, chargingProfilePurpose: d.purpose }) },
    GetChargingProfiles: (d) => {
      const ids = d.chargingProfileId === undefined ? undefined : [d.chargingProfileId].flat();
      const fields = clean({
        chargingProfilePurpose: d.purpose,
        stackLevel: d.stackLevel,
        chargingLimitSource: d.chargingLimitSource === undefined ? undefined : [d.chargingLimitSource].flat(),
      });
      const criteria = ids ? { chargingProfileId: ids } : Object.keys(fields).length ? fields : { chargingLimitSource: ['CSO'] };
      return clean({ requestId: nextRequest(), evseId: d.evseId, chargingProfile: criteria });
    },
    GetCompositeSchedule: (d) => ({ evseId: intOf(d.evseId) ?? 0, duration: intOf(d.duration) ?? 600, chargingRateUnit: 'W' }),
  };
}

/** Calls of block K from a station. */
export function handleSmartCharging201(client: Rpc, s: JudgeStation, gate: (action: string) => void): void {
  const later = (payload: Payload) =>
    setImmediate(() => {
      client.call('SetChargingProfile', payload).catch(() => undefined);
    });
  for (const a of ['ClearedChargingLimit', 'ReportChargingProfiles']) client.handle(a, () => (gate(a), {}));
  client.handle('NotifyEVChargingNeeds', ({ params }: Payload) => {
    gate('NotifyEVChargingNeeds');
    const txId = activeTx(s, params.evseId);
    if (!txId) return { status: 'Rejected' };
    const evMax = params.chargingNeeds?.acChargingParameters?.evMaxCurrent;
    const limit = typeof evMax === 'number' && evMax > 0 ? Math.min(SITE_A, evMax) : SITE_A;
    later({ evseId: params.evseId, chargingProfile: txProfile(s, txId, limit) });
    return { status: 'Processing' };
  });
  client.handle('NotifyEVChargingSchedule', ({ params }: Payload) => {
    gate('NotifyEVChargingSchedule');
    const txId = activeTx(s, params.evseId);
    const ours = txId === undefined ? undefined : limitsOf(s).get(txId);
    if (txId === undefined || ours === undefined) return { status: 'Accepted' };
    const sched = params.chargingSchedule;
    const peak = Math.max(0, ...sched.chargingSchedulePeriod.map((p: Payload) => amps(sched.chargingRateUnit, p.limit)));
    if (peak <= ours + 1e-6) return { status: 'Accepted' };
    later({ evseId: params.evseId, chargingProfile: txProfile(s, txId, ours) });
    return { status: 'Rejected' };
  });
}
