import { check, defineCase } from '../../../src/dsl.js';
import { runningTx } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_30_CSMS',
    title: 'Check Transaction status - Transaction with id ongoing - without message in queue',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'E',
    requirements: ['E14.FR.02', 'E14.FR.05'],
    purpose:
      'When an operator asks about a running transaction, the CSMS sends GetTransactionStatusRequest with that transactionId and takes the answer that it is ongoing with no queued messages.',
    features: ['C-16'],
    fault: 'txstatus-missing-txid',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('A transaction is charging on the configured EVSE');
    await ctx.given('EnergyTransferStarted');
    const transactionId = runningTx(ctx).transactionId;

    ctx.step('The operator asks the CSMS for the status of that transaction');
    await ctx.manual(
      'csmsSend',
      { message: 'GetTransactionStatus', stationId: config.stationId, transactionId },
      `Make the CSMS ask the station for the status of transaction ${transactionId}`,
    );

    ctx.step('The CSMS sends GetTransactionStatusRequest for that transactionId');
    const req = await station.expectCall('GetTransactionStatus', { requirement: 'E14.FR.02' });
    check(
      req.payload.transactionId === transactionId,
      'E14.FR.02',
      `transactionId ${transactionId}`,
      `transactionId ${req.payload.transactionId ?? 'absent'}`,
    );

    ctx.step('The station answers: ongoing, nothing queued');
    await station.reply(req, { ongoingIndicator: true, messagesInQueue: false });
  },
);
