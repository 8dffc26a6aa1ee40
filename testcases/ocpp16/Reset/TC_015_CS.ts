import { defineCase } from '../../../src/dsl.js';
import { session16, sessionTransactionId16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_015_CS',
    title: 'Hard Reset With Transaction',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Reset',
    requirements: ['OCPP16-5.14', 'OCPP16-4.10', 'OCPP16-4.2'],
    purpose:
      'A charge point told to reset Hard during a transaction restarts and does not lose the transaction: it reports the transaction as stopped with reason HardReset, before going down or after registering again.',
    fault: 'hard-reset-tx-not-stopped',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Charging');
    const s = session16(ctx);
    const transactionId = sessionTransactionId16(ctx);
    // The StopTransaction may come before the restart or after the new boot: answer it whenever.
    csms.respondTo('StopTransaction', { idTagInfo: { status: 'Accepted' } });

    ctx.step('The harness sends Reset Hard while the transaction runs; the charge point accepts it');
    const res = await csms.call('Reset', { type: 'Hard' }, { requirement: 'OCPP16-5.14' });
    ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.14', 'Reset.conf status');

    ctx.step('The charge point restarts and sends BootNotification again; the harness accepts it');
    const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'OCPP16-4.2' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });

    ctx.step('The charge point has reported the transaction stopped with reason HardReset');
    const stop = await csms.expectCall('StopTransaction', {
      where: (p) => p.transactionId === transactionId,
      whereText: `transactionId = ${transactionId}`,
      requirement: 'OCPP16-5.14',
    });
    s.transactionId = undefined;
    const reason = stop.payload.reason ?? 'Local';
    if (reason === 'Reboot' || reason === 'PowerLoss') ctx.nonStrict('OCPP16-4.10', `transaction stopped with reason ${reason} rather than HardReset`);
    else ctx.expectOneOf(reason, ['HardReset'], 'OCPP16-4.10', 'StopTransaction.reason');

    ctx.step('The cable is unplugged; the connector returns to Available');
    await ctx.given('Idle');
  },
);
