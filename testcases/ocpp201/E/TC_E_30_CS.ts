import { defineCase } from '../../../src/dsl.js';
import { startedTransaction } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_30_CS',
    title: 'Check transaction status - Transaction ongoing - without message in queue',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'E',
    requirements: ['E14.FR.02', 'E14.FR.03'],
    purpose:
      'Asked about the transaction it is running while online, the station says the transaction is ongoing and that it has no messages queued for it.',
    fault: 'txstatus-not-ongoing',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('EnergyTransferStarted');
    const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;

    ctx.step('The harness asks for the status of the running transaction');
    const res = await csms.call('GetTransactionStatus', { transactionId: txId }, { requirement: 'E14.FR.02' });

    ctx.step('The station reports it ongoing, with no messages in its queue');
    ctx.expectOneOf(res.ongoingIndicator, [true], 'E14.FR.02', 'ongoingIndicator');
    ctx.expectOneOf(res.messagesInQueue, [false], 'E14.FR.03', 'messagesInQueue');
  },
);
