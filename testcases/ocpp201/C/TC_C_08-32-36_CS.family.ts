import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  acceptFreshBoot,
  answer,
  AUTH_CACHE_ENABLED,
  cacheToken,
  callsSince,
  carries,
  clearAuthCache,
  expectAfter,
  mark,
  plugIn201,
  presentToken,
  respondToTransactionEvents,
  validToken,
  withVariables201,
} from '../../../src/kit/index.js';

/**
 * A token cached as Accepted (memory state IdTokenCached, after a cleared cache) is presented with
 * the cable plugged in. With AuthCtrlr.LocalPreAuthorize true the station authorizes it from the
 * cache: the session goes on without Authorize (TC_C_08), also after a reboot (TC_C_32, the
 * cache persists), and also when the card comes before the cable (TC_C_13: the session starts
 * once the cable is plugged in). With LocalPreAuthorize false it asks the CSMS first (TC_C_36).
 * An entry older than AuthCacheCtrlr.LifeTime is no longer used (TC_C_46): the station asks. The event that
 * names the token may be a Started (TxStartPoint Authorized, PowerPathClosed ...) or an Updated
 * of a transaction started at plug-in (EVConnected, ParkingBayOccupancy): both are accepted.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_C_08_CS',
      title: 'Authorization through authorization cache - Accepted',
      preAuthorize: 'true',
      reboot: false,
      cableFirst: true,
      lifeTime: false,
      requirements: ['C12.FR.02', 'C10.FR.01'],
      purpose: 'With LocalPreAuthorize, a token the cache holds as Accepted starts charging without an Authorize round trip.',
      fault: 'cache-preauthorize-ignored',
    },
    {
      id: 'TC_C_13_CS',
      title: 'Authorization through authorization cache - Accepted but cable not connected yet',
      preAuthorize: 'true',
      reboot: false,
      cableFirst: false,
      lifeTime: false,
      requirements: ['C12.FR.02', 'E03.FR.01'],
      purpose: 'A cached Accepted token presented before the cable is authorized locally; the session starts once the cable is plugged in.',
      fault: 'cache-preauthorize-ignored',
    },
    {
      id: 'TC_C_32_CS',
      title: 'Store Authorization Data in the Authorization Cache - Persistent over reboot',
      preAuthorize: 'true',
      reboot: true,
      cableFirst: true,
      lifeTime: false,
      requirements: ['C10.FR.04', 'C12.FR.02'],
      purpose: 'The authorization cache survives a reboot: after a power cycle a cached Accepted token is still authorized locally.',
      fault: 'cache-lost-on-reboot',
    },
    {
      id: 'TC_C_36_CS',
      title: 'Store Authorization Data in the Authorization Cache - AuthCacheCtrlr.LocalPreAuthorize = false',
      preAuthorize: 'false',
      reboot: false,
      cableFirst: true,
      lifeTime: false,
      requirements: ['C12.FR.02'],
      purpose: 'With LocalPreAuthorize false, even a token the cache holds as Accepted is sent to the CSMS in Authorize before charging.',
      fault: 'cache-preauthorize-always',
    },
    {
      id: 'TC_C_46_CS',
      title: 'Store Authorization Data in the Authorization Cache - AuthCacheLifeTime',
      preAuthorize: 'true',
      reboot: false,
      cableFirst: true,
      lifeTime: true,
      requirements: ['C10.FR.07'],
      purpose: 'A cache entry older than AuthCacheCtrlr.LifeTime is not used: the station asks the CSMS about the token again.',
      fault: 'cache-lifetime-ignored',
    },
  ] as const,
  ({ preAuthorize, reboot, cableFirst, lifeTime, requirements, ...row }) =>
    defineCase(
      { ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'cs', block: 'C', profiles: ['Core'], features: ['C-49'] },
      async (ctx) => {
        const { csms, config } = ctx;
        const token = validToken(config);
        const requirement = requirements[0];
        await ctx.given('Booted');
        // TC_C_46: a lifetime the case can wait out, from the configured silence window (at least 1 s).
        const lifeS = Math.max(1, Math.ceil(config.timeouts.silenceMs / 1000));
        const life = { component: 'AuthCacheCtrlr', variable: 'LifeTime', value: String(lifeS) };
        await withVariables201(ctx, lifeTime ? [AUTH_CACHE_ENABLED, life] : [AUTH_CACHE_ENABLED], async () => {
          await clearAuthCache(ctx);
          await cacheToken(ctx, token, { status: 'Accepted' }, 'C10.FR.01');
          const pre = { component: 'AuthCtrlr', variable: 'LocalPreAuthorize', value: preAuthorize };
          await withVariables201(ctx, [pre], async () => {
            if (reboot) {
              ctx.step('The station is power-cycled and boots again');
              await acceptFreshBoot(ctx, 'B01.FR.01');
            }
            if (lifeTime) {
              ctx.step(`The harness waits until the cache entry is older than its lifetime (${lifeS} s)`);
              await csms.wait(lifeS * 1000 + 500);
            }
            ctx.step(
              cableFirst
                ? 'The cable is plugged in and the cached token presented'
                : 'The cached token is presented, then the cable plugged in',
            );
            if (cableFirst) await ctx.given('EVConnectedPreSession');
            else respondToTransactionEvents(ctx);
            const since = mark(csms);
            // Authorize, where it comes, is answered Accepted; whether it may come is the check below.
            csms.respondTo('Authorize', { idTokenInfo: { status: 'Accepted' } });
            await presentToken(ctx, token, 'Present the configured valid idToken again.');
            if (!cableFirst) await plugIn201(ctx);
            const event = await expectAfter(csms, since, 'TransactionEvent', {
              where: carries(token),
              whereText: `an event carrying idToken ${token.idToken}`,
              requirement,
            });
            await answer(csms, event, { idTokenInfo: { status: 'Accepted' } });
            const asked = callsSince(csms, since).filter((c) => c.action === 'Authorize').length > 0;
            if (lifeTime || preAuthorize === 'false')
              check(
                asked,
                requirement,
                'an Authorize before charging (expired entry, or LocalPreAuthorize false)',
                'the token was authorized from the cache',
              );
            else
              check(
                !asked,
                requirement,
                'no Authorize: the cached Accepted token is authorized locally',
                'an Authorize for the cached token',
              );
          });
        });
      },
    ),
);
