import { check, defineCase } from '../../../src/dsl.js';
import { mark, expectAfter, meterIntervalS, setVariable } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_J_01_CS',
    title: 'Clock-aligned Meter Values - No transaction ongoing',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'J',
    requirements: ['J01.FR.14', 'J01.FR.01', 'J01.FR.02'],
    purpose:
      'With a clock-aligned interval configured and no transaction running, the station sends MeterValues at the interval boundaries, with readings marked as clock-aligned.',
    fault: 'aligned-wrong-context',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const intervalS = meterIntervalS(config);
    await ctx.given('Booted');

    ctx.step(`The harness sets AlignedDataCtrlr.Interval to ${intervalS} s`);
    const since = mark(csms);
    await setVariable(ctx, 'AlignedDataCtrlr', 'Interval', String(intervalS), 'J01.FR.01');

    ctx.step('At the next interval boundary the station sends MeterValues');
    const mv = await expectAfter(csms, since, 'MeterValues', {
      within: intervalS * 1000 + config.timeouts.messageMs,
      requirement: 'J01.FR.02',
    });

    ctx.step('Every sampled value carries the reading context Sample.Clock');
    const contexts = (mv.payload.meterValue as { sampledValue: { context?: string }[] }[]).flatMap((m) =>
      m.sampledValue.map((s) => s.context),
    );
    check(
      contexts.length > 0 && contexts.every((c) => c === 'Sample.Clock'),
      'J01.FR.14',
      'context Sample.Clock on every sampled value',
      contexts,
    );

    ctx.step('The harness switches clock-aligned values off again');
    await setVariable(ctx, 'AlignedDataCtrlr', 'Interval', '0', 'J01.FR.01');
  },
);
