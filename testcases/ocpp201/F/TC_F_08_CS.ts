import { defineCase } from '../../../src/dsl.js';
import { startedTransaction } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_F_08_CS',
    title: 'Remote stop transaction - Success',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'F',
    requirements: ['F03.FR.02', 'F03.FR.01', 'F03.FR.03'],
    purpose:
      'RequestStopTransaction for the running transaction is accepted, and the station ends that transaction stating the remote stop as trigger and reason.',
    fault: 'remote-stop-wrong-trigger',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('EnergyTransferStarted');
    const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;

    ctx.step('The harness sends RequestStopTransaction for the running transaction; the station accepts');
    const res = await csms.call('RequestStopTransaction', { transactionId: txId }, { requirement: 'F03.FR.01' });
    ctx.expectOneOf(res.status, ['Accepted'], 'F03.FR.01', 'RequestStopTransactionResponse.status');

    ctx.step('The station ends the transaction with TransactionEvent Ended');
    const ended = await csms.expectCall('TransactionEvent', {
      where: (p) => p.eventType === 'Ended',
      whereText: 'eventType Ended',
      requirement: 'F03.FR.02',
    });
    ctx.expectOneOf(ended.payload.transactionInfo.transactionId, [txId], 'F03.FR.02', 'Ended transactionId');

    ctx.step('The Ended event names the remote stop as trigger and reason');
    ctx.expectOneOf(ended.payload.triggerReason, ['RemoteStop'], 'F03.FR.02', 'Ended triggerReason');
    ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason, ['Remote'], 'F03.FR.03', 'Ended stoppedReason');
  },
);
