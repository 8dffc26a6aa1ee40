import { check, defineCase } from '../../../src/dsl.js';
import { connectorStatus } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_G_03_CSMS',
    title: 'Change Availability EVSE - Operative to inoperative',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'G',
    requirements: ['G03.FR.01'],
    purpose:
      'When an operator takes one EVSE out of service, the CSMS sends ChangeAvailabilityRequest Inoperative naming that EVSE (and no connector), and takes the Unavailable status that follows.',
    fault: 'availability-evse-omitted',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const evseId = config.ids.evseId;

    ctx.step('The station is booted; the EVSE is Available');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to set the configured EVSE Inoperative');
    await ctx.manual(
      'csmsSend',
      { message: 'ChangeAvailability', stationId: config.stationId, operationalStatus: 'Inoperative', evseId },
      `Make the CSMS set EVSE ${evseId} Inoperative`,
    );

    ctx.step('The CSMS sends ChangeAvailabilityRequest Inoperative for that EVSE');
    const req = await station.expectCall('ChangeAvailability', { requirement: 'G03.FR.01' });
    ctx.expectOneOf(req.payload.operationalStatus, ['Inoperative'], 'G03.FR.01', 'ChangeAvailabilityRequest.operationalStatus');
    check(
      req.payload.evse?.id === evseId && req.payload.evse.connectorId === undefined,
      'G03.FR.01',
      `evse {"id":${evseId}}`,
      `evse ${JSON.stringify(req.payload.evse) ?? 'absent (whole station)'}`,
    );
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station reports the connector Unavailable');
    await connectorStatus(ctx, 'Unavailable', 'G03.FR.01');
  },
);
