import { defineCase } from '../../../src/dsl.js';
import { expectField16, operatorCall16, statusNotification16, stopTransaction16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_018_1_CSMS',
    title: 'Unlock Connector - With Charging Session (Not Fixed Cable)',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Unlock',
    requirements: ['OCPP16-5.18', 'OCPP16-4.10', 'OCPP16-4.9'],
    purpose:
      'An operator unlocks the connector of a charge point with a running session: the central system sends UnlockConnector for that connector even though a transaction runs on it, and confirms the StopTransaction (reason UnlockCommand) the unlock causes.',
    fault: 'unlock-during-transaction-skipped',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const connectorId = config.ids.connectorId;
    await ctx.given('Charging');

    ctx.step('The operator unlocks the charging connector: the central system sends UnlockConnector');
    const req = await operatorCall16(
      ctx,
      'UnlockConnector',
      { connectorId },
      'OCPP16-5.18',
      `Make the central system send UnlockConnector to ${config.stationId} for connector ${connectorId} (a transaction runs on it).`,
    );
    expectField16(req.payload.connectorId, connectorId, 'OCPP16-5.18', 'UnlockConnector.req connectorId');

    ctx.step('The charge point ends the transaction, unlocks and answers Unlocked');
    await station.reply(req, { status: 'Unlocked' });

    ctx.step('The charge point reports the stop (reason UnlockCommand): the central system confirms it');
    await stopTransaction16(ctx, 'UnlockCommand', { requirement: 'OCPP16-4.10' });

    ctx.step('The charge point reports the connector Finishing');
    await statusNotification16(ctx, 'Finishing');
  },
);
