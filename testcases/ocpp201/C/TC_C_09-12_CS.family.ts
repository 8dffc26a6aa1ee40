import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  answer,
  AUTH_CACHE_ENABLED,
  LOCAL_PRE_AUTHORIZE,
  cacheToken,
  carries,
  clearAuthCache,
  ensureOptionalVariable201,
  expectAfter,
  mark,
  presentToken,
  validToken,
  withVariables201,
} from '../../../src/kit/index.js';

/**
 * A token cached with a status other than Accepted (memory state IdTokenCached, after a cleared
 * cache) is presented with the cable plugged in and LocalPreAuthorize true. The station may not
 * authorize it from the cache: it asks the CSMS again (post-authorize, C10.FR.03), and charges
 * only if the new answer is Accepted (C12.FR.05). With AuthCacheCtrlr.DisablePostAuthorize true
 * it does not ask and refuses at once (TC_C_57). A transaction started at plug-in without a token
 * (TxStartPoint EVConnected, ParkingBayOccupancy; its Started may arrive late) is allowed
 * throughout; an event naming the refused token or reporting chargingState Charging is not.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_C_09_CS',
      title: 'Authorization through authorization cache - Invalid & Not Accepted',
      cached: 'Invalid',
      answer: 'Invalid',
      disablePostAuthorize: false,
      fault: 'cache-post-authorize-skipped',
    },
    {
      id: 'TC_C_10_CS',
      title: 'Authorization through authorization cache - Blocked',
      cached: 'Blocked',
      answer: 'Blocked',
      disablePostAuthorize: false,
      fault: 'cache-post-authorize-skipped',
    },
    {
      id: 'TC_C_11_CS',
      title: 'Authorization through authorization cache - Expired',
      cached: 'Expired',
      answer: 'Expired',
      disablePostAuthorize: false,
      fault: 'cache-post-authorize-skipped',
    },
    {
      id: 'TC_C_12_CS',
      title: 'Authorization through authorization cache - Invalid & Accepted',
      cached: 'Invalid',
      answer: 'Accepted',
      disablePostAuthorize: false,
      fault: 'cache-post-authorize-skipped',
    },
    {
      id: 'TC_C_57_CS',
      title: 'Authorization through authorization cache - AuthCacheDisablePostAuthorize',
      cached: 'Invalid',
      answer: undefined,
      disablePostAuthorize: true,
      fault: 'post-authorize-not-disabled',
    },
  ] as const,
  ({ cached, answer: verdict, disablePostAuthorize, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'cs',
        block: 'C',
        profiles: ['Core'],
        features: ['C-49'],
        requirements: ['C10.FR.03', 'C12.FR.05', 'C10.FR.01'],
        purpose: disablePostAuthorize
          ? 'With DisablePostAuthorize, a token cached as Invalid is refused locally: no Authorize, no charging.'
          : `A token cached as ${cached} is authorized with the CSMS again; answered ${verdict ?? ''}, it ${verdict === 'Accepted' ? 'starts charging' : 'starts nothing'}.`,
      },
      async (ctx) => {
        const { csms, config } = ctx;
        const token = validToken(config);
        await ctx.given('Booted');
        await withVariables201(ctx, [AUTH_CACHE_ENABLED], async () => {
          await clearAuthCache(ctx);
          await cacheToken(ctx, token, { status: cached }, 'C10.FR.01');
          const postAuthorize = { component: 'AuthCacheCtrlr', variable: 'DisablePostAuthorize', value: 'true' };
          if (!disablePostAuthorize) await ensureOptionalVariable201(ctx, 'AuthCacheCtrlr', 'DisablePostAuthorize', 'false');
          await withVariables201(ctx, disablePostAuthorize ? [LOCAL_PRE_AUTHORIZE, postAuthorize] : [LOCAL_PRE_AUTHORIZE], async () => {
            ctx.step(`The cable is plugged in and the token cached as ${cached} presented`);
            await ctx.given('EVConnectedPreSession');
            const since = mark(csms);
            const presented = ctx.clock.monotonic();
            await presentToken(ctx, token, 'Present the configured valid idToken again.');
            if (verdict === undefined) {
              ctx.step('The station refuses the token from its cache without asking the CSMS');
              await csms.expectNoCall('Authorize', { within: config.timeouts.silenceMs, since: presented, requirement: 'C10.FR.03' });
            } else {
              ctx.step(`The station asks the CSMS again; the harness answers ${verdict}`);
              const auth = await expectAfter(csms, since, 'Authorize', {
                where: carries(token),
                whereText: `idToken ${token.idToken}`,
                requirement: 'C10.FR.03',
              });
              await answer(csms, auth, { idTokenInfo: { status: verdict } });
            }
            if (verdict === 'Accepted') {
              ctx.step('The station charges for the token the CSMS now accepts');
              const event = await expectAfter(csms, since, 'TransactionEvent', { where: carries(token), requirement: 'C12.FR.05' });
              await answer(csms, event, { idTokenInfo: { status: 'Accepted' } });
              return;
            }
            ctx.step('The station starts nothing for the refused token');
            await csms.expectNoCall('TransactionEvent', {
              within: config.timeouts.silenceMs,
              since: presented,
              where: (p) => carries(token)(p) || p.transactionInfo.chargingState === 'Charging',
              requirement: 'C12.FR.05',
            });
          });
        });
      },
    ),
);
