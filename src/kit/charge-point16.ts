import type { Call16, Ctx16Csms, Request16, Response16 } from './contexts.js';
import type { ActionOf } from '../protocol/payloads/index.js';
import { check } from '../engine/checks.js';

/**
 * The harness as 1.6 charge point (SUT: a central system): what it remembers during a case (the
 * running transaction, the energy register) and the requests it sends. Requirement ids name
 * OCPP 1.6 Ed. 2 sections: OCPP16-4.x for operations the charge point starts.
 */

/** What the harness charge point remembers during one case. */
export interface ChargePointMemory16 {
  /** The transaction the central system assigned in the last accepted StartTransaction. */
  transaction?: { transactionId: number; connectorId: number; idTag: string; meterStart: number };
  /** Energy register of the configured connector, in Wh. */
  meterWh: number;
}

/** The harness charge point's memory for this case. */
export function cp16(ctx: Ctx16Csms): ChargePointMemory16 {
  return ctx.remember<ChargePointMemory16>('cp16', () => ({ meterWh: 0 }));
}

/** The transaction started by the Charging state (or a case); a harness error when none runs. */
export function runningTransaction16(ctx: Ctx16Csms): NonNullable<ChargePointMemory16['transaction']> {
  const tx = cp16(ctx).transaction;
  if (!tx) throw new Error(`harness: ${ctx.meta.id} needs a running transaction (use ctx.given('Charging'))`);
  return tx;
}

/** The BootNotification.req the harness charge point sends. */
export function bootNotification16(): Request16<'BootNotification'> {
  return {
    chargePointVendor: 'ocpp-harness',
    chargePointModel: 'HarnessChargePoint',
    chargePointSerialNumber: 'HARNESS-0001',
    firmwareVersion: '1.0.0',
  };
}

/** Sends StatusNotification for a connector (the configured one unless given) and awaits the answer. */
export async function statusNotification16(
  ctx: Ctx16Csms,
  status: 'Available' | 'Preparing' | 'Charging' | 'SuspendedEV' | 'SuspendedEVSE' | 'Finishing' | 'Reserved' | 'Unavailable' | 'Faulted',
  connectorId = ctx.config.ids.connectorId,
): Promise<void> {
  await ctx.station.call(
    'StatusNotification',
    { connectorId, errorCode: 'NoError', status, timestamp: ctx.nowIso() },
    { requirement: 'OCPP16-4.9' },
  );
}

/** Sends StartTransaction, remembers the assigned transaction and returns the response. */
export async function startTransaction16(
  ctx: Ctx16Csms,
  idTag: string,
  opts: { requirement?: string; timestamp?: string; reservationId?: number } = {},
): Promise<Response16<'StartTransaction'>> {
  const mem = cp16(ctx);
  const connectorId = ctx.config.ids.connectorId;
  const payload: Request16<'StartTransaction'> = { connectorId, idTag, meterStart: mem.meterWh, timestamp: opts.timestamp ?? ctx.nowIso() };
  if (opts.reservationId !== undefined) payload.reservationId = opts.reservationId;
  const res = await ctx.station.call('StartTransaction', payload, { requirement: opts.requirement ?? 'OCPP16-4.8' });
  check(
    Number.isInteger(res.transactionId),
    opts.requirement ?? 'OCPP16-4.8',
    'StartTransaction.conf carries an integer transactionId',
    res.transactionId,
  );
  const transaction = { transactionId: res.transactionId, connectorId, idTag, meterStart: mem.meterWh };
  mem.transaction = transaction;
  // Post-condition: the central system must not keep this transaction open after the case.
  ctx.afterCase(
    `end the transaction ${res.transactionId} the harness charge point started`,
    async () => {
      if (!ctx.station.connection) throw new Error('the harness charge point is no longer connected to send StopTransaction');
      await stopTransaction16(ctx, 'Other');
      await statusNotification16(ctx, 'Available');
    },
    { when: () => cp16(ctx).transaction === transaction },
  );
  return res;
}

