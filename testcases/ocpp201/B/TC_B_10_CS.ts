import { check, defineCase } from '../../../src/dsl.js';
import { getVariable, restoreVariablesAfterCase } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_10_CS',
    title: 'Set Variables - multiple values',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B05.FR.01', 'B05.FR.02'],
    purpose: 'Several writable variables set in one SetVariables request each get their own Accepted result and each takes its new value.',
    fault: 'setvar-only-first',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    const targets = [
      { component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' },
      { component: 'TxCtrlr', variable: 'EVConnectionTimeOut' },
    ];

    ctx.step('The harness reads the current values of two writable variables');
    const before: string[] = [];
    for (const t of targets) before.push(String((await getVariable(ctx, t.component, t.variable, 'B05.FR.02')).attributeValue ?? '0'));
    const after = before.map((v) => String(Number.parseInt(v, 10) + 5));
    // Post-condition: both values are written back at case end, pass or fail.
    restoreVariablesAfterCase(
      ctx,
      targets.map((t, i) => ({ ...t, value: before[i] })),
      'B05.FR.01',
    );

    ctx.step('The harness changes both in one SetVariables request');
    const res = await csms.call(
      'SetVariables',
      {
        setVariableData: targets.map((t, i) => ({
          component: { name: t.component },
          variable: { name: t.variable },
          attributeValue: after[i],
        })),
      },
      { requirement: 'B05.FR.01' },
    );
    const results = res.setVariableResult as { attributeStatus: string; component: { name: string }; variable: { name: string } }[];

    ctx.step('The station returns one Accepted result per variable');
    check(results.length === targets.length, 'B05.FR.01', `${targets.length} setVariableResult entries`, `${results.length} entries`);
    for (const t of targets) {
      const r = results.find((x) => x.component.name === t.component && x.variable.name === t.variable);
      check(r !== undefined, 'B05.FR.01', `a result for ${t.component}.${t.variable}`, results);
      ctx.expectOneOf(r.attributeStatus, ['Accepted'], 'B05.FR.01', `${t.component}.${t.variable} attributeStatus`);
    }

    ctx.step('Both variables read back with their new values');
    for (const [i, t] of targets.entries()) {
      const r = await getVariable(ctx, t.component, t.variable, 'B05.FR.02');
      ctx.expectOneOf(r.attributeValue, [after[i]], 'B05.FR.02', `${t.component}.${t.variable} value`);
    }
  },
);
