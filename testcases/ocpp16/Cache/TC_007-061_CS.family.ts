import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { startSession16, switchOn16 } from '../../../src/kit/index.js';

/**
 * The authorization cache (OCPP 1.6 §3.5): with AuthorizationCacheEnabled and LocalPreAuthorize
 * on, an idTag the central system accepted once starts again without an Authorize (007), unless
 * the cache was cleared with ClearCache in between (061). Sessions start by presenting the idTag
 * (_1) or remotely (_2, with AuthorizeRemoteTxRequests on, so that the remote start is authorized
 * like a local one).
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_007_1_CS',
      title: 'Regular Start Charging Session - Cached Id',
      remote: false,
      clear: false,
      fault: 'auth-cache-not-used',
      purpose:
        'An idTag accepted earlier is in the authorization cache; presented again with LocalPreAuthorize on, it starts the transaction without an Authorize.',
    },
    {
      id: 'TC_007_2_CS',
      title: 'Remote Start Charging Session - Cached Id',
      remote: true,
      clear: false,
      fault: 'auth-cache-not-used',
      purpose:
        'An idTag accepted earlier is in the authorization cache; a remote start for it (AuthorizeRemoteTxRequests and LocalPreAuthorize on) starts the transaction without an Authorize.',
    },
    {
      id: 'TC_061_1_CS',
      title: 'Clear Authorization Data in Authorization Cache - Local',
      remote: false,
      clear: true,
      fault: 'clear-cache-keeps-entries',
      purpose:
        'After ClearCache is Accepted the cache no longer holds the idTag: presented again, it is authorized with the central system before the transaction starts.',
    },
    {
      id: 'TC_061_2_CS',
      title: 'Clear Authorization Data in Authorization Cache - Remote',
      remote: true,
      clear: true,
      fault: 'clear-cache-keeps-entries',
      purpose:
        'After ClearCache is Accepted the cache no longer holds the idTag: a remote start for it (AuthorizeRemoteTxRequests on) is authorized with the central system first.',
    },
  ],
  ({ remote, clear, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'cs',
        block: 'Cache',
        requirements: ['OCPP16-3.5.1', 'OCPP16-4.1', 'OCPP16-4.8', 'OCPP16-5.11'],
      },
      async (ctx) => {
        const { csms } = ctx;
        await ctx.given('Booted');
        csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });

        ctx.step('The harness switches the authorization cache and LocalPreAuthorize on');
        await switchOn16(ctx, 'AuthorizationCacheEnabled', 'OCPP16-3.5.1', true);
        await switchOn16(ctx, 'LocalPreAuthorize', 'OCPP16-3.5.1', false);
        if (remote) await switchOn16(ctx, 'AuthorizeRemoteTxRequests', 'OCPP16-9.1.3', true);

        // Post-condition: the case leaves no cache entries behind.
        ctx.afterCase('clear the authorization cache', async () => {
          await csms.call('ClearCache', {}, { requirement: 'OCPP16-3.5.1' });
        });
        ctx.step('The harness empties the cache (precondition: no cache entries)');
        const first = await csms.call('ClearCache', {}, { requirement: 'OCPP16-3.5.1' });
        ctx.expectOneOf(first.status, ['Accepted'], 'OCPP16-3.5.1', 'ClearCache.conf status');

        ctx.step('A first session: the idTag is authorized with the harness (Accepted), which puts it in the cache');
        await startSession16(ctx, { remote, authorize: true, requirement: 'OCPP16-4.1' });
        await ctx.given('Idle');

        if (clear) {
          ctx.step('The harness clears the authorization cache');
          const res = await csms.call('ClearCache', {}, { requirement: 'OCPP16-3.5.1' });
          ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-3.5.1', 'ClearCache.conf status');
          ctx.step('The same idTag again: with the cache empty, the charge point sends Authorize before starting');
        } else ctx.step('The same idTag again: the charge point starts from its cache, without Authorize');
        await startSession16(ctx, { remote, authorize: clear, requirement: 'OCPP16-3.5.1' });

        ctx.step('The session is ended and the cable unplugged');
        await ctx.given('Idle');
      },
    ),
);
