import { randomUUID } from 'node:crypto';
import type { Payload } from '../../../rpc.js';
import type { CsmsContext, StationState } from '../state.js';
import { defined } from './payload.js';
import { runningTx } from './transactions.js';

/**
 * Smart charging (K) state and charging profiles of the reference CSMS: the profiles it knows per
 * station (what it set and the station accepted, what the station reported), the external limits
 * stations notified, and the profiles it builds from the operator's choices.
 */

/** A profile as the CSMS keeps it: where it is installed, what it says, and who started it. */
export interface KnownProfile {
  evseId: number;
  profile: Payload;
  /** 'operator': a csmsSend; 'load-levelling': the CSMS's answer to EV charging needs; 'report': the station reported it. */
  origin: 'operator' | 'load-levelling' | 'report';
}

export interface SmartChargingState {
  /** Profiles by id. */
  profiles: Map<number, KnownProfile>;
  /** External limits the station notified, by `${source}/${evseId}`. */
  limits: Map<string, Payload>;
  /** Per transaction: the TxProfiles sent for it, oldest first (with their origin). */
  txProfiles: Map<string, KnownProfile[]>;
  /** Composite schedules the station returned, newest last. */
  composites: Payload[];
}

const STATIONS = new WeakMap<StationState, SmartChargingState>();
const NEXT_ID = new WeakMap<CsmsContext, { id: number }>();

export function scState(st: StationState): SmartChargingState {
  let s = STATIONS.get(st);
  if (!s) STATIONS.set(st, (s = { profiles: new Map(), limits: new Map(), txProfiles: new Map(), composites: [] }));
  return s;
}

/** A fresh profile id (the CSMS's own numbering; fault profile-id-constant: always 1). */
export function newProfileId(ctx: CsmsContext): number {
  if (ctx.faults.has('profile-id-constant')) return 1;
  let n = NEXT_ID.get(ctx);
  if (!n) NEXT_ID.set(ctx, (n = { id: 100 }));
  return ++n.id;
}

/** The reference CSMS's own site limit per EVSE (A) for load levelling, and the line voltage it assumes. */
export const SITE_LIMIT_A = 16;
export const LINE_VOLTAGE = 230;

/** A finite number, or undefined. */
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const PURPOSES = ['TxDefaultProfile', 'TxProfile', 'ChargingStationMaxProfile'];

/** A charging schedule of one period from now on. */
export function schedule(
  ctx: CsmsContext,
  o: { unit: string; limit: number; durationS?: number; start?: boolean; phases?: number },
): Payload {
  return defined({
    id: 1,
    startSchedule: o.start === false ? undefined : ctx.now(),
    duration: o.durationS,
    chargingRateUnit: o.unit,
    chargingSchedulePeriod: [
      defined({ startPeriod: ctx.faults.has('profile-start-period-offset') ? 60 : 0, limit: o.limit, numberPhases: o.phases }),
    ],
  });
}

/**
 * Builds the SetChargingProfileRequest the operator asked for. Details: evseId (default the
 * configured EVSE; a ChargingStationMaxProfile always goes to 0), purpose (TxDefaultProfile,
 * TxProfile, ChargingStationMaxProfile), kind (Absolute, Recurring, Relative), recurrencyKind,
 * limit, chargingRateUnit (A or W), stackLevel, numberPhases, durationS, chargingProfileId (the
 * profile to replace), transactionId (a TxProfile's transaction; default the running one).
 */
