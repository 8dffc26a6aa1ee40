import type { Ctx16Cs, Request16 } from './contexts.js';
import { newTransactionId } from './central-system16.js';
import { check } from '../engine/checks.js';

/**
 * The harness as 1.6 central system for smart charging (OCPP 1.6 §3.13, §5.5, §5.7, §5.16):
 * building a charging profile, installing it (removed again at case end), and reading the limit
 * a composite schedule gives.
 */

export type Profile16 = Request16<'SetChargingProfile'>['csChargingProfiles'];

/**
 * A charging profile in A with one period per [offset s, limit] (default one period from 0), an
 * Absolute schedule that started a minute ago (so that clock skew cannot put it in the future).
 */
export function chargingProfile16(
  ctx: Ctx16Cs,
  o: {
    purpose: Profile16['chargingProfilePurpose'];
    limit: number;
    stackLevel?: number;
    transactionId?: number;
    durationS?: number;
    periods?: [number, number][];
  },
): Profile16 {
  const periods = o.periods ?? [[0, o.limit]];
  const p: Profile16 = {
    chargingProfileId: newTransactionId(ctx),
    stackLevel: o.stackLevel ?? 0,
    chargingProfilePurpose: o.purpose,
    chargingProfileKind: 'Absolute',
    chargingSchedule: {
      startSchedule: ctx.nowIso(-60_000),
      chargingRateUnit: 'A',
      chargingSchedulePeriod: periods.map(([startPeriod, limit]) => ({ startPeriod, limit })),
    },
  };
  if (o.durationS !== undefined) p.chargingSchedule.duration = o.durationS;
  if (o.transactionId !== undefined) p.transactionId = o.transactionId;
  return p;
}

/** SetChargingProfile; returns the status. An Accepted profile is cleared at case end (post-condition: no profiles). */
export async function setChargingProfile16(
  ctx: Ctx16Cs,
  connectorId: number,
  profile: Profile16,
  requirement = 'OCPP16-5.16',
): Promise<string> {
  const res = await ctx.csms.call('SetChargingProfile', { connectorId, csChargingProfiles: profile }, { requirement });
  if (res.status === 'Accepted')
    ctx.afterCase(`clear charging profile ${profile.chargingProfileId}`, async () => {
      await ctx.csms.call('ClearChargingProfile', { id: profile.chargingProfileId }, { requirement: 'OCPP16-5.5' });
    });
  return res.status;
}

/**
 * GetCompositeSchedule (in A) for `connectorId` over `durationS` and checks the limit it gives at
 * `offsetS` (default 0) equals `limitA`. A schedule in W is compared at 230 V on 1 to 3 phases.
 */
export async function expectCompositeLimit16(
  ctx: Ctx16Cs,
  o: { connectorId: number; durationS: number; limitA: number; offsetS?: number; requirement: string },
): Promise<void> {
  const res = await ctx.csms.call(
    'GetCompositeSchedule',
    { connectorId: o.connectorId, duration: o.durationS, chargingRateUnit: 'A' },
    { requirement: 'OCPP16-5.7' },
  );
  ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.7', 'GetCompositeSchedule.conf status');
  const sched = res.chargingSchedule;
  const at = o.offsetS ?? 0;
  const period = sched ? [...sched.chargingSchedulePeriod].reverse().find((p) => p.startPeriod <= at) : undefined;
  const fits =
    period !== undefined &&
    (sched?.chargingRateUnit === 'W'
      ? [1, 2, 3].some((n) => Math.abs(period.limit - o.limitA * 230 * n) <= 0.02 * o.limitA * 230 * n)
      : Math.abs(period.limit - o.limitA) < 0.05);
  check(
    fits,
    o.requirement,
    `a composite schedule limit of ${o.limitA} A at offset ${at} s`,
    sched ? `${JSON.stringify(sched.chargingSchedulePeriod)} (${sched.chargingRateUnit})` : 'no chargingSchedule',
  );
}
