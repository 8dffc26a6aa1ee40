import type { AnyCsms, Call201, Csms201, Ctx201Cs, Request201, Response201 } from './contexts.js';
import { check } from '../engine/checks.js';
import type { IdTokenConfig, SutConfig } from '../core/config.js';
import type { ExpectCallOptions, Payload, ReceivedCall } from '../roles/endpoint.js';
import type { ComputedAction } from '../engine/typed-context.js';
import type { ActionOf } from '../protocol/payloads/index.js';
import type { IdTokenEnumType } from '../protocol/payloads/v201.js';

/**
 * The harness as 2.0.1 CSMS (SUT: a charging station): answering calls, marks in the received
 * stream ("nothing but X since then"), variables, the running transaction, a watched reboot.
 */

/** Answers a call unless a responder of the case answered it already. */
export async function answer<A extends ActionOf<'2.0.1'>>(
  csms: Csms201,
  call: ReceivedCall<unknown> & { action: A },
  payload: NoInfer<Response201<A>>,
): Promise<void>;
export async function answer<S extends string>(
  csms: Csms201,
  call: ReceivedCall<unknown> & { action: ComputedAction<S> },
  payload: Payload,
): Promise<void>;
export async function answer(csms: Csms201, call: ReceivedCall<unknown>, payload: Payload): Promise<void> {
  // A background answer is checked by reply(): the same answer is a no-op, another one makes the case inconclusive.
  if (!call.answered || call.answeredInBackground !== undefined) await csms.untyped.reply(call, payload);
}

/** The answer a CSMS gives a TransactionEvent: an authorization verdict when it names a token. */
export function transactionEventAnswer(call: Call201<'TransactionEvent'>): Response201<'TransactionEvent'> {
  return call.payload.idToken ? { idTokenInfo: { status: 'Accepted' } } : {};
}

/** From now on every TransactionEvent is acknowledged (the case still inspects the ones it expects). */
export function respondToTransactionEvents(ctx: Ctx201Cs): void {
  ctx.csms.respondTo('TransactionEvent', transactionEventAnswer);
}

/** A mark in the received-call stream, for "nothing but X since then" checks. */
export function mark(csms: AnyCsms): number {
  return csms.untyped.receivedCalls().length;
}

/** Calls received since a mark (answered or not, taken or not). */
export function callsSince(csms: AnyCsms, at: number): ReceivedCall[] {
  return csms.untyped.receivedCalls().slice(at);
}

/** Waits for a call of `action` received after the mark (older ones, even if not taken, do not count). */
export function expectAfter<A extends ActionOf<'2.0.1'>>(
  csms: Csms201,
  at: number,
  action: A,
  opts: NoInfer<ExpectCallOptions<Request201<A>>> = {},
): Promise<Call201<A>> {
  const old = new Set<unknown>(
    mark(csms)
      ? callsSince(csms, 0)
          .slice(0, at)
          .map((c) => c.payload)
      : [],
  );
  const where = opts.where;
  return csms.expectCall(action, { ...opts, where: (p) => !old.has(p) && (!where || where(p)) });
}

/** Fails if any call other than the allowed actions arrived since the mark. */
export function checkNothingSince(ctx: Ctx201Cs, at: number, allowed: string[], requirement: string, expected: string): void {
  const others = callsSince(ctx.csms, at).filter((c) => !allowed.includes(c.action));
  check(others.length === 0, requirement, expected, `received ${others.map((c) => c.action).join(', ')}`);
}

/** Reads one variable (Actual); returns the result entry. */
export async function getVariable(
  ctx: Ctx201Cs,
  component: string,
  variable: string,
  requirement: string,
): Promise<Response201<'GetVariables'>['getVariableResult'][number]> {
  const res = await ctx.csms.call(
    'GetVariables',
    { getVariableData: [{ component: { name: component }, variable: { name: variable } }] },
    { requirement },
  );
  const r = res.getVariableResult[0];
  check(r !== undefined, requirement, `a GetVariables result for ${component}.${variable}`, res);
  return r;
}

/** The TransactionEvent Started of the running transaction (the newest one received). */
export function startedTransaction(ctx: Ctx201Cs): Call201<'TransactionEvent'> {
  const started = ctx.csms.receivedCalls('TransactionEvent').filter((c) => c.payload.eventType === 'Started');
  const last = started[started.length - 1];
  if (!last) throw new Error('harness: no TransactionEvent Started received; use the EnergyTransferStarted state first');
  return last;
}

/**
 * A configured token as a 2.0.1 IdTokenType. The configuration documents `type` as an
 * IdTokenEnumType but keeps it a free string (1.6 ignores it); this is where it becomes the enum.
 */
export function idTokenOf(token: IdTokenConfig): { idToken: string; type: IdTokenEnumType } {
  return { idToken: token.idToken, type: token.type as IdTokenEnumType };
}

/** The configured valid token as an IdTokenType. */
export function validToken(config: SutConfig): { idToken: string; type: IdTokenEnumType } {
  return idTokenOf(config.ids.validIdToken);
}

/**
 * A metering interval (s) short enough that a sample arrives within the message timeout:
 * the configured sample interval, capped at half the message timeout.
 */
export function meterIntervalS(config: SutConfig): number {
  return Math.max(1, Math.min(config.ids.meterValueSampleIntervalS, Math.floor(config.timeouts.messageMs / 2000)));
}

/** A request id for GetLog / UpdateFirmware, unique enough within a run. */
export function freshRequestId(): number {
  return 1 + Math.floor(Math.random() * 2 ** 30);
}

/** A boot the case watches: power-cycles a station that is already booted, then accepts its BootNotification. */
export async function acceptFreshBoot(ctx: Ctx201Cs, requirement: string): Promise<Call201<'BootNotification'>> {
  const { csms, config } = ctx;
  csms.respondTo('StatusNotification', {});
  csms.respondTo('SecurityEventNotification', {});
  csms.respondTo('NotifyEvent', {});
  csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
  if (csms.booted) await ctx.manual('reboot', {}, 'Power-cycle the charging station so that it boots again.');
  const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement });
  await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
  return boot;
}
