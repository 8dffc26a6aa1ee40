import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_10_CSMS',
    title: 'Set Variables - multiple values',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    requirements: ['B05.FR.01', 'B05.FR.02', 'B05.FR.03'],
    purpose:
      'When an operator changes several variables at once, the CSMS sends one SetVariablesRequest with an element for every setting and its new value.',
    fault: 'setvariables-first-only',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const wanted = [
      { component: 'OCPPCommCtrlr', variable: 'OfflineThreshold', value: '123' },
      { component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart', value: 'false' },
    ];

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to change two variables in one request');
    await ctx.manual(
      'csmsSend',
      { message: 'SetVariables', stationId: config.stationId, variables: wanted },
      'Make the CSMS set OCPPCommCtrlr.OfflineThreshold to 123 and AuthCtrlr.AuthorizeRemoteStart to false in one SetVariablesRequest',
    );

    ctx.step('The CSMS sends one SetVariablesRequest holding both settings');
    const req = await station.expectCall('SetVariables', { requirement: 'B05.FR.01' });
    const data = req.payload.setVariableData as { component: { name: string }; variable: { name: string }; attributeValue: string }[];
    const got = data.map((d) => `${d.component.name}.${d.variable.name}=${d.attributeValue}`);
    for (const w of wanted) {
      const item = `${w.component}.${w.variable}=${w.value}`;
      check(got.includes(item), 'B05.FR.01', `a setVariableData element ${item}`, `elements ${got.join(', ') || 'none'}`);
    }

    ctx.step('The station accepts every setting');
    await station.reply(req, {
      setVariableResult: data.map((d) => ({
        attributeType: 'Actual',
        attributeStatus: 'Accepted',
        component: { name: d.component.name },
        variable: { name: d.variable.name },
      })),
    });
  },
);