/** Sends StopTransaction for the running transaction and returns the response. */
export async function stopTransaction16(
  ctx: Ctx16Csms,
  reason: NonNullable<Request16<'StopTransaction'>['reason']>,
  opts: { idTag?: string; requirement?: string; timestamp?: string } = {},
): Promise<Response16<'StopTransaction'>> {
  const mem = cp16(ctx);
  const tx = runningTransaction16(ctx);
  mem.meterWh += 1500;
  const payload: Request16<'StopTransaction'> = {
    transactionId: tx.transactionId,
    meterStop: mem.meterWh,
    timestamp: opts.timestamp ?? ctx.nowIso(),
    reason,
  };
  if (opts.idTag) payload.idTag = opts.idTag;
  const res = await ctx.station.call('StopTransaction', payload, { requirement: opts.requirement ?? 'OCPP16-4.10' });
  mem.transaction = undefined;
  return res;
}

/**
 * Asks the operator to make the central system send `message` to the harness charge point
 * (manual action csmsSend with `details`, see src/core/manual-actions.ts) and waits for that CALL.
 */
export async function operatorCall16<A extends ActionOf<'1.6'>>(
  ctx: Ctx16Csms,
  message: A,
  details: Record<string, unknown>,
  requirement: string,
  instruction: string,
): Promise<Call16<A>> {
  await ctx.manual('csmsSend', { message, stationId: ctx.config.stationId, ...details }, instruction);
  return ctx.station.expectCall(message, { requirement }) as Promise<Call16<A>>;
}

/** Fails naming `requirement` unless a request field holds exactly the expected value. */
export function expectField16(actual: unknown, expected: unknown, requirement: string, what: string): void {
  check(actual === expected, requirement, `${what} = ${JSON.stringify(expected)}`, `${what} = ${JSON.stringify(actual)}`);
}

/** Fails naming `requirement` unless a request field is an absolute URL (a bare file or directory name is not one). */
export function expectAbsoluteUrl16(actual: unknown, requirement: string, what: string): void {
  let ok: boolean;
  try {
    ok = typeof actual === 'string' && new URL(actual).protocol.length > 1;
  } catch {
    ok = false;
  }
  check(ok, requirement, `${what} is an absolute URL`, `${what} = ${JSON.stringify(actual)}`);
}

/**
 * The charge point goes offline (its connection drops) and comes back without a reboot: a new
 * connection, no BootNotification (OCPP 1.6 §4.2 sends one only after a restart).
 */
export async function reconnectWithoutBoot16(ctx: Ctx16Csms): Promise<void> {
  ctx.station.close(1000, 'connection lost');
  await ctx.station.connect({ requirement: 'OCPP16-4.2' });
}

/**
 * Checks a charging profile the central system sent (SetChargingProfile, RemoteStartTransaction):
 * its purpose, a transactionId only where one is due (`transactionId`: the expected id, or
 * undefined for none), and a schedule whose first period starts at offset 0.
 */
export function checkChargingProfile16(
  profile:
    | {
        chargingProfilePurpose?: unknown;
        transactionId?: unknown;
        chargingSchedule?: { chargingSchedulePeriod?: { startPeriod?: unknown }[] };
      }
    | undefined,
  purpose: string,
  transactionId: number | undefined,
  requirement: string,
  what: string,
): void {
  check(profile !== undefined, requirement, `${what} carries a charging profile`, 'no profile');
  expectField16(profile?.chargingProfilePurpose, purpose, requirement, `${what} chargingProfilePurpose`);
  expectField16(profile?.transactionId, transactionId, requirement, `${what} transactionId`);
  const first = profile?.chargingSchedule?.chargingSchedulePeriod?.[0];
  expectField16(first?.startPeriod, 0, requirement, `${what} first chargingSchedulePeriod startPeriod`);
}

/** Checks that a date the central system sent lies in the future (an expiry date, say). */
export function expectFutureDate16(ctx: Ctx16Csms, actual: unknown, requirement: string, what: string): void {
  const at = Date.parse(String(actual));
  check(
    Number.isFinite(at) && at > Date.parse(ctx.nowIso()),
    requirement,
    `${what} lies in the future`,
    `${what} = ${JSON.stringify(actual)}`,
  );
}
