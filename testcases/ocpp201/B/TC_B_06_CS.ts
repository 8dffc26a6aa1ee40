import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_06_CS',
    title: 'Get Variables - single value',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B06.FR.02', 'B06.FR.01'],
    purpose: 'Asked for one known variable, the station returns exactly one result that is Accepted and carries the current value.',
    fault: 'getvar-omits-value',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness asks for OCPPCommCtrlr.HeartbeatInterval');
    const res = await csms.call(
      'GetVariables',
      { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
      { requirement: 'B06.FR.01' },
    );

    ctx.step('The station returns one Accepted result for that variable');
    const results = res.getVariableResult as {
      attributeStatus: string;
      attributeValue?: string;
      component: { name: string };
      variable: { name: string };
    }[];
    check(results.length === 1, 'B06.FR.01', 'exactly one getVariableResult', results);
    const r = results[0];
    check(
      r.component.name === 'OCPPCommCtrlr' && r.variable.name === 'HeartbeatInterval',
      'B06.FR.01',
      'the result names OCPPCommCtrlr.HeartbeatInterval',
      r,
    );
    ctx.expectOneOf(r.attributeStatus, ['Accepted'], 'B06.FR.02', 'attributeStatus');

    ctx.step('The Accepted result carries the value, an integer number of seconds');
    check(
      typeof r.attributeValue === 'string' && /^\d+$/.test(r.attributeValue),
      'B06.FR.02',
      'attributeValue holding the heartbeat interval',
      r,
    );
  },
);
