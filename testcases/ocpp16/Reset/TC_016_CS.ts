import { check, defineCase } from '../../../src/dsl.js';
import { acceptStop, sessionTransactionId16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_016_CS',
    title: 'Soft Reset With Transaction',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Reset',
    requirements: ['OCPP16-5.14', 'OCPP16-4.10', 'OCPP16-4.2'],
    purpose:
      'A charge point told to reset Soft during a transaction first ends the transaction gracefully, reporting it stopped with reason SoftReset, and then restarts and registers again.',
    fault: 'soft-reset-wrong-reason',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Charging');
    const transactionId = sessionTransactionId16(ctx);

    ctx.step('The harness sends Reset Soft while the transaction runs; the charge point accepts it');
    const res = await csms.call('Reset', { type: 'Soft' }, { requirement: 'OCPP16-5.14' });
    ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.14', 'Reset.conf status');

    ctx.step('Before restarting, the charge point stops the transaction with reason SoftReset');
    const stop = await csms.expectCall('StopTransaction', { requirement: 'OCPP16-5.14' });
    check(stop.payload.transactionId === transactionId, 'OCPP16-5.14', `StopTransaction.transactionId = ${transactionId}`, `StopTransaction.transactionId = ${stop.payload.transactionId}`);
    ctx.expectOneOf(stop.payload.reason, ['SoftReset'], 'OCPP16-4.10', 'StopTransaction.reason');
    await acceptStop(ctx, stop);

    ctx.step('The charge point restarts and sends BootNotification again; the harness accepts it');
    const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'OCPP16-5.14' });
    check(stop.at < boot.at, 'OCPP16-5.14', 'StopTransaction before the restart', 'StopTransaction after the new BootNotification');
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });

    ctx.step('The cable is unplugged; the connector returns to Available');
    await ctx.given('Idle');
  },
);
