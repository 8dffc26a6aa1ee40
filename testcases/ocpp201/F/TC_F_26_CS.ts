import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_F_26_CS',
    title: 'Trigger message - BootNotification - Rejected',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'F',
    requirements: ['F06.FR.17'],
    purpose: 'A station whose boot was already accepted refuses a TriggerMessage for BootNotification and does not register again.',
    fault: 'trigger-boot-when-accepted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness sends TriggerMessage BootNotification to the accepted station');
    const res = await csms.call('TriggerMessage', { requestedMessage: 'BootNotification' }, { requirement: 'F06.FR.17' });

    ctx.step('The station answers Rejected and sends no BootNotification');
    ctx.expectOneOf(res.status, ['Rejected'], 'F06.FR.17', 'TriggerMessageResponse.status');
    await csms.expectNoCall('BootNotification', { within: config.timeouts.silenceMs, requirement: 'F06.FR.17' });
  },
);
