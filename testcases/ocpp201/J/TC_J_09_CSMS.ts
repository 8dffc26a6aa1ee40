import { defineCase } from '../../../src/dsl.js';
import { txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_J_09_CSMS',
    title: 'Sampled Meter Values - EventType Updated',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'J',
    requirements: ['J02.FR.19'],
    purpose:
      'During charging the station reports periodic samples (energy, power and current with decimals) in Updated TransactionEventRequests; the CSMS answers each of them.',
    fault: 'meter-decimal-rejected',
  },
  async (ctx) => {
    ctx.step('A transaction is charging on the configured EVSE');
    await ctx.given('EnergyTransferStarted');

    for (let i = 1; i <= 3; i++) {
      ctx.step(`The station sends periodic sample ${i} of 3; the CSMS answers`);
      await txEvent(ctx, 'Updated', 'MeterValuePeriodic', {
        meterValue: [
          {
            timestamp: ctx.nowIso(),
            sampledValue: [
              {
                value: 48_000 + i * 610.5,
                context: 'Sample.Periodic',
                measurand: 'Energy.Active.Import.Register',
                unitOfMeasure: { unit: 'Wh' },
              },
              { value: 7360.4, context: 'Sample.Periodic', measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } },
              { value: 31.8, context: 'Sample.Periodic', measurand: 'Current.Import', phase: 'L1', unitOfMeasure: { unit: 'A' } },
            ],
          },
        ],
        requirement: 'J02.FR.19',
      });
    }
  },
);
