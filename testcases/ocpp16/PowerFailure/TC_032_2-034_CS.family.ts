import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { session16, statusOf } from '../../../src/kit/index.js';

/**
 * The power fails (a power cycle) and the charge point boots again: a transaction that ran is
 * reported stopped with reason PowerLoss (032_2: after the restart; one sent before going down is
 * taken too), and a connector made Inoperative before stays Unavailable (034).
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_032_2_CS',
      title: 'Power failure boot charging point - configured to stop transaction(s) after going down',
      running: 'transaction' as const,
      requirements: ['OCPP16-4.10.1', 'OCPP16-4.10', 'OCPP16-4.2'],
      fault: 'power-loss-stop-not-sent' as const,
      purpose:
        'A power failure ends the running transaction: once the charge point is back and its boot accepted, it reports the transaction stopped with reason PowerLoss.',
    },
    {
      id: 'TC_034_CS',
      title: 'Power Failure with Unavailable Status',
      running: 'inoperative' as const,
      requirements: ['OCPP16-5.2.1', 'OCPP16-5.2', 'OCPP16-4.9', 'OCPP16-4.2'],
      fault: 'availability-lost-on-reboot' as const,
      purpose: 'A connector made Inoperative before a power failure reports Unavailable again after the restart.',
    },
  ],
  ({ running, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '1.6', sut: 'cs', block: 'PowerFailure' }, async (ctx) => {
      const { csms, config } = ctx;
      const connectorId = config.ids.connectorId;
      const s = session16(ctx);
      let transactionId: number | undefined;
      if (running === 'transaction') {
        await ctx.given('Charging');
        transactionId = s.transactionId;
        // The StopTransaction may come before the power is gone or after the new boot: answer it whenever.
        csms.respondTo('StopTransaction', { idTagInfo: { status: 'Accepted' } });
      } else {
        await ctx.given('Booted');
        ctx.step(`The harness makes connector ${connectorId} Inoperative`);
        ctx.afterCase(`make connector ${connectorId} Operative`, async () => {
          await csms.call('ChangeAvailability', { connectorId, type: 'Operative' }, { requirement: 'OCPP16-5.2' });
        });
        const off = await csms.call('ChangeAvailability', { connectorId, type: 'Inoperative' }, { requirement: 'OCPP16-5.2' });
        ctx.expectOneOf(off.status, ['Accepted'], 'OCPP16-5.2', 'ChangeAvailability.conf status');
        await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Unavailable'), requirement: 'OCPP16-4.9' });
      }

      ctx.step('The power fails and comes back: the charge point sends BootNotification again; the harness accepts it');
      await ctx.manual('reboot', {}, 'Cut the power of the charge point and restore it (a power failure).');
      const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'OCPP16-4.2' });
      await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });

      if (running === 'transaction') {
        ctx.step('The charge point reports the transaction stopped with reason PowerLoss');
        const stop = await csms.expectCall('StopTransaction', {
          where: (p) => p.transactionId === transactionId,
          whereText: `transactionId = ${transactionId}`,
          requirement: 'OCPP16-4.10.1',
          // It belongs to the transaction, not the session: the connection before the power failure counts.
          anyConnection: true,
        });
        s.transactionId = undefined;
        ctx.expectOneOf(stop.payload.reason ?? 'Local', ['PowerLoss'], 'OCPP16-4.10.1', 'StopTransaction.reason');
        ctx.step('The cable is unplugged; the connector returns to Available');
        await ctx.given('Idle');
        return;
      }
      ctx.step(`After the restart connector ${connectorId} reports Unavailable`);
      await csms
        .expectCall('StatusNotification', {
          ...statusOf(connectorId),
          requirement: 'OCPP16-5.2.1',
        })
        .then((sn) =>
          ctx.expectOneOf(sn.payload.status, ['Unavailable'], 'OCPP16-5.2.1', `connector ${connectorId} status after the restart`),
        );
      ctx.step(`The harness makes connector ${connectorId} Operative again; it reports Available`);
      const on = await csms.call('ChangeAvailability', { connectorId, type: 'Operative' }, { requirement: 'OCPP16-5.2' });
      ctx.expectOneOf(on.status, ['Accepted'], 'OCPP16-5.2', 'ChangeAvailability.conf status');
      await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Available'), requirement: 'OCPP16-4.9' });
    }),
);
