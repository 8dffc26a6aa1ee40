import { defineCase } from '../../../src/dsl.js';
import { connectorStatus, txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_J_07_CSMS',
    title: 'Sampled Meter Values - EventType Started - EVSE known',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'J',
    requirements: ['J02.FR.19'],
    purpose:
      'The Started event of a transaction carries the Transaction.Begin reading with the default measurand (no measurand field); the CSMS answers it like any other TransactionEventRequest.',
    fault: 'meter-requires-measurand',
  },
  async (ctx) => {
    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The EV is plugged in on the configured EVSE');
    await connectorStatus(ctx, 'Occupied', 'J02.FR.19');

    ctx.step('The station starts the transaction with its Transaction.Begin meter reading; the CSMS answers');
    await txEvent(ctx, 'Started', 'CablePluggedIn', {
      chargingState: 'EVConnected',
      meterValue: [{ timestamp: ctx.nowIso(), sampledValue: [{ value: 48_000, context: 'Transaction.Begin' }] }],
      requirement: 'J02.FR.19',
    });
  },
);
