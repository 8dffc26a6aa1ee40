import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_F_06_CSMS',
    title: 'Remote unlock Connector - Without ongoing transaction - Accepted',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'F',
    requirements: ['F05.FR.01'],
    purpose:
      'When an operator unlocks a connector remotely, the CSMS sends UnlockConnectorRequest naming exactly the chosen EVSE and connector.',
    fault: 'unlock-evse-zero',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const { evseId, connectorId } = config.ids;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to unlock the configured connector');
    await ctx.manual(
      'csmsSend',
      { message: 'UnlockConnector', stationId: config.stationId, evseId, connectorId },
      `Make the CSMS unlock connector ${connectorId} of EVSE ${evseId}`,
    );

    ctx.step('The CSMS sends UnlockConnectorRequest for that EVSE and connector');
    const req = await station.expectCall('UnlockConnector', { requirement: 'F05.FR.01' });
    check(
      req.payload.evseId === evseId && req.payload.connectorId === connectorId,
      'F05.FR.01',
      `evseId ${evseId}, connectorId ${connectorId}`,
      `evseId ${req.payload.evseId}, connectorId ${req.payload.connectorId}`,
    );

    ctx.step('The station unlocks the connector');
    await station.reply(req, { status: 'Unlocked' });
  },
);
