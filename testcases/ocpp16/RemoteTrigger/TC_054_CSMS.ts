import { check, defineCase } from '../../../src/dsl.js';
import { statusNotification16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_054_CSMS',
    title: 'Trigger Message',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RemoteTrigger',
    profiles: ['RemoteTrigger'],
    requirements: ['OCPP16-5.17', 'OCPP16-4.9'],
    purpose:
      'An operator asks a charge point for a fresh status report of one connector: the central system sends TriggerMessage for StatusNotification on that connector and answers the StatusNotification the charge point sends in return.',
    features: ['RemoteTrigger'],
    fault: 'trigger-wrong-message',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step('The operator requests a status report: the central system sends TriggerMessage for StatusNotification');
    await ctx.manual(
      'csmsSend',
      { message: 'TriggerMessage', stationId: config.stationId, requestedMessage: 'StatusNotification', connectorId },
      `Make the central system send TriggerMessage (requestedMessage StatusNotification, connector ${connectorId}) to ${config.stationId}.`,
    );
    const req = await station.expectCall('TriggerMessage', { requirement: 'OCPP16-5.17' });
    ctx.expectOneOf(req.payload.requestedMessage, ['StatusNotification'], 'OCPP16-5.17', 'TriggerMessage.req requestedMessage');
    const sent = req.payload.connectorId;
    check(
      sent === undefined || sent === connectorId,
      'OCPP16-5.17',
      `TriggerMessage.req connectorId absent or = ${connectorId}`,
      `connectorId = ${JSON.stringify(sent)}`,
    );

    ctx.step('The charge point accepts the trigger');
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The charge point sends the requested StatusNotification: the central system answers it');
    await statusNotification16(ctx, 'Available', connectorId);
  },
);
