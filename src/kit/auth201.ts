import type { Call201, Ctx201Cs, Response201 } from './contexts.js';
import type { IdTokenConfig, SutConfig } from '../core/config.js';
import type { IdTokenEnumType } from '../protocol/payloads/v201.js';
import { answer, idTokenOf, mark, expectAfter, respondToTransactionEvents, transactionEventAnswer } from './csms201.js';
import { plugIn201, unplug201 } from './left-running.js';
import { readVariable201, trySetVariable201 } from './restore.js';

/**
 * The harness as 2.0.1 CSMS, authorization (block C): presenting tokens, putting a token in the
 * station's authorization cache (OCTT's IdTokenCached memory state), optional variables, and
 * the session a token runs. The harness is the CSMS, so it decides which token is accepted: the
 * configured tokens are only the cards a lab presents.
 */

type Token = { idToken: string; type: IdTokenEnumType };
type IdTokenInfo = NonNullable<Response201<'Authorize'>['idTokenInfo']>;

/** A second card for group and master-pass cases: the configured invalid token, which the harness answers as it needs. */
export function secondToken(config: SutConfig): Token {
  return idTokenOf(config.ids.invalidIdToken);
}

/** Manual step: a token is presented at the configured EVSE. */
export async function presentToken(ctx: Ctx201Cs, token: IdTokenConfig, instruction: string): Promise<void> {
  await ctx.manual('presentIdToken', { ...token, evseId: ctx.config.ids.evseId }, instruction);
}

/** Whether a TransactionEvent names the token. */
export const carries = (token: { idToken: string }) => (p: { idToken?: { idToken: string } }) => p.idToken?.idToken === token.idToken;

/**
 * Sets a variable the case relies on where the station has it: a station without the variable
 * keeps its default behaviour (the value the case wants), so the case goes on; a station that has
 * it but refuses the value cannot reach the precondition (not-applicable). Restored at case end.
 */
export async function ensureOptionalVariable201(ctx: Ctx201Cs, component: string, variable: string, value: string): Promise<void> {
  const current = await readVariable201(ctx, component, variable);
  if (current === undefined || current === value) return;
  ctx.step(`Precondition: ${component}.${variable} is set to ${value} (was ${current})`);
  const status = await trySetVariable201(ctx, component, variable, value, 'B05.FR.01', current);
  if (status !== 'Accepted')
    ctx.notApplicable(`the precondition ${component}.${variable} = ${value} cannot be reached: ${status ?? 'no status'}`);
}

/** Empties the station's authorization cache (a known start for cache cases); ClearCache must be Accepted. */
export async function clearAuthCache(ctx: Ctx201Cs, requirement = 'C11.FR.02'): Promise<void> {
  ctx.step('The harness clears the authorization cache, so the case starts from a known cache');
  const res = await ctx.csms.call('ClearCache', {}, { requirement });
  ctx.expectOneOf(res.status, ['Accepted'], requirement, 'ClearCacheResponse.status');
}

/**
 * A token's session, from the presented card to the TransactionEvent that names it: the cable is
 * plugged in first, Authorize (if the station asks; a token it may authorize from its cache need
 * not be sent) gets `info`, and the event that carries the token (Started, or Updated for a
 * transaction started at EVConnected) is returned unanswered. Either event kind is accepted.
 */
export async function sessionFor(
  ctx: Ctx201Cs,
  token: Token,
  info: IdTokenInfo,
  requirement: string,
): Promise<Call201<'TransactionEvent'>> {
  const { csms } = ctx;
  const mine = (c: { payload: unknown }) => (c.payload as { idToken?: Token }).idToken?.idToken === token.idToken;
  // The token's own events are the case's to answer; the others (a Started at EVConnected without a token) are acknowledged.
  csms.respondTo('TransactionEvent', (c) => (mine(c) ? undefined : transactionEventAnswer(c as Call201<'TransactionEvent'>)));
  csms.respondTo('Authorize', (c) => (mine(c) ? { idTokenInfo: info } : undefined));
  await plugIn201(ctx);
  const since = mark(csms);
  await presentToken(ctx, token, `Present the idToken ${token.idToken} (cable plugged in).`);
  const event = await expectAfter(csms, since, 'TransactionEvent', {
    where: carries(token),
    whereText: `an event carrying idToken ${token.idToken}`,
    requirement,
  });
  csms.stopResponding('Authorize');
  return event;
}

/**
 * Ends the transaction of a session remotely (unless it ended already), waits for its Ended event
 * and answers it (`info` where it names a token), and unplugs.
 */
export async function endSession(
  ctx: Ctx201Cs,
  transactionId: string,
  info: IdTokenInfo = { status: 'Accepted' },
  requirement = 'F03.FR.01',
): Promise<void> {
  const { csms } = ctx;
  const done = csms
    .receivedCalls('TransactionEvent')
    .some((c) => c.payload.eventType === 'Ended' && c.payload.transactionInfo.transactionId === transactionId);
  if (!done) {
    const res = await csms.call('RequestStopTransaction', { transactionId }, { requirement });
    // A station that is ending the transaction on its own meanwhile (a deauthorization) rightly answers Rejected:
    // either way its Ended event must come.
    ctx.expectOneOf(res.status, ['Accepted', 'Rejected'], requirement, 'RequestStopTransactionResponse.status');
    const ended = await csms.expectCall('TransactionEvent', {
      where: (p) => p.eventType === 'Ended' && p.transactionInfo.transactionId === transactionId,
      whereText: `eventType Ended for ${transactionId}`,
      requirement,
    });
    await answer(csms, ended, ended.payload.idToken ? { idTokenInfo: info } : {});
  }
  await unplug201(ctx, 'Unplug the EV cable (end of the session).');
}

/**
 * Memory state IdTokenCached: the token is in the station's (cleared, enabled) authorization
 * cache with `info`. An Accepted token runs one short session (the CSMS's answers to Authorize and
 * to the TransactionEvent both carry `info`), ended remotely; any other status is one Authorize
 * of the card presented without a cable (no session starts).
 */
export async function cacheToken(ctx: Ctx201Cs, token: Token, info: IdTokenInfo, requirement: string): Promise<void> {
  const { csms } = ctx;
  ctx.step(`Memory state: the idToken ${token.idToken} is cached with status ${info.status}`);
  if (info.status !== 'Accepted') {
    const since = mark(csms);
    await presentToken(ctx, token, `Present the idToken ${token.idToken} (no cable plugged in).`);
    const auth = await expectAfter(csms, since, 'Authorize', { where: carries(token), requirement: 'C01.FR.01' });
    await answer(csms, auth, { idTokenInfo: info });
    return;
  }
  const event = await sessionFor(ctx, token, info, requirement);
  await answer(csms, event, { idTokenInfo: info });
  await endSession(ctx, event.payload.transactionInfo.transactionId, info);
  respondToTransactionEvents(ctx);
}

/** Variables of the cache cases: the cache on (C-49). */
export const AUTH_CACHE_ENABLED = { component: 'AuthCacheCtrlr', variable: 'Enabled', value: 'true' };
export const LOCAL_PRE_AUTHORIZE = { component: 'AuthCtrlr', variable: 'LocalPreAuthorize', value: 'true' };
export const NO_LOCAL_PRE_AUTHORIZE = { component: 'AuthCtrlr', variable: 'LocalPreAuthorize', value: 'false' };
