import { check, defineCase } from '../../../src/dsl.js';
import { runningTransaction16, statusNotification16, stopTransaction16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_012_CSMS',
    title: 'Remote Stop Charging Session',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RemoteActions',
    requirements: ['OCPP16-5.12', 'OCPP16-4.10', 'OCPP16-4.9'],
    purpose:
      'An operator stops a running session remotely: the central system sends RemoteStopTransaction with the id of exactly the transaction it assigned, and confirms the StopTransaction (reason Remote) that ends it.',
    fault: 'remote-stop-wrong-transaction',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Charging');
    const { transactionId } = runningTransaction16(ctx);

    ctx.step('The operator stops the session remotely: the central system sends RemoteStopTransaction for the running transaction');
    await ctx.manual(
      'csmsSend',
      { message: 'RemoteStopTransaction', stationId: config.stationId, transactionId },
      `Make the central system send RemoteStopTransaction to ${config.stationId} for the running transaction ${transactionId}.`,
    );
    const req = await station.expectCall('RemoteStopTransaction', { requirement: 'OCPP16-5.12' });
    check(
      req.payload.transactionId === transactionId,
      'OCPP16-5.12',
      `RemoteStopTransaction.req transactionId = ${transactionId} (the one from StartTransaction.conf)`,
      `transactionId = ${JSON.stringify(req.payload.transactionId)}`,
    );

    ctx.step('The charge point accepts the remote stop');
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The charge point ends the transaction with reason Remote: the central system confirms it');
    await stopTransaction16(ctx, 'Remote', { requirement: 'OCPP16-4.10' });

    ctx.step('The charge point reports the connector Finishing');
    await statusNotification16(ctx, 'Finishing');
  },
);
