import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_F_20_CSMS',
    title: 'Trigger message - Heartbeat',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'F',
    requirements: ['F06.FR.01', 'B01.FR.04'],
    purpose:
      'When an operator triggers a heartbeat, the CSMS sends TriggerMessageRequest for Heartbeat and answers the triggered HeartbeatRequest with a valid current time.',
    fault: 'heartbeat-time-no-zone',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to trigger a Heartbeat');
    await ctx.manual(
      'csmsSend',
      { message: 'TriggerMessage', stationId: config.stationId, requestedMessage: 'Heartbeat' },
      'Make the CSMS trigger a Heartbeat message from the station',
    );

    ctx.step('The CSMS sends TriggerMessageRequest for Heartbeat');
    const req = await station.expectCall('TriggerMessage', { requirement: 'F06.FR.01' });
    ctx.expectOneOf(req.payload.requestedMessage, ['Heartbeat'], 'F06.FR.01', 'TriggerMessageRequest.requestedMessage');
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station sends the triggered Heartbeat; the CSMS answers with a valid currentTime');
    const hb = await station.call('Heartbeat', {}, { requirement: 'B01.FR.04' });
    check(!Number.isNaN(Date.parse(hb.currentTime)), 'B01.FR.04', 'currentTime is a date-time', hb.currentTime);
  },
);
