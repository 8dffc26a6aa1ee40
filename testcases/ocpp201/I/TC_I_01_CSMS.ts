import { check, defineCase } from '../../../src/dsl.js';
import { energyReading, runningTx, txEvent } from '../../../src/kit/index.js';

/**
 * Running cost during charging: after each periodic meter value the CSMS gives the running total
 * cost, either as totalCost in the TransactionEventResponse or in a CostUpdatedRequest for the
 * transaction that follows it (I02.FR.01 allows both; the case accepts either, per reading).
 */
export default defineCase(
  {
    id: 'TC_I_01_CSMS',
    title: 'Show EV Driver running total cost during charging - costUpdatedRequest',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'I',
    profiles: ['Advanced User Interface'],
    features: ['TariffCost'],
    requirements: ['I02.FR.01'],
    purpose:
      'While a transaction charges, the station sends two periodic meter values; after each the CSMS gives the running cost, in the TransactionEventResponse or in a CostUpdatedRequest naming the transaction.',
    fault: 'costupdated-wrong-txid',
  },
  async (ctx) => {
    const { station, config } = ctx;
    ctx.step('A transaction charges: plugged in, authorized, energy flowing');
    await ctx.given('EVConnectedPreSession');
    await ctx.given('Authorized');
    await ctx.given('EnergyTransferStarted');
    const transactionId = runningTx(ctx).transactionId;

    for (const [i, wh] of [1000, 2500].entries()) {
      ctx.step(`Periodic meter value ${i + 1}: ${wh} Wh; the CSMS gives the running cost`);
      const res = await txEvent(ctx, 'Updated', 'MeterValuePeriodic', {
        chargingState: 'Charging',
        meterValue: [energyReading(ctx, wh, 'Sample.Periodic')],
        requirement: 'I02.FR.01',
      });
      if (typeof res.totalCost === 'number') continue;
      const req = await station.expectCall('CostUpdated', { within: config.timeouts.messageMs, requirement: 'I02.FR.01' });
      check(
        req.payload.transactionId === transactionId,
        'I02.FR.01',
        `CostUpdatedRequest.transactionId ${transactionId}`,
        req.payload.transactionId,
      );
      check(req.payload.totalCost >= 0, 'I02.FR.01', 'a total cost of 0 or more', String(req.payload.totalCost));
      await station.reply(req, {});
    }
  },
);
