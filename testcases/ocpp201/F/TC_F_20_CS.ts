import { defineCase } from '../../../src/dsl.js';
import { mark, expectAfter, setVariable } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_F_20_CS',
    title: 'Trigger message - Heartbeat',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'F',
    requirements: ['F06.FR.04', 'F06.FR.01'],
    purpose:
      'TriggerMessage for a Heartbeat is accepted and the station sends a Heartbeat straight away, independent of its heartbeat schedule.',
    fault: 'trigger-heartbeat-ignored',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    // setVariable restores the station's own value at case end (a post-condition).
    ctx.step('The harness moves the periodic heartbeat out of the way (HeartbeatInterval one day)');
    await setVariable(ctx, 'OCPPCommCtrlr', 'HeartbeatInterval', '86400', 'F06.FR.01');

    ctx.step('The harness sends TriggerMessage for Heartbeat; the station accepts');
    const since = mark(csms);
    const res = await csms.call('TriggerMessage', { requestedMessage: 'Heartbeat' }, { requirement: 'F06.FR.01' });
    ctx.expectOneOf(res.status, ['Accepted'], 'F06.FR.01', 'TriggerMessageResponse.status');

    ctx.step('The station sends a Heartbeat');
    await expectAfter(csms, since, 'Heartbeat', { requirement: 'F06.FR.04' });
  },
);
