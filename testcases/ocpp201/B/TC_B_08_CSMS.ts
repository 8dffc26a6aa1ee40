import { check, defineCase } from '../../../src/dsl.js';

type Data = { component: { name: string }; variable: { name: string; instance?: string } }[];

const LIMIT = 4;
const key = (d: Data[number]): string => `${d.component.name}.${d.variable.name}${d.variable.instance ? `[${d.variable.instance}]` : ''}`;

export default defineCase(
  {
    id: 'TC_B_08_CSMS',
    title: 'Get Variables - limit to maximum number of values',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    requirements: ['B06.FR.05', 'B06.FR.01'],
    purpose:
      'Once the CSMS knows the station takes at most 4 elements per GetVariablesRequest (DeviceDataCtrlr.ItemsPerMessage[GetVariables]), an operator request for 5 variables reaches the station as several requests of at most 4 elements that together ask for all 5.',
    fault: 'getvariables-limit-ignored',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const wanted = [
      { component: 'DeviceDataCtrlr', variable: 'ItemsPerMessage', variableInstance: 'GetReport' },
      { component: 'DeviceDataCtrlr', variable: 'ItemsPerMessage', variableInstance: 'GetVariables' },
      { component: 'DeviceDataCtrlr', variable: 'BytesPerMessage', variableInstance: 'GetReport' },
      { component: 'DeviceDataCtrlr', variable: 'BytesPerMessage', variableInstance: 'GetVariables' },
      { component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart' },
    ];
    const values: Record<string, string> = {
      'DeviceDataCtrlr.ItemsPerMessage[GetReport]': '4',
      'DeviceDataCtrlr.ItemsPerMessage[GetVariables]': String(LIMIT),
      'DeviceDataCtrlr.BytesPerMessage[GetReport]': '4096',
      'DeviceDataCtrlr.BytesPerMessage[GetVariables]': '4096',
      'AuthCtrlr.AuthorizeRemoteStart': 'true',
    };
    const answer = (data: Data) => ({
      getVariableResult: data.map((d) => {
        const value = values[key(d)];
        return value === undefined
          ? { attributeStatus: 'UnknownVariable' as const, component: d.component, variable: d.variable }
          : { attributeStatus: 'Accepted' as const, attributeValue: value, component: d.component, variable: d.variable };
      }),
    });

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step(`The CSMS reads the station's limit: DeviceDataCtrlr.ItemsPerMessage[GetVariables] is ${LIMIT}`);
    await ctx.manual(
      'csmsSend',
      { message: 'GetVariables', stationId: config.stationId, variables: [wanted[1]] },
      'Make the CSMS read DeviceDataCtrlr.ItemsPerMessage[GetVariables] from the station',
    );
    const first = await station.expectCall('GetVariables', { requirement: 'B06.FR.01' });
    await station.reply(first, answer(first.payload.getVariableData as Data));
    // The limit is configuration the CSMS holds before the scenario: give it the quiet window to store it.
    await station.wait(ctx.waits.silence);

    ctx.step('The operator asks the CSMS for 5 variables at once');
    await ctx.manual(
      'csmsSend',
      { message: 'GetVariables', stationId: config.stationId, variables: wanted },
      'Make the CSMS read, in one operator request, DeviceDataCtrlr.ItemsPerMessage[GetReport], ItemsPerMessage[GetVariables], BytesPerMessage[GetReport], BytesPerMessage[GetVariables] and AuthCtrlr.AuthorizeRemoteStart',
    );

    // Any split is conformant (4+1, 3+2, 2+2+1 ...) as long as no request carries more than the limit.
    ctx.step(`The CSMS sends GetVariablesRequests of at most ${LIMIT} elements until all 5 variables were asked for`);
    const asked = new Set<string>();
    while (asked.size < wanted.length) {
      const req = await station.expectCall('GetVariables', { requirement: 'B06.FR.01' });
      const data = req.payload.getVariableData as Data;
      check(data.length <= LIMIT, 'B06.FR.05', `at most ${LIMIT} getVariableData elements per request`, `${data.length} elements`);
      for (const d of data) asked.add(key(d));
      await station.reply(req, answer(data));
    }
    for (const w of wanted) {
      const k = key({ component: { name: w.component }, variable: { name: w.variable, instance: w.variableInstance } });
      check(asked.has(k), 'B06.FR.01', `an element for ${k}`, `asked for ${[...asked].join(', ')}`);
    }
  },
);
