import { check } from '../engine/checks.js';
import type { ActionOf } from '../protocol/payloads/index.js';
import type { Call201, Ctx201Csms } from './contexts.js';

/**
 * The operator of a 2.0.1 CSMS at work (SUT: a CSMS): "make the CSMS send X" steps and the
 * silence that must follow an answer the CSMS has to take as final.
 */

/** The operator makes the CSMS send `message` (csmsSend with the details); returns the request the harness station receives. */
export async function operatorSends<A extends ActionOf<'2.0.1'>>(
  ctx: Ctx201Csms,
  message: A,
  details: Record<string, unknown>,
  instruction: string,
  requirement: string,
): Promise<Call201<A>> {
  await ctx.manual('csmsSend', { message, stationId: ctx.config.stationId, ...details }, instruction);
  return ctx.station.expectCall(message, { requirement }) as Promise<Call201<A>>;
}

/** After an answer that is final (Rejected, Unknown ...), the CSMS does not send the same message again on its own. */
export async function expectNoResend(ctx: Ctx201Csms, message: ActionOf<'2.0.1'>, requirement: string): Promise<void> {
  await ctx.station.expectNoCall(message, { within: ctx.config.timeouts.silenceMs, requirement });
}

/** The same instant, whatever the notation (a CSMS may write the time in another zone or precision). */
export function sameInstant(a: unknown, b: string): boolean {
  return typeof a === 'string' && Date.parse(a) === Date.parse(b);
}

/** A display message the operator configured through the CSMS and the station accepted (memory state "a display message is configured"). */
export async function configuredDisplayMessage(
  ctx: Ctx201Csms,
  requirement: string,
): Promise<Call201<'SetDisplayMessage'>['payload']['message']> {
  ctx.step('Before: the operator configures a display message; the station accepts it');
  const req = await operatorSends(
    ctx,
    'SetDisplayMessage',
    { priority: 'NormalCycle', state: 'Idle', format: 'UTF8', content: 'Welcome to this charging station' },
    'Make the CSMS set a display message (priority NormalCycle, state Idle, UTF8 "Welcome to this charging station")',
    requirement,
  );
  await ctx.station.reply(req, { status: 'Accepted' });
  return req.payload.message;
}

/** A display window: the message shows from (start) or until (end) one hour from now. */
export type DisplayWindow = 'start' | 'end' | undefined;

/** The operator's details for a display window, and its time. */
export function displayWindow(ctx: Ctx201Csms, window: DisplayWindow): { time: string; details: Record<string, string> } {
  const time = new Date(Date.parse(ctx.nowIso()) + 3600_000).toISOString();
  return { time, details: window === 'start' ? { startDateTime: time } : window === 'end' ? { endDateTime: time } : {} };
}

/** The message carries the window's time as chosen (any notation of the same instant). */
export function checkDisplayWindow(m: Call201<'SetDisplayMessage'>['payload']['message'], window: DisplayWindow, time: string): void {
  if (window === 'start') check(sameInstant(m.startDateTime, time), 'O01.FR.05', `startDateTime ${time}`, m.startDateTime ?? 'omitted');
  if (window === 'end') check(sameInstant(m.endDateTime, time), 'O01.FR.05', `endDateTime ${time}`, m.endDateTime ?? 'omitted');
}
