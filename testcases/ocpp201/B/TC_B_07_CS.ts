import { check, defineCase } from '../../../src/dsl.js';

const WANTED = [
  { component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' },
  { component: 'TxCtrlr', variable: 'EVConnectionTimeOut' },
  { component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart' },
];

export default defineCase(
  {
    id: 'TC_B_07_CS',
    title: 'Get Variables - multiple values',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B06.FR.01', 'B06.FR.02'],
    purpose:
      'Asked for several variables in one request, the station returns a result for every one of them, each Accepted with its value.',
    fault: 'getvar-only-first',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness asks for three required variables in one GetVariables request');
    const res = await csms.call(
      'GetVariables',
      { getVariableData: WANTED.map((w) => ({ component: { name: w.component }, variable: { name: w.variable } })) },
      { requirement: 'B06.FR.01' },
    );
    const results = res.getVariableResult as {
      attributeStatus: string;
      attributeValue?: string;
      component: { name: string };
      variable: { name: string };
    }[];

    ctx.step('The station returns one result per requested variable');
    check(results.length === WANTED.length, 'B06.FR.01', `${WANTED.length} getVariableResult entries`, `${results.length} entries`);
    for (const w of WANTED) {
      const r = results.find((x) => x.component.name === w.component && x.variable.name === w.variable);
      check(r !== undefined, 'B06.FR.01', `a result for ${w.component}.${w.variable}`, results);

      ctx.step(`The result for ${w.component}.${w.variable} is Accepted with a value`);
      ctx.expectOneOf(r.attributeStatus, ['Accepted'], 'B06.FR.02', `${w.component}.${w.variable} attributeStatus`);
      check(typeof r.attributeValue === 'string', 'B06.FR.02', 'an attributeValue', r);
    }
  },
);
