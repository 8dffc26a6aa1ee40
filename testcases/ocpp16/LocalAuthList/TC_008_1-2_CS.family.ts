import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { localListVersion16, sendLocalList16, startSession16, switchOn16 } from '../../../src/kit/index.js';

/**
 * The local authorization list is used (OCPP 1.6 §3.5): with LocalAuthListEnabled and
 * LocalPreAuthorize on, an idTag the list holds as Accepted starts a transaction without an
 * Authorize, presented at the charge point (008_1) or remotely (008_2, AuthorizeRemoteTxRequests on).
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_008_1_CS',
      title: 'Regular Start Charging Session - Id in Local Authorization List',
      remote: false,
      purpose:
        'The valid idTag is in the local list as Accepted; presented with the cable plugged in, it starts the transaction at once, without an Authorize.',
    },
    {
      id: 'TC_008_2_CS',
      title: 'Remote Start Charging Session - Id in Local Authorization List',
      remote: true,
      purpose:
        'The valid idTag is in the local list as Accepted; a remote start for it (AuthorizeRemoteTxRequests on) starts the transaction without an Authorize.',
    },
  ],
  ({ remote, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'cs',
        block: 'LocalAuthList',
        profiles: ['LocalAuthListManagement'],
        features: ['LocalAuthListManagement'],
        requirements: ['OCPP16-3.5.2', 'OCPP16-5.15', 'OCPP16-4.8'],
        fault: 'local-list-not-used',
      },
      async (ctx) => {
        const { csms, config } = ctx;
        const idTag = config.ids.validIdToken.idToken;
        await ctx.given('Booted');
        // Were the charge point to ask after all, the harness knows the idTag (the check below catches it).
        csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });

        ctx.step('The harness switches the local list and LocalPreAuthorize on');
        await switchOn16(ctx, 'LocalAuthListEnabled', 'OCPP16-3.5.2', true);
        await switchOn16(ctx, 'LocalPreAuthorize', 'OCPP16-3.5.2', false);
        if (remote) await switchOn16(ctx, 'AuthorizeRemoteTxRequests', 'OCPP16-9.1.3', true);

        ctx.step('The harness empties the authorization cache, so that only the list can authorize the idTag');
        // A charge point without a cache may answer Rejected; either way nothing is cached.
        const cleared = await csms.call('ClearCache', {}, { requirement: 'OCPP16-3.5.1' });
        ctx.expectOneOf(cleared.status, ['Accepted', 'Rejected'], 'OCPP16-3.5.1', 'ClearCache.conf status');

        ctx.step(`The harness sends a Full local list holding ${idTag} as Accepted`);
        const version = Math.max(0, await localListVersion16(ctx)) + 1;
        const status = await sendLocalList16(ctx, {
          listVersion: version,
          updateType: 'Full',
          localAuthorizationList: [{ idTag, idTagInfo: { status: 'Accepted' } }],
        });
        ctx.expectOneOf(status, ['Accepted'], 'OCPP16-5.15', 'SendLocalList.conf status');

        ctx.step(`The driver ${remote ? 'is started remotely' : 'presents the idTag'}: the transaction starts without Authorize`);
        await startSession16(ctx, { remote, authorize: false, requirement: 'OCPP16-3.5.2' });

        ctx.step('The session is ended and the cable unplugged');
        await ctx.given('Idle');
      },
    ),
);
