import { defineCase } from '../../../src/dsl.js';
import { expectField16, operatorCall16, runningTransaction16, statusNotification16, stopTransaction16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_028_CSMS',
    title: 'Remote Stop Transaction - Rejected',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RemoteActions',
    requirements: ['OCPP16-5.12', 'OCPP16-4.10', 'OCPP16-4.9'],
    purpose:
      'A charge point rejects an operator remote stop: the central system sends RemoteStopTransaction for the running transaction, keeps the transaction open after the Rejected answer, and confirms the StopTransaction when the driver ends the session later.',
    fault: 'remote-stop-closes-transaction',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Charging');
    const { transactionId } = runningTransaction16(ctx);

    ctx.step('The operator stops the session remotely: the central system sends RemoteStopTransaction for the running transaction');
    const req = await operatorCall16(
      ctx,
      'RemoteStopTransaction',
      { transactionId },
      'OCPP16-5.12',
      `Make the central system send RemoteStopTransaction to ${config.stationId} for the running transaction ${transactionId}.`,
    );
    expectField16(req.payload.transactionId, transactionId, 'OCPP16-5.12', 'RemoteStopTransaction.req transactionId');

    ctx.step('The charge point rejects the remote stop: the transaction goes on');
    await station.reply(req, { status: 'Rejected' });

    ctx.step('Later the driver ends the session at the charge point: the central system confirms the StopTransaction');
    await stopTransaction16(ctx, 'Local', { idTag: config.ids.validIdToken.idToken, requirement: 'OCPP16-4.10' });

    ctx.step('The charge point reports the connector Finishing');
    await statusNotification16(ctx, 'Finishing');
  },
);
