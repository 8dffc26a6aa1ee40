import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_06_CSMS',
    title: 'Get Variables - single value',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    requirements: ['B06.FR.02', 'B06.FR.01'],
    purpose:
      'When an operator reads one configuration variable, the CSMS sends a GetVariablesRequest naming exactly that component and variable, for its actual value, and takes the result.',
    fault: 'getvariables-attribute-target',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to read OCPPCommCtrlr.OfflineThreshold');
    await ctx.manual(
      'csmsSend',
      { message: 'GetVariables', stationId: config.stationId, component: 'OCPPCommCtrlr', variable: 'OfflineThreshold' },
      'Make the CSMS read the actual value of OCPPCommCtrlr.OfflineThreshold from the station',
    );

    ctx.step('The CSMS sends GetVariablesRequest for that single variable');
    const req = await station.expectCall('GetVariables', { requirement: 'B06.FR.01' });
    const data = req.payload.getVariableData as { component: { name: string }; variable: { name: string }; attributeType?: string }[];
    check(data.length === 1, 'B06.FR.01', 'exactly one getVariableData element', `${data.length} elements`);
    check(
      data[0].component.name === 'OCPPCommCtrlr' && data[0].variable.name === 'OfflineThreshold',
      'B06.FR.01',
      'component OCPPCommCtrlr, variable OfflineThreshold',
      `component ${data[0].component.name}, variable ${data[0].variable.name}`,
    );
    ctx.expectOneOf(data[0].attributeType ?? 'Actual', ['Actual'], 'B06.FR.02', 'getVariableData[0].attributeType (absent means Actual)');

    ctx.step('The station returns the value');
    await station.reply(req, {
      getVariableResult: [
        {
          attributeStatus: 'Accepted',
          attributeType: 'Actual',
          attributeValue: '60',
          component: { name: 'OCPPCommCtrlr' },
          variable: { name: 'OfflineThreshold' },
        },
      ],
    });
  },
);
