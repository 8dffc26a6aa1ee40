import { check, defineCase } from '../../../src/dsl.js';
import { acceptStart, expectPreparing, plugIn, presentIdTag, statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_004_1_CS',
    title: 'Regular Charging Session - Identification First',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Transactions',
    requirements: ['OCPP16-4.8', 'OCPP16-4.1', 'OCPP16-4.9'],
    purpose:
      'A driver who identifies before connecting the EV keeps the authorization: once the cable is plugged in (within the connection timeout) the charge point starts the transaction for that idTag and reports Charging.',
    fault: 'idfirst-no-start',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    const idTag = config.ids.validIdToken.idToken;
    await ctx.given('Booted');

    ctx.step('The driver presents the valid idTag; the charge point sends Authorize for it');
    await presentIdTag(ctx);
    const auth = await csms.expectCall('Authorize', { requirement: 'OCPP16-4.1' });
    check(auth.payload.idTag === idTag, 'OCPP16-4.1', `Authorize.idTag = ${idTag}`, `Authorize.idTag = ${auth.payload.idTag}`);

    ctx.step('The harness accepts the idTag');
    await csms.reply(auth, { idTagInfo: { status: 'Accepted' } });

    ctx.step('The charge point holds the authorization and reports the connector Preparing');
    await expectPreparing(ctx, 'after the idTag was accepted');

    ctx.step('The EV cable is plugged in');
    await plugIn(ctx);

    ctx.step('The charge point starts a transaction for the authorized idTag');
    const start = await csms.expectCall('StartTransaction', { requirement: 'OCPP16-4.8' });
    check(
      start.payload.connectorId === connectorId && start.payload.idTag === idTag,
      'OCPP16-4.8',
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
