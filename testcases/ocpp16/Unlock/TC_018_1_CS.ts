import { defineCase } from '../../../src/dsl.js';
import { acceptStop, sessionTransactionId16, statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_018_1_CS',
    title: 'Unlock Connector - With Charging Session (Not Fixed Cable)',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Unlock',
    requirements: ['OCPP16-5.18', 'OCPP16-4.10', 'OCPP16-4.9'],
    purpose:
      'UnlockConnector on the connector of a running transaction ends that transaction (StopTransaction with reason UnlockCommand) and unlocks: the answer is Unlocked and the connector leaves Charging.',
    fault: 'unlock-tx-not-stopped',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    await ctx.given('Charging');
    const transactionId = sessionTransactionId16(ctx);

    ctx.step('The harness sends UnlockConnector for the charging connector');
    const res = await csms.call('UnlockConnector', { connectorId }, { requirement: 'OCPP16-5.18' });
    ctx.expectOneOf(res.status, ['Unlocked'], 'OCPP16-5.18', 'UnlockConnector.conf status');

    // The StopTransaction may come before or after the UnlockConnector answer: both are taken.
    ctx.step('The charge point ends the transaction with reason UnlockCommand');
    const stop = await csms.expectCall('StopTransaction', {
      where: (p) => p.transactionId === transactionId,
      whereText: `transactionId = ${transactionId}`,
      requirement: 'OCPP16-5.18',
    });
    ctx.expectOneOf(stop.payload.reason, ['UnlockCommand'], 'OCPP16-4.10', 'StopTransaction.reason');
    await acceptStop(ctx, stop);

    // Finishing and StopTransaction may come in either order (OCTT general preconditions).
    ctx.step('The connector reports Finishing (the cable is still in) or Available');
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Finishing', 'Available'), requirement: 'OCPP16-4.9' });

    ctx.step('The cable is unplugged; the connector returns to Available');
    await ctx.given('Idle');
  },
);
