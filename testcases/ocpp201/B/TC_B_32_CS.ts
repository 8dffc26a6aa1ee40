import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_32_CS',
    title: 'Get Variables - Unknown component',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B06.FR.03', 'B06.FR.01'],
    purpose:
      'Asked for a variable of a component it does not have, the station answers the request with the status UnknownComponent for that entry.',
    fault: 'getvar-unknown-component-misreported',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness asks for a variable of a component no station has');
    const res = await csms.call(
      'GetVariables',
      { getVariableData: [{ component: { name: 'HarnessUnknownCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
      { requirement: 'B06.FR.01' },
    );
    const results = res.getVariableResult as { attributeStatus: string; attributeValue?: string }[];
    check(results.length === 1, 'B06.FR.01', 'exactly one getVariableResult', results);

    ctx.step('The result is UnknownComponent, without a value');
    ctx.expectOneOf(results[0].attributeStatus, ['UnknownComponent'], 'B06.FR.03', 'attributeStatus');
    check(results[0].attributeValue === undefined, 'B06.FR.03', 'no attributeValue', results[0]);
  },
);
