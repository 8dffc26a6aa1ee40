import type { Call201, Ctx201Csms } from './contexts.js';
import { check } from '../engine/checks.js';
import type { ChargingProfileType, ChargingScheduleType } from '../protocol/payloads/v201.js';
import { runningTx, txEvent } from './station201.js';

/**
 * The harness as 2.0.1 station facing a CSMS's smart charging (K): the operator's profile
 * request, the checks every profile gets, and the ISO 15118 load-levelling exchange.
 */

/** Asks the operator (csmsSend) for a SetChargingProfile and returns the request the CSMS sent. */
export async function operatorSetProfile(
  ctx: Ctx201Csms,
  details: Record<string, unknown>,
  instruction: string,
  requirement: string,
): Promise<Call201<'SetChargingProfile'>> {
  await ctx.manual('csmsSend', { message: 'SetChargingProfile', stationId: ctx.config.stationId, ...details }, instruction);
  return ctx.station.expectCall('SetChargingProfile', { requirement });
}

/** The first schedule of a profile (the schema guarantees one). */
export function firstSchedule(profile: ChargingProfileType): ChargingScheduleType {
  const s = profile.chargingSchedule[0];
  if (!s) throw new Error('harness: a schema-valid profile has at least one chargingSchedule');
  return s;
}

/**
 * Checks every profile gets: the first period starts at 0 (K01.FR.31) and an Absolute or
 * Recurring profile has a startSchedule (K01.FR.40). A Relative one may have none.
 */
export function checkProfileShape(profile: ChargingProfileType): void {
  for (const s of profile.chargingSchedule) {
    const first = s.chargingSchedulePeriod[0];
    check(
      first?.startPeriod === 0,
      'K01.FR.31',
      'first chargingSchedulePeriod.startPeriod 0',
      `startPeriod ${first?.startPeriod ?? 'absent'}`,
    );
    if (profile.chargingProfileKind !== 'Relative')
      check(s.startSchedule !== undefined, 'K01.FR.40', `a startSchedule (kind ${profile.chargingProfileKind})`, 'no startSchedule');
  }
}

/**
 * The operator asked for a limit of `amps` A. A CSMS working in A sends that; one working in W
 * may send the same number in kW (`amps` × 1000 W), as the OCTT accepts ("6.0 or 6000.0"). Both pass.
 */
export function checkLimit(profile: ChargingProfileType, amps: number, requirement: string): void {
  const s = firstSchedule(profile);
  const limit = s.chargingSchedulePeriod[0]?.limit;
  const wanted = s.chargingRateUnit === 'W' ? amps * 1000 : amps;
  check(limit === wanted, requirement, `limit ${amps} A or ${amps * 1000} W`, `limit ${limit ?? 'absent'} ${s.chargingRateUnit}`);
}

/** Fails unless a profile is a TxProfile for the harness station's running transaction (K01.FR.03). */
export function checkTxProfile(ctx: Ctx201Csms, req: Call201<'SetChargingProfile'>, requirement = 'K01.FR.03'): void {
  const tx = runningTx(ctx);
  ctx.expectOneOf(req.payload.chargingProfile.chargingProfilePurpose, ['TxProfile'], requirement, 'chargingProfilePurpose');
  check(req.payload.evseId === tx.evseId, requirement, `evseId ${tx.evseId}`, `evseId ${req.payload.evseId}`);
  const txId = req.payload.chargingProfile.transactionId;
  check(txId === tx.transactionId, 'K01.FR.03', `transactionId ${tx.transactionId}`, `transactionId ${txId ?? 'absent'}`);
}

/** The EV's schedule equal to the CSMS's TxProfile (within its limits), as NotifyEVChargingSchedule sends it. */
export function evScheduleOf(ctx: Ctx201Csms, req: Call201<'SetChargingProfile'>, factor = 1): ChargingScheduleType {
  const s = firstSchedule(req.payload.chargingProfile);
  return { ...s, chargingSchedulePeriod: s.chargingSchedulePeriod.map((p) => ({ ...p, limit: p.limit * factor })) };
}

/** Sends the EV's schedule and returns the CSMS's status. */
export async function notifyEvSchedule(ctx: Ctx201Csms, schedule: ChargingScheduleType, requirement: string): Promise<string> {
  const res = await ctx.station.call(
    'NotifyEVChargingSchedule',
    { timeBase: ctx.nowIso(), evseId: runningTx(ctx).evseId, chargingSchedule: schedule },
    { requirement },
  );
  return res.status;
}

/**
 * The EV reports its charging needs; the CSMS answers Accepted or Processing (both allowed) and
 * sends a TxProfile for the transaction. With Processing the CSMS may take longer: the wait is two
 * message timeouts instead of one. Returns the TxProfile request (answered Accepted).
 */
export async function evChargingNeeds(ctx: Ctx201Csms, requirement: string): Promise<Call201<'SetChargingProfile'>> {
  const { station } = ctx;
  const tx = runningTx(ctx);
  const since = station.receivedCalls('SetChargingProfile').length;
  const res = await station.call(
    'NotifyEVChargingNeeds',
    {
      evseId: tx.evseId,
      maxScheduleTuples: 10,
      chargingNeeds: {
        requestedEnergyTransfer: 'AC_three_phase',
        acChargingParameters: { energyAmount: 20_000, evMinCurrent: 6, evMaxCurrent: 32, evMaxVoltage: 400 },
      },
    },
    { requirement },
  );
  ctx.expectOneOf(res.status, ['Accepted', 'Processing'], requirement, 'NotifyEVChargingNeedsResponse.status');
  const within = res.status === 'Processing' ? ctx.waits.twoMessages : ctx.waits.message;
  const old = new Set(station.receivedCalls('SetChargingProfile').slice(0, since));
  const req = await station.expectCall('SetChargingProfile', { within, requirement, where: (p) => ![...old].some((c) => c.payload === p) });
  checkTxProfile(ctx, req, requirement);
  await station.reply(req, { status: 'Accepted' });
  return req;
}

/**
 * The reusable state ISO15118SmartCharging (after Authorized and EVConnectedPreSession): charging
 * needs, the CSMS's TxProfile, the EV's schedule within it (Accepted), then charging starts.
 */
export async function iso15118SmartCharging(ctx: Ctx201Csms): Promise<Call201<'SetChargingProfile'>> {
  const req = await evChargingNeeds(ctx, 'K15.FR.03');
  const status = await notifyEvSchedule(ctx, evScheduleOf(ctx, req), 'K15.FR.11');
  ctx.expectOneOf(status, ['Accepted'], 'K15.FR.11', 'NotifyEVChargingScheduleResponse.status');
  await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging' });
  return req;
}
