import { check, defineCase } from '../../../src/dsl.js';
import { connectorStatus } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_G_05_CSMS',
    title: 'Change Availability Charging Station - Operative to inoperative',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'G',
    requirements: ['G04.FR.01'],
    purpose:
      'When an operator takes the whole station out of service, the CSMS sends ChangeAvailabilityRequest Inoperative without an evse field, and takes the Unavailable statuses that follow.',
    fault: 'availability-station-evse-zero',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('The station is booted and Available');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to set the whole station Inoperative');
    await ctx.manual(
      'csmsSend',
      { message: 'ChangeAvailability', stationId: config.stationId, operationalStatus: 'Inoperative' },
      'Make the CSMS set the whole charging station Inoperative',
    );

    ctx.step('The CSMS sends ChangeAvailabilityRequest Inoperative for the station as a whole');
    const req = await station.expectCall('ChangeAvailability', { requirement: 'G04.FR.01' });
    ctx.expectOneOf(req.payload.operationalStatus, ['Inoperative'], 'G04.FR.01', 'ChangeAvailabilityRequest.operationalStatus');
    check(req.payload.evse === undefined, 'G04.FR.01', 'no evse field (whole station)', `evse ${JSON.stringify(req.payload.evse)}`);
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station reports its connector Unavailable');
    await connectorStatus(ctx, 'Unavailable', 'G04.FR.01');
  },
);
