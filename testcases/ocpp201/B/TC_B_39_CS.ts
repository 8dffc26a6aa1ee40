import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_39_CS',
    title: 'Set Variables - Read-only',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B05.FR.05', 'B05.FR.01'],
    purpose: 'A write to a variable the device model declares read-only is refused with Rejected.',
    fault: 'setvar-readonly-accepted',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness tries to write DeviceDataCtrlr.ItemsPerMessage[GetVariables], a read-only variable');
    const res = await csms.call(
      'SetVariables',
      {
        setVariableData: [
          { component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ItemsPerMessage', instance: 'GetVariables' }, attributeValue: '1' },
        ],
      },
      { requirement: 'B05.FR.01' },
    );
    const results = res.setVariableResult as { attributeStatus: string }[];
    check(results.length === 1, 'B05.FR.01', 'exactly one setVariableResult', results);

    ctx.step('The station refuses the write with Rejected');
    ctx.expectOneOf(results[0].attributeStatus, ['Rejected'], 'B05.FR.05', 'attributeStatus');
  },
);
