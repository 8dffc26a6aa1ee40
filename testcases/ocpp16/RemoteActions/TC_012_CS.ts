import { check, defineCase } from '../../../src/dsl.js';
import { acceptStop, statusOf, sessionTransactionId16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_012_CS',
    title: 'Remote Stop Charging Session',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RemoteActions',
    requirements: ['OCPP16-5.12', 'OCPP16-4.10', 'OCPP16-4.9'],
    purpose:
      'A RemoteStopTransaction naming the running transaction is accepted and ends it: the charge point sends StopTransaction for that transaction with reason Remote and leaves the Charging state.',
    fault: 'remote-stop-ignored',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    await ctx.given('Charging');
    const transactionId = sessionTransactionId16(ctx);

    ctx.step('The harness sends RemoteStopTransaction for the running transaction; the charge point accepts it');
    const res = await csms.call('RemoteStopTransaction', { transactionId }, { requirement: 'OCPP16-5.12' });
    ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.12', 'RemoteStopTransaction.conf status');

    ctx.step('The charge point stops that transaction with reason Remote');
    const stop = await csms.expectCall('StopTransaction', { requirement: 'OCPP16-5.12' });
    check(
      stop.payload.transactionId === transactionId,
      'OCPP16-5.12',
      `StopTransaction.transactionId = ${transactionId}`,
      `StopTransaction.transactionId = ${stop.payload.transactionId}`,
    );
    ctx.expectOneOf(stop.payload.reason, ['Remote'], 'OCPP16-4.10', 'StopTransaction.reason');
    await acceptStop(ctx, stop);

    ctx.step('The connector reports Finishing while the cable is still plugged in');
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Finishing'), requirement: 'OCPP16-4.9' });

    ctx.step('The cable is unplugged; the connector returns to Available');
    await ctx.given('Idle');
  },
);
