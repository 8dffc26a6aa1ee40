import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_07_CSMS',
    title: 'Get Variables - multiple values',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    requirements: ['B06.FR.01', 'B06.FR.02', 'B06.FR.03'],
    purpose:
      'When an operator reads several variables at once, the CSMS puts one getVariableData element per variable into a single GetVariablesRequest and takes one result per element.',
    fault: 'getvariables-first-only',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const wanted = [
      { component: 'OCPPCommCtrlr', variable: 'OfflineThreshold' },
      { component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart' },
    ];

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to read OfflineThreshold and AuthorizeRemoteStart in one request');
    await ctx.manual(
      'csmsSend',
      { message: 'GetVariables', stationId: config.stationId, variables: wanted },
      'Make the CSMS read OCPPCommCtrlr.OfflineThreshold and AuthCtrlr.AuthorizeRemoteStart from the station in one GetVariablesRequest',
    );

    ctx.step('The CSMS sends one GetVariablesRequest with an element for each variable');
    const req = await station.expectCall('GetVariables', { requirement: 'B06.FR.01' });
    const data = req.payload.getVariableData as { component: { name: string }; variable: { name: string } }[];
    const got = data.map((d) => `${d.component.name}.${d.variable.name}`);
    for (const w of wanted) {
      check(
        got.includes(`${w.component}.${w.variable}`),
        'B06.FR.01',
        `a getVariableData element for ${w.component}.${w.variable}`,
        `elements ${got.join(', ')}`,
      );
    }

    ctx.step('The station returns one result per requested variable');
    await station.reply(req, {
      getVariableResult: data.map((d) => ({
        attributeStatus: 'Accepted',
        attributeType: 'Actual',
        attributeValue: d.variable.name === 'AuthorizeRemoteStart' ? 'false' : '60',
        component: { name: d.component.name },
        variable: { name: d.variable.name },
      })),
    });
  },
);
