import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { changeConfiguration16, expectPreparing, plugIn, presentIdTag, statusOf } from '../../../src/kit/index.js';

/**
 * An authorization that waits for the cable expires after ConnectionTimeOut: the driver is
 * identified (locally, 004_2) or a remote start is accepted (011_2), nobody plugs in, and the
 * connector returns to Available. Plugging in afterwards must then start nothing.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_004_2_CS',
      title: 'Regular Charging Session - Identification First - ConnectionTimeOut',
      remote: false,
      purpose:
        'An idTag presented before the cable is plugged in is held only for ConnectionTimeOut seconds: the connector goes back to Available and a later plug-in starts no transaction.',
    },
    {
      id: 'TC_011_2_CS',
      title: 'Remote Start Charging Session - Time Out',
      remote: true,
      purpose:
        'An accepted RemoteStartTransaction on an empty connector is held only for ConnectionTimeOut seconds: the connector goes back to Available and a later plug-in starts no transaction.',
    },
  ],
  ({ remote, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'cs',
        block: remote ? 'RemoteActions' : 'Transactions',
        requirements: ['OCPP16-9.1.6', 'OCPP16-4.9', remote ? 'OCPP16-5.11' : 'OCPP16-4.1'],
        fault: 'connection-timeout-ignored',
      },
      async (ctx) => {
        const { csms, config } = ctx;
        const connectorId = config.ids.connectorId;
        const idTag = config.ids.validIdToken.idToken;
        // Short enough to wait for, long enough for the charge point to report Preparing first.
        const timeoutS = Math.max(2, Math.ceil(config.timeouts.silenceMs / 1000));
        await ctx.given('Booted');
        // The charge point may authorize the idTag with the central system (AuthorizeRemoteTxRequests, no cache).
        csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });

        ctx.step(`The harness sets ConnectionTimeOut to ${timeoutS} s`);
        await changeConfiguration16(ctx, 'ConnectionTimeOut', String(timeoutS), 'OCPP16-9.1.6');

        if (remote) {
          ctx.step(`The harness starts a session remotely on connector ${connectorId}; no cable is plugged in`);
          const res = await csms.call('RemoteStartTransaction', { connectorId, idTag }, { requirement: 'OCPP16-5.11' });
          ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.11', 'RemoteStartTransaction.conf status');
        } else {
          ctx.step('The driver presents the valid idTag; no cable is plugged in');
          await presentIdTag(ctx);
        }
        await expectPreparing(ctx, 'while the authorization waits for the cable');

        ctx.step(`Nobody plugs in: within ConnectionTimeOut (${timeoutS} s) the connector returns to Available`);
        await csms.expectCall('StatusNotification', {
          ...statusOf(connectorId, 'Available'),
          within: timeoutS * 1000 + config.timeouts.messageMs,
          requirement: 'OCPP16-9.1.6',
        });

        ctx.step('The cable is plugged in after the timeout: the expired authorization starts no transaction');
        await plugIn(ctx);
        await csms.expectNoCall('StartTransaction', { within: config.timeouts.silenceMs, requirement: 'OCPP16-9.1.6' });

        ctx.step('The cable is unplugged; the connector returns to Available');
        await ctx.given('Idle');
      },
    ),
);
