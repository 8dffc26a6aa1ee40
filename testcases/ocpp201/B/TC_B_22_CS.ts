import { defineCase } from '../../../src/dsl.js';
import { startedTransaction } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_22_CS',
    title: 'Reset Charging Station - With Ongoing Transaction - Immediate',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B12.FR.04', 'B12.FR.03', 'B12.FR.02'],
    purpose:
      'A station told to reset Immediately while charging accepts, first ends the transaction citing the reset, and then restarts and registers again.',
    fault: 'reset-immediate-no-tx-end',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('EnergyTransferStarted');
    const started = startedTransaction(ctx);
    const txId = started.payload.transactionInfo.transactionId as string;

    ctx.step('The harness sends Reset Immediate during the transaction; the station accepts');
    const res = await csms.call('Reset', { type: 'Immediate' }, { requirement: 'B12.FR.03' });
    ctx.expectOneOf(res.status, ['Accepted'], 'B12.FR.03', 'ResetResponse.status');

    ctx.step('Before restarting, the station ends the transaction because of the reset');
    const ended = await csms.expectCall('TransactionEvent', {
      where: (p) => p.eventType === 'Ended',
      whereText: 'eventType Ended',
      requirement: 'B12.FR.04',
    });
    ctx.expectOneOf(ended.payload.transactionInfo.transactionId, [txId], 'B12.FR.04', 'Ended transactionId');
    ctx.expectOneOf(ended.payload.triggerReason, ['ResetCommand'], 'B12.FR.04', 'Ended triggerReason');
    ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason, ['ImmediateReset'], 'B12.FR.04', 'Ended stoppedReason');

    ctx.step('The station restarts and sends BootNotification with reason RemoteReset');
    const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'B12.FR.02' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    ctx.expectOneOf(boot.payload.reason, ['RemoteReset'], 'B12.FR.02', 'BootNotification reason');
  },
);
