import { check, defineCase } from '../../../src/dsl.js';
import { mark, expectAfter } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_F_11_CS',
    title: 'Trigger message - MeterValues - Specific EVSE',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'F',
    requirements: ['F06.FR.06', 'F06.FR.01', 'F06.FR.04'],
    purpose:
      'TriggerMessage for the MeterValues of one EVSE is accepted and answered with MeterValues for that EVSE whose readings are marked as triggered.',
    fault: 'trigger-metervalues-wrong-context',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness sends TriggerMessage MeterValues for the configured EVSE; the station accepts');
    const since = mark(csms);
    const res = await csms.call(
      'TriggerMessage',
      { requestedMessage: 'MeterValues', evse: { id: config.ids.evseId } },
      { requirement: 'F06.FR.01' },
    );
    ctx.expectOneOf(res.status, ['Accepted'], 'F06.FR.01', 'TriggerMessageResponse.status');

    ctx.step('The station sends MeterValues for that EVSE');
    const mv = await expectAfter(csms, since, 'MeterValues', { requirement: 'F06.FR.04' });
    ctx.expectOneOf(mv.payload.evseId, [config.ids.evseId], 'F06.FR.04', 'MeterValues evseId');

    ctx.step('Every sampled value has the reading context Trigger');
    const contexts = (mv.payload.meterValue as { sampledValue: { context?: string }[] }[]).flatMap((m) =>
      m.sampledValue.map((s) => s.context),
    );
    check(contexts.length > 0 && contexts.every((c) => c === 'Trigger'), 'F06.FR.06', 'context Trigger on every sampled value', contexts);
  },
);
