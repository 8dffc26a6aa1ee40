import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_F_27_CS',
    title: 'Trigger message - NotImplemented',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'F',
    requirements: ['F06.FR.08'],
    purpose:
      'TriggerMessage for a message the station does not implement (PublishFirmwareStatusNotification, which only local controllers send) is answered NotImplemented.',
    fault: 'trigger-unsupported-accepted',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness asks the station to send PublishFirmwareStatusNotification');
    const res = await csms.call('TriggerMessage', { requestedMessage: 'PublishFirmwareStatusNotification' }, { requirement: 'F06.FR.08' });

    ctx.step('The station answers NotImplemented');
    ctx.expectOneOf(res.status, ['NotImplemented'], 'F06.FR.08', 'TriggerMessageResponse.status');
  },
);
