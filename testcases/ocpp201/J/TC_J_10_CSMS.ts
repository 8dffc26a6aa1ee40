import { defineCase } from '../../../src/dsl.js';
import { connectorStatus, energyReading, txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_J_10_CSMS',
    title: 'Sampled Meter Values - EventType Ended',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'J',
    requirements: ['J02.FR.19'],
    purpose:
      'The Ended event of a transaction carries the samples collected during the session followed by the Transaction.End reading; the CSMS answers it.',
    fault: 'txevent-ended-multi-meter-error',
  },
  async (ctx) => {
    const { config } = ctx;

    ctx.step('A transaction is charging on the configured EVSE');
    await ctx.given('EnergyTransferStarted');

    ctx.step('The transaction runs for the configured duration');
    await ctx.station.wait(config.timeouts.transactionMs);

    ctx.step('The driver stops the transaction');
    await ctx.given('StopAuthorized');

    ctx.step('The EV is unplugged; the Ended event carries the periodic samples and the Transaction.End reading; the CSMS answers');
    await txEvent(ctx, 'Ended', 'EVCommunicationLost', {
      chargingState: 'Idle',
      stoppedReason: 'Local',
      meterValue: [
        energyReading(ctx, 48_600, 'Sample.Periodic'),
        energyReading(ctx, 49_250, 'Sample.Periodic'),
        energyReading(ctx, 49_300, 'Transaction.End'),
      ],
      requirement: 'J02.FR.19',
    });
    await connectorStatus(ctx, 'Available', 'J02.FR.19');
  },
);
