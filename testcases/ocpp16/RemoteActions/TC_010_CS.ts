import { check, defineCase } from '../../../src/dsl.js';
import { acceptStart, plugIn, statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_010_CS',
    title: 'Remote Start Charging Session - Cable Plugged in First',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RemoteActions',
    requirements: ['OCPP16-5.11', 'OCPP16-4.8', 'OCPP16-4.9'],
    purpose:
      'With the cable already connected, a RemoteStartTransaction from the central system is accepted and starts a transaction on that connector for the idTag the central system gave.',
    fault: 'remote-start-plugged-no-tx',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    const idTag = config.ids.validIdToken.idToken;
    await ctx.given('Booted');
    // With AuthorizeRemoteTxRequests = true the charge point authorizes the idTag first.
    csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });

    ctx.step('The EV cable is plugged in; the connector reports Preparing');
    await plugIn(ctx);
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Preparing'), requirement: 'OCPP16-4.9' });

    ctx.step('The harness sends RemoteStartTransaction for the connector; the charge point accepts it');
    const res = await csms.call('RemoteStartTransaction', { connectorId, idTag }, { requirement: 'OCPP16-5.11' });
    ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.11', 'RemoteStartTransaction.conf status');

    ctx.step('The charge point starts the transaction for the given idTag');
    const start = await csms.expectCall('StartTransaction', { requirement: 'OCPP16-5.11' });
    check(
      start.payload.connectorId === connectorId && start.payload.idTag === idTag,
      'OCPP16-5.11',
      `StartTransaction for connector ${connectorId} and idTag ${idTag}`,
      start.payload,
    );
    await acceptStart(ctx, start);

    ctx.step('The connector reports Charging');
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Charging'), requirement: 'OCPP16-4.9' });

    ctx.step('The session is ended and the cable unplugged; the charge point returns to idle');
    await ctx.given('Idle');
  },
);
