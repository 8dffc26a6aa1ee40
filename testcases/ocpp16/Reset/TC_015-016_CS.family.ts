import { check, defineCase, defineCaseFamily, present } from '../../../src/dsl.js';
import { session16 } from '../../../src/kit/index.js';

/**
 * Reset during a transaction, Hard and Soft. The transaction is reported stopped with the reason
 * of the reset type; a Soft reset ends it before the restart, a Hard one may report it before
 * going down or after registering again (Reboot or PowerLoss then pass as SHOULD-level notes).
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_015_CS',
      title: 'Hard Reset With Transaction',
      type: 'Hard',
      reason: 'HardReset',
      tolerated: ['Reboot', 'PowerLoss'],
      stopBeforeRestart: false,
      bootRequirement: 'OCPP16-4.2',
      purpose:
        'A charge point told to reset Hard during a transaction restarts and does not lose the transaction: it reports the transaction as stopped with reason HardReset, before going down or after registering again.',
      fault: 'hard-reset-tx-not-stopped',
    },
    {
      id: 'TC_016_CS',
      title: 'Soft Reset With Transaction',
      type: 'Soft',
      reason: 'SoftReset',
      tolerated: [],
      stopBeforeRestart: true,
      bootRequirement: 'OCPP16-5.14',
      purpose:
        'A charge point told to reset Soft during a transaction first ends the transaction gracefully, reporting it stopped with reason SoftReset, and then restarts and registers again.',
      fault: 'soft-reset-wrong-reason',
    },
  ] as const,
  ({ type, reason, tolerated, stopBeforeRestart, bootRequirement, ...row }) =>
    defineCase(
      { ...row, ocpp: '1.6', sut: 'cs', block: 'Reset', requirements: ['OCPP16-5.14', 'OCPP16-4.10', 'OCPP16-4.2'] },
      async (ctx) => {
        const { csms, config } = ctx;
        await ctx.given('Charging');
        const s = session16(ctx);
        const transactionId = present(s.transactionId, 'OCPP16-5.14', 'a running transaction', 'none');
        // The StopTransaction may come before the restart or after the new boot: answer it whenever.
        csms.respondTo('StopTransaction', { idTagInfo: { status: 'Accepted' } });

        ctx.step(`The harness sends Reset ${type} while the transaction runs; the charge point accepts it`);
        const res = await csms.call('Reset', { type }, { requirement: 'OCPP16-5.14' });
        ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.14', 'Reset.conf status');

        ctx.step('The charge point restarts and sends BootNotification again; the harness accepts it');
        const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: bootRequirement });
        await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });

        ctx.step(
          `The charge point has reported the transaction stopped with reason ${reason}${stopBeforeRestart ? ', before the restart' : ''}`,
        );
        const stop = await csms.expectCall('StopTransaction', {
          where: (p) => p.transactionId === transactionId,
          whereText: `transactionId = ${transactionId}`,
          requirement: 'OCPP16-5.14',
          // It belongs to the transaction, not the session: the connection before the restart counts.
          anyConnection: true,
        });
        s.transactionId = undefined;
        if (stopBeforeRestart)
          check(stop.at < boot.at, 'OCPP16-5.14', 'StopTransaction before the restart', 'StopTransaction after the new BootNotification');
        const stopped = stop.payload.reason ?? 'Local';
        if ((tolerated as readonly string[]).includes(stopped))
          ctx.nonStrict('OCPP16-4.10', `transaction stopped with reason ${stopped} rather than ${reason}`);
        else ctx.expectOneOf(stopped, [reason], 'OCPP16-4.10', 'StopTransaction.reason');

        ctx.step('The cable is unplugged; the connector returns to Available');
        await ctx.given('Idle');
      },
    ),
);
