import type { CaseContext } from '../engine/context.js';
import type { SutConfig } from '../engine/config.js';
import type { StateTable } from '../engine/states.js';
import type { ExpectCallOptions, Payload, ReceivedCall } from '../transport/endpoint.js';
import type { MockCsms } from '../transport/roles.js';

/* Helpers shared by the 2.0.1 charging-station cases (the harness plays the CSMS). */

/** Answers a call unless a responder answered it already. */
export async function answer(csms: MockCsms, call: ReceivedCall, payload: Payload): Promise<void> {
  if (!call.answered) await csms.reply(call, payload);
}

/** The answer a CSMS gives a TransactionEvent: an authorization verdict when it names a token. */
export function transactionEventAnswer(call: ReceivedCall): Payload {
  return call.payload.idToken ? { idTokenInfo: { status: 'Accepted' } } : {};
}

/** From now on every TransactionEvent is acknowledged (the case still inspects the ones it expects). */
export function respondToTransactionEvents(ctx: CaseContext): void {
  ctx.csms.respondTo('TransactionEvent', transactionEventAnswer);
}

/** A mark in the received-call stream, for "nothing but X since then" checks. */
export function mark(csms: MockCsms): number {
  return csms.receivedCalls().length;
}

/** Calls received since a mark (answered or not, taken or not). */
export function callsSince(csms: MockCsms, at: number): ReceivedCall[] {
  return csms.receivedCalls().slice(at);
}

/** Waits for a call of `action` received after the mark (older ones, even if not taken, do not count). */
export function expectAfter(csms: MockCsms, at: number, action: string, opts: ExpectCallOptions<Payload> = {}): Promise<ReceivedCall> {
  const old = new Set(csms.receivedCalls().slice(0, at).map((c) => c.payload));
  const where = opts.where;
  return csms.expectCall(action, { ...opts, where: (p) => !old.has(p) && (!where || where(p)) });
}

/** Fails if any call other than the allowed actions arrived since the mark. */
export function checkNothingSince(ctx: CaseContext, at: number, allowed: string[], requirement: string, expected: string): void {
  const others = callsSince(ctx.csms, at).filter((c) => !allowed.includes(c.action));
  ctx.check(others.length === 0, requirement, expected, `received ${others.map((c) => c.action).join(', ')}`);
}

/** Reads one variable (Actual); returns the result entry. */
export async function getVariable(ctx: CaseContext, component: string, variable: string, requirement: string): Promise<Payload> {
  const res = await ctx.csms.call('GetVariables', { getVariableData: [{ component: { name: component }, variable: { name: variable } }] }, { requirement });
  const r = (res.getVariableResult as Payload[] | undefined)?.[0];
  ctx.check(r !== undefined, requirement, `a GetVariables result for ${component}.${variable}`, res);
  return r as Payload;
}

/** The TransactionEvent Started of the running transaction (the newest one received). */
export function startedTransaction(ctx: CaseContext): ReceivedCall {
  const started = ctx.csms.receivedCalls('TransactionEvent').filter((c) => c.payload.eventType === 'Started');
  const last = started[started.length - 1];
  if (!last) throw new Error('harness: no TransactionEvent Started received; use the EnergyTransferStarted state first');
  return last;
}

/** The configured valid token as an IdTokenType. */
export function validToken(config: SutConfig): { idToken: string; type: string } {
  return { idToken: config.ids.validIdToken.idToken, type: config.ids.validIdToken.type };
}

/**
 * A metering interval (s) short enough that a sample arrives within the message timeout:
 * the configured sample interval, capped at half the message timeout.
 */
export function meterIntervalS(config: SutConfig): number {
  return Math.max(1, Math.min(config.ids.meterValueSampleIntervalS, Math.floor(config.timeouts.messageMs / 2000)));
}

/** Sets one variable and fails unless the station accepts it. */
export async function setVariable(ctx: CaseContext, component: string, variable: string, value: string, requirement: string): Promise<void> {
  const res = await ctx.csms.call('SetVariables', { setVariableData: [{ component: { name: component }, variable: { name: variable }, attributeValue: value }] }, { requirement });
  const status = res.setVariableResult?.[0]?.attributeStatus;
  ctx.expectOneOf(status, ['Accepted'], requirement, `SetVariables ${component}.${variable} attributeStatus`);
}

/**
 * Reusable states for 2.0.1 cases where the SUT is a charging station (the harness is CSMS).
 * Booted: the station connects, its boot is accepted, and it reports its connectors.
 * EVConnectedPreSession: the EV cable is plugged in and the connector reported Occupied.
 * Authorized: the configured valid token is presented and authorized by the CSMS.
 * EnergyTransferStarted: all of the above; the transaction has started and is charging.
 */
export const states201Cs: StateTable = {
  async Booted(ctx) {
    const { csms, config } = ctx;
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    csms.respondTo('StatusNotification', {});
    csms.respondTo('NotifyEvent', {});
    csms.respondTo('SecurityEventNotification', {});
    csms.respondTo('MeterValues', {});
    csms.respondTo('LogStatusNotification', {});
    csms.respondTo('FirmwareStatusNotification', {});
    if (csms.booted) return;
    const boot = await csms.expectCall('BootNotification', { within: config.timeouts.connectMs + config.timeouts.messageMs, requirement: 'B01.FR.01' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    await csms.expectCall('StatusNotification', { requirement: 'B01.FR.05' });
  },

  async EVConnectedPreSession(ctx) {
    const { csms, config } = ctx;
    await ctx.manual('plugIn', { evseId: config.ids.evseId, connectorId: config.ids.connectorId }, 'Plug the EV cable into the configured EVSE and connector.');
    await csms.expectCall('StatusNotification', {
      where: (p) => p.connectorStatus === 'Occupied' && p.evseId === config.ids.evseId,
      whereText: 'connectorStatus Occupied on the configured EVSE',
      requirement: 'G01.FR.01',
    });
  },

  async Authorized(ctx) {
    const { csms, config } = ctx;
    const token = validToken(config);
    await ctx.manual('presentIdToken', { ...token, evseId: config.ids.evseId }, 'Present the configured valid idToken at the station.');
    const auth = await csms.expectCall('Authorize', { where: (p) => p.idToken?.idToken === token.idToken, whereText: 'the presented idToken', requirement: 'C01.FR.01' });
    await answer(csms, auth, { idTokenInfo: { status: 'Accepted' } });
  },

  async EnergyTransferStarted(ctx) {
    const { csms } = ctx;
    await ctx.given('Booted');
    await ctx.given('EVConnectedPreSession');
    await ctx.given('Authorized');
    const started = await csms.expectCall('TransactionEvent', { where: (p) => p.eventType === 'Started', whereText: 'eventType Started', requirement: 'E02.FR.01' });
    await answer(csms, started, transactionEventAnswer(started));
    respondToTransactionEvents(ctx);
  },
};
