import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_09_CSMS',
    title: 'Set Variables - single value',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    requirements: ['B05.FR.01', 'B05.FR.02'],
    purpose:
      'When an operator changes one configuration variable, the CSMS sends a schema-valid SetVariablesRequest carrying that component, variable and the new value as a string.',
    fault: 'setvariables-value-number',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to set OCPPCommCtrlr.OfflineThreshold to 123');
    await ctx.manual(
      'csmsSend',
      { message: 'SetVariables', stationId: config.stationId, component: 'OCPPCommCtrlr', variable: 'OfflineThreshold', value: '123' },
      'Make the CSMS set OCPPCommCtrlr.OfflineThreshold to 123 on the station',
    );

    ctx.step('The CSMS sends a valid SetVariablesRequest with that one setting');
    const req = await station.expectCall('SetVariables', { requirement: 'B05.FR.01' });
    const data = req.payload.setVariableData as { component: { name: string }; variable: { name: string }; attributeValue: string }[];
    check(data.length === 1, 'B05.FR.01', 'exactly one setVariableData element', `${data.length} elements`);
    check(
      data[0].component.name === 'OCPPCommCtrlr' && data[0].variable.name === 'OfflineThreshold' && data[0].attributeValue === '123',
      'B05.FR.01',
      'OCPPCommCtrlr.OfflineThreshold = "123"',
      `${data[0].component.name}.${data[0].variable.name} = ${JSON.stringify(data[0].attributeValue)}`,
    );

    ctx.step('The station accepts the new value');
    await station.reply(req, {
      setVariableResult: [
        {
          attributeType: 'Actual',
          attributeStatus: 'Accepted',
          component: { name: 'OCPPCommCtrlr' },
          variable: { name: 'OfflineThreshold' },
        },
      ],
    });
  },
);
