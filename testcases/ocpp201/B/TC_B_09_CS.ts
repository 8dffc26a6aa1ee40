import { defineCase } from '../../../src/dsl.js';
import { getVariable, setVariable } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_09_CS',
    title: 'Set Variables - single value',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B05.FR.02', 'B05.FR.01'],
    purpose: 'A writable variable set with SetVariables is Accepted and from then on reads back with the new value.',
    fault: 'setvar-not-applied',
  },
  async (ctx) => {
    const { config } = ctx;
    await ctx.given('Booted');
    const changed = String(config.timeouts.heartbeatIntervalS * 2);

    // setVariable restores the value the station had at case end (a post-condition).
    ctx.step(`The harness sets OCPPCommCtrlr.HeartbeatInterval to ${changed}; the station accepts`);
    await setVariable(ctx, 'OCPPCommCtrlr', 'HeartbeatInterval', changed, 'B05.FR.01');

    ctx.step('Reading the variable back gives the new value');
    const r = await getVariable(ctx, 'OCPPCommCtrlr', 'HeartbeatInterval', 'B05.FR.02');
    ctx.expectOneOf(r.attributeStatus, ['Accepted'], 'B05.FR.02', 'GetVariables attributeStatus');
    ctx.expectOneOf(r.attributeValue, [changed], 'B05.FR.02', 'HeartbeatInterval value after SetVariables');
  },
);
