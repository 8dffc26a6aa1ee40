import { check, defineCase } from '../../../src/dsl.js';
import { connectorStatus } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_G_07_CSMS',
    title: 'Change Availability Connector - Operative to inoperative',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'G',
    requirements: ['G03.FR.01'],
    purpose:
      'When an operator takes one connector out of service, the CSMS sends ChangeAvailabilityRequest Inoperative naming both the EVSE and the connector, and takes the Unavailable status that follows.',
    fault: 'availability-connector-omitted',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const { evseId, connectorId } = config.ids;

    ctx.step('The station is booted; the connector is Available');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to set the configured connector Inoperative');
    await ctx.manual(
      'csmsSend',
      { message: 'ChangeAvailability', stationId: config.stationId, operationalStatus: 'Inoperative', evseId, connectorId },
      `Make the CSMS set connector ${connectorId} of EVSE ${evseId} Inoperative`,
    );

    ctx.step('The CSMS sends ChangeAvailabilityRequest Inoperative for that connector');
    const req = await station.expectCall('ChangeAvailability', { requirement: 'G03.FR.01' });
    ctx.expectOneOf(req.payload.operationalStatus, ['Inoperative'], 'G03.FR.01', 'ChangeAvailabilityRequest.operationalStatus');
    check(
      req.payload.evse?.id === evseId && req.payload.evse?.connectorId === connectorId,
      'G03.FR.01',
      `evse {"id":${evseId},"connectorId":${connectorId}}`,
      `evse ${JSON.stringify(req.payload.evse) ?? 'absent'}`,
    );
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station reports the connector Unavailable');
    await connectorStatus(ctx, 'Unavailable', 'G03.FR.01');
  },
);
