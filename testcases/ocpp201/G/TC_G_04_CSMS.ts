import { check, defineCase } from '../../../src/dsl.js';
import { connectorStatus } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_G_04_CSMS',
    title: 'Change Availability EVSE - Inoperative to operative',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'G',
    requirements: ['G03.FR.01'],
    purpose:
      'When an operator puts an Inoperative EVSE back into service, the CSMS sends ChangeAvailabilityRequest Operative for that EVSE and takes the Available status that follows.',
    fault: 'availability-operative-inverted',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const evseId = config.ids.evseId;

    ctx.step('The configured EVSE has been made Unavailable by the CSMS');
    await ctx.given('Unavailable', { scope: 'evse' });

    ctx.step('The operator asks the CSMS to set the EVSE Operative again');
    await ctx.manual(
      'csmsSend',
      { message: 'ChangeAvailability', stationId: config.stationId, operationalStatus: 'Operative', evseId },
      `Make the CSMS set EVSE ${evseId} Operative`,
    );

    ctx.step('The CSMS sends ChangeAvailabilityRequest Operative for that EVSE');
    const req = await station.expectCall('ChangeAvailability', { requirement: 'G03.FR.01' });
    ctx.expectOneOf(req.payload.operationalStatus, ['Operative'], 'G03.FR.01', 'ChangeAvailabilityRequest.operationalStatus');
    check(req.payload.evse?.id === evseId, 'G03.FR.01', `evse.id ${evseId}`, `evse ${JSON.stringify(req.payload.evse) ?? 'absent'}`);
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station reports the connector Available');
    await connectorStatus(ctx, 'Available', 'G03.FR.01');
  },
);
