import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_G_11_CSMS',
    title: 'Change Availability EVSE - With ongoing transaction',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'G',
    requirements: ['G03.FR.03', 'G03.FR.01'],
    purpose:
      'When an operator takes a charging EVSE out of service, the CSMS accepts the Scheduled answer and waits: it does not repeat the request while the transaction runs, and takes the Unavailable status once the transaction has ended.',
    fault: 'availability-scheduled-retry',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const evseId = config.ids.evseId;

    ctx.step('A transaction is charging on the configured EVSE');
    await ctx.given('EnergyTransferStarted');

    ctx.step('The operator asks the CSMS to set that EVSE Inoperative');
    await ctx.manual(
      'csmsSend',
      { message: 'ChangeAvailability', stationId: config.stationId, operationalStatus: 'Inoperative', evseId },
      `Make the CSMS set EVSE ${evseId} Inoperative`,
    );

    ctx.step('The CSMS sends ChangeAvailabilityRequest Inoperative; the station schedules it until the transaction ends');
    const req = await station.expectCall('ChangeAvailability', { requirement: 'G03.FR.01' });
    ctx.expectOneOf(req.payload.operationalStatus, ['Inoperative'], 'G03.FR.01', 'ChangeAvailabilityRequest.operationalStatus');
    check(req.payload.evse?.id === evseId, 'G03.FR.01', `evse.id ${evseId}`, `evse ${JSON.stringify(req.payload.evse) ?? 'absent'}`);
    await station.reply(req, { status: 'Scheduled' });

    ctx.step('The CSMS does not repeat the request while the transaction is running');
    await station.expectNoCall('ChangeAvailability', { within: config.timeouts.silenceMs, requirement: 'G03.FR.03' });

    ctx.step('The transaction is stopped and the EV unplugged; the EVSE then becomes Unavailable');
    await ctx.given('StopAuthorized');
    await ctx.given('EVDisconnected', { connectorStatus: 'Unavailable' });
  },
);
