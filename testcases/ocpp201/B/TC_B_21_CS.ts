import { defineCase } from '../../../src/dsl.js';
import { startedTransaction } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_21_CS',
    title: 'Reset Charging Station - With Ongoing Transaction - OnIdle',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B12.FR.01', 'B12.FR.02', 'F03.FR.01'],
    purpose:
      'A station asked to reset OnIdle while charging answers Scheduled, leaves the session running, and restarts only once the transaction has ended.',
    fault: 'reset-onidle-immediate',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('EnergyTransferStarted');
    const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;

    ctx.step('The harness sends Reset OnIdle during the transaction; the station answers Scheduled');
    const res = await csms.call('Reset', { type: 'OnIdle' }, { requirement: 'B12.FR.01' });
    ctx.expectOneOf(res.status, ['Scheduled'], 'B12.FR.01', 'ResetResponse.status');

    ctx.step('The transaction keeps running: no TransactionEvent Ended and no reboot');
    await csms.expectNoCall('TransactionEvent', {
      within: config.timeouts.silenceMs,
      where: (p) => p.eventType === 'Ended',
      whereText: 'eventType Ended',
      requirement: 'B12.FR.01',
    });

    ctx.step('The harness stops the transaction remotely; the station ends it');
    const stop = await csms.call('RequestStopTransaction', { transactionId: txId }, { requirement: 'F03.FR.01' });
    ctx.expectOneOf(stop.status, ['Accepted'], 'F03.FR.01', 'RequestStopTransactionResponse.status');
    await csms.expectCall('TransactionEvent', {
      where: (p) => p.eventType === 'Ended',
      whereText: 'eventType Ended',
      requirement: 'F03.FR.01',
    });

    ctx.step('Now idle, the station performs the scheduled reset and boots again');
    const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'B12.FR.02' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    ctx.expectOneOf(boot.payload.reason, ['RemoteReset'], 'B12.FR.02', 'BootNotification reason');
  },
);
