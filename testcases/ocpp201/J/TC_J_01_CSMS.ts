import { defineCase, type RequestOf } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_J_01_CSMS',
    title: 'Clock-aligned Meter Values - No transaction ongoing',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'J',
    requirements: ['J01.FR.18'],
    purpose:
      'Outside any transaction, the station sends clock-aligned readings for its main meter (evseId 0) and for its EVSE; the CSMS answers every MeterValuesRequest.',
    fault: 'metervalues-evse0-rejected',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const reading = (wh: number): RequestOf<'2.0.1', 'MeterValues'>['meterValue'] => [
      {
        timestamp: ctx.nowIso(),
        sampledValue: [{ value: wh, context: 'Sample.Clock', measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }],
      },
    ];

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The station sends the clock-aligned reading of its main meter (evseId 0); the CSMS answers');
    await station.call('MeterValues', { evseId: 0, meterValue: reading(125_000) }, { requirement: 'J01.FR.18' });

    ctx.step('The station sends the clock-aligned reading of the configured EVSE; the CSMS answers');
    await station.call('MeterValues', { evseId: config.ids.evseId, meterValue: reading(48_000) }, { requirement: 'J01.FR.18' });
  },
);
