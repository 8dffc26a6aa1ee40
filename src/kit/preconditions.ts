import type { Ctx201Cs, Ctx201Csms } from './contexts.js';
import { readVariable201, trySetVariable201 } from './restore.js';

/**
 * Configuration a case relies on, established first and put back afterwards (as OCTT's reusable
 * states do): the station's current value is read; when it does not already satisfy the case, the
 * case's value is written and the answer checked; the body runs; the old value is written back
 * at case end, pass or fail (a post-condition, as for setVariable). A station that will not take the value cannot reach the case's precondition, so
 * the case is not-applicable (naming the setting), never failed.
 */

export interface VariableNeed {
  component: string;
  variable: string;
  /** The value written when the current one does not satisfy the case. */
  value: string;
  /** Whether a current value already satisfies the case (default: equal to `value`). */
  holds?: (current: string) => boolean;
}

/** The members of a memberList value (TxStartPoint "EVConnected,Authorized" ...). */
export function members(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Runs `body` with 2.0.1 variables (Actual) satisfying the case: see the module comment. Each
 * change is restored at case end by the post-condition trySetVariable201 registers.
 */
export async function withVariables201<T>(ctx: Ctx201Cs, needs: VariableNeed[], body: () => Promise<T>): Promise<T> {
  for (const need of needs) {
    const { component, variable, value } = need;
    const name = `${component}.${variable}`;
    const current = await readVariable201(ctx, component, variable);
    if (current !== undefined && (need.holds ?? ((v) => v === value))(current)) continue;
    ctx.step(`Precondition: ${name} is set to ${value}${current === undefined ? '' : ` (was ${current})`}`);
    const status = await trySetVariable201(ctx, component, variable, value, 'B05.FR.01', current);
    if (status !== 'Accepted')
      ctx.notApplicable(
        `the precondition ${name} = ${value} cannot be reached: SetVariables answered ${status ?? 'no attributeStatus'}${current === undefined ? '' : ` (it is ${current})`}`,
      );
  }
  return body();
}

/** One variable: withVariables201 with a single need. */
export function withVariable201<T>(ctx: Ctx201Cs, need: VariableNeed, body: () => Promise<T>): Promise<T> {
  return withVariables201(ctx, [need], body);
}

/** Start points at which the token is known when the transaction starts (the power path needs the authorization). */
const AFTER_BOTH = ['PowerPathClosed', 'EnergyTransfer', 'DataSigned'];

/**
 * TxStartPoint for cases that expect TransactionEvent Started once cable and token are both there
 * (so Started carries the token): any combination of PowerPathClosed, EnergyTransfer, DataSigned
 * holds; otherwise PowerPathClosed is set.
 */
export const START_WHEN_CHARGING: VariableNeed = {
  component: 'TxCtrlr',
  variable: 'TxStartPoint',
  value: 'PowerPathClosed',
  holds: (v) => members(v).length > 0 && members(v).every((m) => AFTER_BOTH.includes(m)),
};

/** TxStopPoint for cases that end the transaction by unplugging: any point the cable holds up. */
export const STOP_ON_UNPLUG: VariableNeed = {
  component: 'TxCtrlr',
  variable: 'TxStopPoint',
  value: 'PowerPathClosed',
  holds: (v) => members(v).some((m) => m !== 'Authorized'),
};

/** TxStopPoint for cases that end the transaction by presenting the token again: a point the authorization holds up. */
export const STOP_ON_DEAUTHORIZE: VariableNeed = {
  component: 'TxCtrlr',
  variable: 'TxStopPoint',
  value: 'PowerPathClosed',
  holds: (v) => members(v).some((m) => m !== 'EVConnected' && m !== 'ParkingBayOccupancy'),
};

/**
 * Boots the harness station until the CSMS decides: a CSMS may answer Pending first (2.0.1 B02,
 * 1.6 section 4.2) and expects the station to boot again after the interval it gave (at least
 * 1 s, at most the configured connect wait). At most `tries` boots; the last answer is returned
 * for the caller to judge.
 */
export async function bootThroughPending<R extends { status: string; interval?: number }>(
  ctx: { station: { wait(ms: number): Promise<void> }; config: { timeouts: { connectMs: number } } },
  boot: () => Promise<R>,
  tries = 5,
): Promise<R> {
  let res = await boot();
  for (let i = 1; i < tries && res.status === 'Pending'; i++) {
    await ctx.station.wait(Math.min(Math.max(res.interval ?? 0, 1) * 1000, ctx.config.timeouts.connectMs));
    res = await boot();
  }
  return res;
}

/**
 * The harness station sends BootNotification (again after each Pending, which a CSMS may answer
 * first: B02) and expects the CSMS to accept it in the end (B01.FR.02).
 */
export async function expectBootAccepted201(ctx: Ctx201Csms): Promise<void> {
  const res = await bootThroughPending(ctx, () =>
    ctx.station.call(
      'BootNotification',
      { reason: 'PowerUp', chargingStation: { model: 'HarnessStation', vendorName: 'ocpp-harness', serialNumber: ctx.serialNumber } },
      { requirement: 'B01.FR.02' },
    ),
  );
  ctx.expectOneOf(res.status, ['Accepted'], 'B01.FR.02', 'BootNotificationResponse.status');
}
