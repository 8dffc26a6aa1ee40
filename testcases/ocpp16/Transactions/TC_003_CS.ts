import { check, defineCase } from '../../../src/dsl.js';
import { acceptStart, acceptStop, plugIn, presentIdTag, statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_003_CS',
    title: 'Regular Charging Session - Plugin First',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Transactions',
    requirements: ['OCPP16-4.8', 'OCPP16-4.1', 'OCPP16-4.9', 'OCPP16-4.10'],
    purpose:
      'With the cable already connected, a driver presenting an accepted idTag gets a transaction: the charge point authorizes the idTag, starts the transaction for that idTag on that connector and reports Charging; presenting the idTag again ends it.',
    fault: 'plugin-first-no-start',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    const idTag = config.ids.validIdToken.idToken;
    await ctx.given('Booted');

    ctx.step('The EV cable is plugged in; the connector reports Preparing');
    await plugIn(ctx);
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Preparing'), requirement: 'OCPP16-4.9' });

    ctx.step('The driver presents the valid idTag; the charge point sends Authorize for it');
    await presentIdTag(ctx);
    const auth = await csms.expectCall('Authorize', { requirement: 'OCPP16-4.1' });
    check(auth.payload.idTag === idTag, 'OCPP16-4.1', `Authorize.idTag = ${idTag}`, `Authorize.idTag = ${auth.payload.idTag}`);

    ctx.step('The harness accepts the idTag');
    await csms.reply(auth, { idTagInfo: { status: 'Accepted' } });

    ctx.step('The charge point starts a transaction for the idTag on the plugged connector');
    const start = await csms.expectCall('StartTransaction', { requirement: 'OCPP16-4.8' });
    check(
      start.payload.connectorId === connectorId && start.payload.idTag === idTag,
      'OCPP16-4.8',
      `StartTransaction for connector ${connectorId} and idTag ${idTag}`,
      start.payload,
    );
    const transactionId = await acceptStart(ctx, start);

    ctx.step('The connector reports Charging');
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Charging'), requirement: 'OCPP16-4.9' });

    ctx.step('The driver presents the same idTag again; the charge point stops the transaction locally');
    // A charge point may authorize the idTag again before stopping; it is still valid.
    csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });
    await presentIdTag(ctx);
    const stop = await csms.expectCall('StopTransaction', { requirement: 'OCPP16-4.10' });
    check(
      stop.payload.transactionId === transactionId,
      'OCPP16-4.10',
      `StopTransaction.transactionId = ${transactionId}`,
      `StopTransaction.transactionId = ${stop.payload.transactionId}`,
    );
    ctx.expectOneOf(stop.payload.reason ?? 'Local', ['Local'], 'OCPP16-4.10', 'StopTransaction.reason');
    await acceptStop(ctx, stop);

    ctx.step('The driver unplugs the cable; the charge point returns to idle');
    await ctx.given('Idle');
  },
);
