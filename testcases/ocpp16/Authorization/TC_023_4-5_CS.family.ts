import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { plugIn, presentIdTag, statusOf, switchOn16 } from '../../../src/kit/index.js';

/**
 * An idTag the central system answers Invalid leads to no transaction: presented at the charge
 * point (023_4, the 2024-04 TC_023) or named in a remote start that the charge point authorizes
 * first (023_5, AuthorizeRemoteTxRequests on). The cable is plugged in first, so that any start
 * would happen at once.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_023_4_CS',
      title: 'Start local Charging Session - Authorize Invalid',
      remote: false,
      requirements: ['OCPP16-4.1', 'OCPP16-4.9'],
      fault: 'authorize-invalid-starts-tx',
      purpose:
        'An idTag the central system reports as Invalid must not lead to a transaction: with the EV connected, the charge point asks for authorization and, on Invalid, starts nothing.',
    },
    {
      id: 'TC_023_5_CS',
      title: 'Start remote Charging Session - Authorize Invalid',
      remote: true,
      requirements: ['OCPP16-9.1.3', 'OCPP16-5.11', 'OCPP16-4.1', 'OCPP16-4.9'],
      fault: 'remote-authorize-status-ignored',
      purpose:
        'With AuthorizeRemoteTxRequests on, a remote start is authorized first: when the central system reports the idTag Invalid, the charge point starts nothing.',
    },
  ],
  ({ remote, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '1.6', sut: 'cs', block: 'Authorization' }, async (ctx) => {
      const { csms, config } = ctx;
      const connectorId = config.ids.connectorId;
      const invalid = config.ids.invalidIdToken;
      const requirement = remote ? 'OCPP16-9.1.3' : 'OCPP16-4.1';
      await ctx.given('Booted');
      if (remote) {
        ctx.step('The harness switches AuthorizeRemoteTxRequests on');
        await switchOn16(ctx, 'AuthorizeRemoteTxRequests', 'OCPP16-9.1.3', true);
      }

      ctx.step('The EV cable is plugged in; the connector reports Preparing');
      await plugIn(ctx);
      await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Preparing'), requirement: 'OCPP16-4.9' });

      if (remote) {
        ctx.step(`The harness starts a session remotely for the invalid idTag ${invalid.idToken}`);
        const res = await csms.call('RemoteStartTransaction', { connectorId, idTag: invalid.idToken }, { requirement: 'OCPP16-5.11' });
        // The charge point answers before it authorizes; a Rejected right away is no start either.
        ctx.expectOneOf(res.status, ['Accepted', 'Rejected'], 'OCPP16-5.11', 'RemoteStartTransaction.conf status');
        if (res.status === 'Rejected') ctx.note('the charge point rejected the remote start outright');
      } else {
        ctx.step(`The driver presents the invalid idTag ${invalid.idToken}`);
        await presentIdTag(ctx, invalid);
      }
      ctx.step('The charge point sends Authorize for it; the harness answers Invalid');
      const auth = await csms.expectCall('Authorize', { requirement });
      check(
        auth.payload.idTag === invalid.idToken,
        requirement,
        `Authorize.idTag = ${invalid.idToken}`,
        `Authorize.idTag = ${auth.payload.idTag}`,
      );
      await csms.reply(auth, { idTagInfo: { status: 'Invalid' } });

      ctx.step('The charge point starts no transaction');
      await csms.expectNoCall('StartTransaction', { within: config.timeouts.silenceMs, requirement });

      ctx.step('The cable is unplugged; the connector returns to Available');
      await ctx.given('Idle');
    }),
);
