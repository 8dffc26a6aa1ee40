import { defineCase } from '../../../src/dsl.js';
import {
  answer,
  AUTH_CACHE_ENABLED,
  LOCAL_PRE_AUTHORIZE,
  cacheToken,
  carries,
  clearAuthCache,
  expectAfter,
  mark,
  presentToken,
  validToken,
  withVariables201,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_C_37_CS',
    title: 'Clear Authorization Data in Authorization Cache - Accepted',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'C',
    profiles: ['Core'],
    features: ['C-49'],
    requirements: ['C11.FR.02', 'C11.FR.01', 'C12.FR.02'],
    purpose:
      'ClearCache empties the authorization cache: a token cached as Accepted, which the station would otherwise authorize locally (LocalPreAuthorize), is sent to the CSMS in Authorize again.',
    fault: 'clearcache-keeps-entries',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const token = validToken(config);
    await ctx.given('Booted');
    await withVariables201(ctx, [AUTH_CACHE_ENABLED], async () => {
      await clearAuthCache(ctx);
      await cacheToken(ctx, token, { status: 'Accepted' }, 'C10.FR.01');
      await withVariables201(ctx, [LOCAL_PRE_AUTHORIZE], async () => {
        ctx.step('The harness sends ClearCache; the station accepts');
        const res = await csms.call('ClearCache', {}, { requirement: 'C11.FR.02' });
        ctx.expectOneOf(res.status, ['Accepted'], 'C11.FR.02', 'ClearCacheResponse.status');

        ctx.step('The cable is plugged in and the formerly cached token presented: the station must ask the CSMS');
        await ctx.given('EVConnectedPreSession');
        const since = mark(csms);
        await presentToken(ctx, token, 'Present the configured valid idToken again.');
        const auth = await expectAfter(csms, since, 'Authorize', {
          where: carries(token),
          whereText: `idToken ${token.idToken} (no longer cached)`,
          requirement: 'C11.FR.01',
        });
        await answer(csms, auth, { idTokenInfo: { status: 'Accepted' } });
      });
    });
  },
);