export function setProfileRequest(ctx: CsmsContext, p: Payload, st: StationState): Payload | string {
  const purpose = String(p.purpose ?? 'TxDefaultProfile');
  if (!PURPOSES.includes(purpose)) return `the CSMS does not set profiles of purpose ${purpose}`;
  let evseId = num(p.evseId) ?? ctx.o.config.ids.evseId;
  if (purpose === 'ChargingStationMaxProfile' && !ctx.faults.has('stationmax-on-evse')) evseId = 0;
  if (purpose === 'ChargingStationMaxProfile' && ctx.faults.has('stationmax-on-evse')) evseId = ctx.o.config.ids.evseId;
  if (evseId === 0 && purpose === 'TxDefaultProfile' && ctx.faults.has('profile-evse-zero-dropped')) evseId = ctx.o.config.ids.evseId;
  const recurrencyKind = typeof p.recurrencyKind === 'string' ? p.recurrencyKind : undefined;
  const kind = String(p.kind ?? (recurrencyKind ? 'Recurring' : 'Absolute'));
  let transactionId: string | undefined;
  if (purpose === 'TxProfile') {
    if (evseId === 0) return 'a TxProfile is set on an EVSE with a transaction, never on EVSE 0';
    transactionId = typeof p.transactionId === 'string' ? p.transactionId : runningTx(ctx, st, evseId)?.transactionId;
    if (!transactionId) return `no transaction is known on EVSE ${evseId}: name a transactionId for the TxProfile`;
    const tx = ctx.tableFor(st).get(transactionId);
    if (ctx.faults.has('txprofile-wrong-txid') && tx) transactionId = String(tx.record);
    if (ctx.faults.has('txprofile-without-txid') && !tx) transactionId = undefined;
  }
  const recurring = kind === 'Recurring';
  const unit = p.chargingRateUnit === 'W' ? 'W' : 'A';
  const limit = num(p.limit) ?? (unit === 'W' ? SITE_LIMIT_A * LINE_VOLTAGE * 3 : SITE_LIMIT_A);
  const durationS = num(p.durationS) ?? (recurring ? (recurrencyKind === 'Weekly' ? 604_800 : 86_400) : 3600);
  const validTo = kind === 'Absolute' ? new Date(Date.parse(ctx.now()) + durationS * 1000).toISOString() : undefined;
  const replaced = num(p.chargingProfileId);
  const profile = defined({
    id: replaced !== undefined && !ctx.faults.has('replace-new-id') ? replaced : newProfileId(ctx),
    stackLevel: num(p.stackLevel) ?? 0,
    chargingProfilePurpose: purpose,
    chargingProfileKind: kind,
    recurrencyKind: recurring && !ctx.faults.has('recurring-without-recurrencykind') ? (recurrencyKind ?? 'Daily') : undefined,
    validFrom: kind === 'Relative' ? undefined : ctx.now(),
    validTo,
    transactionId,
    chargingSchedule: [schedule(ctx, { unit, limit, durationS, start: kind !== 'Relative', phases: num(p.numberPhases) })],
  });
  return { evseId, chargingProfile: profile };
}

/** The TxProfile of a RequestStartTransaction with a charging profile (no transactionId: the transaction does not exist yet). */
export function remoteStartProfile(ctx: CsmsContext, p: Payload): Payload {
  const unit = p.chargingRateUnit === 'W' ? 'W' : 'A';
  const limit = num(p.limit) ?? SITE_LIMIT_A;
  return defined({
    id: newProfileId(ctx),
    stackLevel: num(p.stackLevel) ?? 0,
    chargingProfilePurpose: 'TxProfile',
    chargingProfileKind: 'Relative',
    // Fault remotestart-profile-txid: the profile names a transaction, which does not exist yet.
    transactionId: ctx.faults.has('remotestart-profile-txid') ? randomUUID() : undefined,
    chargingSchedule: [schedule(ctx, { unit, limit, start: false })],
  });
}

/** A limit in amperes (a W limit on the assumed three-phase line). */
export function amperes(unit: unknown, limit: number, phases = 3): number {
  return unit === 'W' ? limit / (LINE_VOLTAGE * phases) : limit;
}

/** The highest limit of a schedule, in amperes. */
export function peakAmperes(s: Payload): number {
  const periods = Array.isArray(s.chargingSchedulePeriod) ? (s.chargingSchedulePeriod as Payload[]) : [];
  return Math.max(0, ...periods.map((x) => amperes(s.chargingRateUnit, Number(x.limit), num(x.numberPhases) ?? 3)));
}

/** Records a profile the station accepted; a TxProfile also joins its transaction's list. */
export function installProfile(st: StationState, evseId: number, profile: Payload, origin: KnownProfile['origin']): void {
  const s = scState(st);
  const known: KnownProfile = { evseId, profile, origin };
  s.profiles.set(Number(profile.id), known);
  if (profile.chargingProfilePurpose === 'TxProfile' && typeof profile.transactionId === 'string') {
    s.txProfiles.set(profile.transactionId, [...(s.txProfiles.get(profile.transactionId) ?? []), known]);
  }
}
