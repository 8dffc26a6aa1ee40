import { check, defineCase } from '../../../src/dsl.js';
import { acceptStop, presentIdTag, sessionTransactionId16, statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_068_CS',
    title: 'Stop Transaction - IdTag in StopTransaction matches IdTag in StartTransaction',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Transactions',
    requirements: ['OCPP16-4.10', 'OCPP16-4.9'],
    purpose:
      'The driver ends a running session by presenting the idTag that started it: the charge point sends StopTransaction for that transaction carrying that idTag (reason Local or none).',
    fault: 'stop-tx-idtag-omitted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    const idTag = config.ids.validIdToken.idToken;
    await ctx.given('Charging');
    const transactionId = sessionTransactionId16(ctx);
    // The charge point may or may not check the same idTag with the central system again.
    csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });

    ctx.step('The driver presents the idTag that started the session');
    await presentIdTag(ctx);

    ctx.step('The charge point ends the transaction and names the idTag in StopTransaction');
    const stop = await csms.expectCall('StopTransaction', {
      where: (p) => p.transactionId === transactionId,
      whereText: `transactionId = ${transactionId}`,
      requirement: 'OCPP16-4.10',
    });
    check(
      stop.payload.idTag === idTag,
      'OCPP16-4.10',
      `StopTransaction.req idTag = ${idTag}`,
      `idTag = ${JSON.stringify(stop.payload.idTag)}`,
    );
    // reason may be left out: Local is its default.
    ctx.expectOneOf(stop.payload.reason ?? 'Local', ['Local'], 'OCPP16-4.10', 'StopTransaction.req reason');
    await acceptStop(ctx, stop);
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Finishing', 'Available'), requirement: 'OCPP16-4.9' });

    ctx.step('The cable is unplugged');
    await ctx.given('Idle');
  },
);
