import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_017_1_CSMS',
    title: 'Unlock Connector - No Charging Session Running (Not Fixed Cable)',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Unlock',
    requirements: ['OCPP16-5.18'],
    purpose:
      'An operator unlocks the connector of an idle charge point with a detachable cable: the central system sends UnlockConnector for exactly the connector the operator chose.',
    fault: 'unlock-wrong-connector',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step('The operator unlocks the connector: the central system sends UnlockConnector');
    await ctx.manual(
      'csmsSend',
      { message: 'UnlockConnector', stationId: config.stationId, connectorId },
      `Make the central system send UnlockConnector to ${config.stationId} for connector ${connectorId}.`,
    );
    const req = await station.expectCall('UnlockConnector', { requirement: 'OCPP16-5.18' });
    check(
      req.payload.connectorId === connectorId,
      'OCPP16-5.18',
      `UnlockConnector.req connectorId = ${connectorId}`,
      `connectorId = ${JSON.stringify(req.payload.connectorId)}`,
    );

    ctx.step('The charge point unlocks the connector and reports Unlocked');
    await station.reply(req, { status: 'Unlocked' });
  },
);
