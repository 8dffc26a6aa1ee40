import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  answer,
  AUTH_CACHE_ENABLED,
  LOCAL_PRE_AUTHORIZE,
  NO_LOCAL_PRE_AUTHORIZE,
  cacheToken,
  carries,
  clearAuthCache,
  expectAfter,
  mark,
  presentToken,
  sessionFor,
  STOP_ON_DEAUTHORIZE,
  unplug201,
  validToken,
  withVariables201,
} from '../../../src/kit/index.js';

/**
 * The cache follows the CSMS: a token cached as Accepted is later answered Blocked, in an
 * AuthorizeResponse (TC_C_33: LocalPreAuthorize false, so the station asks) or in the
 * TransactionEventResponse of a session it started from the cache (TC_C_34: LocalPreAuthorize
 * true). Presented again with LocalPreAuthorize true, the token may no longer be authorized from
 * the cache: the station must ask the CSMS (its entry is Blocked now). In TC_C_34 the station is
 * set to end the blocked session itself (StopTxOnInvalidId true, a TxStopPoint the authorization
 * holds up), so the second presentation comes after that transaction is over.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_C_33_CS',
      title: 'Store Authorization Data in the Authorization Cache - Update on AuthorizeResponse',
      via: 'Authorize',
      requirements: ['C10.FR.01', 'C10.FR.03'],
      purpose: 'An AuthorizeResponse that blocks a cached token replaces its cache entry: the token is no longer authorized locally.',
      fault: 'cache-not-updated-on-authorize',
    },
    {
      id: 'TC_C_34_CS',
      title: 'Store Authorization Data in the Authorization Cache - Update on TransactionEventResponse',
      via: 'TransactionEvent',
      requirements: ['C10.FR.02', 'C10.FR.03'],
      purpose: 'A TransactionEventResponse that blocks a cached token replaces its cache entry: the token is no longer authorized locally.',
      fault: 'cache-not-updated-on-tx-response',
    },
  ] as const,
  ({ via, requirements, ...row }) =>
    defineCase(
      { ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'cs', block: 'C', profiles: ['Core'], features: ['C-49'] },
      async (ctx) => {
        const { csms, config } = ctx;
        const token = validToken(config);
        const blocked = { status: 'Blocked' as const };
        await ctx.given('Booted');
        // TC_C_34: the station ends the blocked session itself (StopTxOnInvalidId, a stop point the authorization holds up),
        // so the token is presented again only once that transaction is over.
        const stopOnInvalid = { component: 'TxCtrlr', variable: 'StopTxOnInvalidId', value: 'true' };
        const needs = via === 'TransactionEvent' ? [AUTH_CACHE_ENABLED, stopOnInvalid, STOP_ON_DEAUTHORIZE] : [AUTH_CACHE_ENABLED];
        await withVariables201(ctx, needs, async () => {
          await clearAuthCache(ctx);
          await cacheToken(ctx, token, { status: 'Accepted' }, 'C10.FR.01');
          if (via === 'Authorize') {
            await withVariables201(ctx, [NO_LOCAL_PRE_AUTHORIZE], async () => {
              ctx.step('The token is presented (no cable); the station asks, and the harness answers Blocked');
              const since = mark(csms);
              await presentToken(ctx, token, 'Present the configured valid idToken (no cable plugged in).');
              const auth = await expectAfter(csms, since, 'Authorize', { where: carries(token), requirement: 'C12.FR.02' });
              await answer(csms, auth, { idTokenInfo: blocked });
            });
          }
          await withVariables201(ctx, [LOCAL_PRE_AUTHORIZE], async () => {
            if (via === 'TransactionEvent') {
              ctx.step('The cached token starts a session; the harness answers its TransactionEvent with Blocked');
              const event = await sessionFor(ctx, token, { status: 'Accepted' }, 'C12.FR.02');
              await answer(csms, event, { idTokenInfo: blocked });
              const transactionId = event.payload.transactionInfo.transactionId;
              const ended = await csms.expectCall('TransactionEvent', {
                where: (p) => p.eventType === 'Ended' && p.transactionInfo.transactionId === transactionId,
                whereText: `Ended for ${transactionId} (deauthorized)`,
                requirement: 'E01.FR.11',
              });
              await answer(csms, ended, ended.payload.idToken ? { idTokenInfo: blocked } : {});
              await unplug201(ctx, 'Unplug the EV cable (end of the blocked session).');
            }
            ctx.step('The cable is plugged in and the token presented again: the station must ask the CSMS');
            await ctx.given('EVConnectedPreSession');
            const since = mark(csms);
            await presentToken(ctx, token, 'Present the configured valid idToken again.');
            const auth = await expectAfter(csms, since, 'Authorize', {
              where: carries(token),
              whereText: `idToken ${token.idToken} (cached as Blocked now)`,
              requirement: requirements[0],
            });
            await answer(csms, auth, { idTokenInfo: blocked });
          });
        });
      },
    ),
);
