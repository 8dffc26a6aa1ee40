import { check, defineCase } from '../../../src/dsl.js';
import { connectorStatus, energyReading, txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_I_02_CSMS',
    title: 'Show EV Driver Final Total Cost After Charging',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'I',
    profiles: ['Advanced User Interface'],
    features: ['TariffCost'],
    requirements: ['I03.FR.01'],
    purpose:
      'A charged transaction ends with its start and end meter readings; the CSMS, knowing the cost, answers the Ended TransactionEventRequest with totalCost (any amount: the tariff is the CSMS operator’s).',
    fault: 'final-cost-omitted',
  },
  async (ctx) => {
    ctx.step('A transaction charges: plugged in, authorized, energy flowing');
    await ctx.given('EVConnectedPreSession');
    await ctx.given('Authorized');
    await ctx.given('EnergyTransferStarted');

    ctx.step('The driver stops with the valid token');
    await ctx.given('StopAuthorized');

    ctx.step('The EV is unplugged: the station ends the transaction with its start and end readings');
    const res = await txEvent(ctx, 'Ended', 'EVCommunicationLost', {
      chargingState: 'Idle',
      stoppedReason: 'Local',
      meterValue: [energyReading(ctx, 1000, 'Transaction.Begin'), energyReading(ctx, 6000, 'Transaction.End')],
      requirement: 'I03.FR.01',
    });
    check(typeof res.totalCost === 'number', 'I03.FR.01', 'TransactionEventResponse.totalCost', JSON.stringify(res));
    await connectorStatus(ctx, 'Available');
  },
);
