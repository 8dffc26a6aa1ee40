import { defineCase } from '../../../src/dsl.js';
import { operatorCall16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_055_CSMS',
    title: 'Trigger Message - Rejected',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RemoteTrigger',
    profiles: ['RemoteTrigger'],
    features: ['RemoteTrigger'],
    requirements: ['OCPP16-5.17'],
    purpose:
      'An operator asks a charge point for a message it will not send on request: the central system sends TriggerMessage for exactly the chosen message and takes the Rejected answer.',
    fault: 'trigger-wrong-message',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator asks for a MeterValues report: the central system sends TriggerMessage for MeterValues');
    const req = await operatorCall16(
      ctx,
      'TriggerMessage',
      { requestedMessage: 'MeterValues', connectorId: config.ids.connectorId },
      'OCPP16-5.17',
      `Make the central system send TriggerMessage (requestedMessage MeterValues, connector ${config.ids.connectorId}) to ${config.stationId}.`,
    );
    ctx.expectOneOf(req.payload.requestedMessage, ['MeterValues'], 'OCPP16-5.17', 'TriggerMessage.req requestedMessage');

    ctx.step('The charge point will not send it: it answers Rejected');
    await station.reply(req, { status: 'Rejected' });
  },
);
