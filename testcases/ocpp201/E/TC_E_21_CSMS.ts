import { check, defineCase } from '../../../src/dsl.js';
import { txEvent, runningTx } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_21_CSMS',
    title: 'Stop transaction options - StopAuthorized - Remote',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'E',
    requirements: ['F03.FR.01', 'E06.FR.03', 'F03.FR.09', 'F03.FR.10'],
    purpose:
      "When an operator stops a running transaction remotely, the CSMS sends RequestStopTransactionRequest with the station's transactionId and accepts the remote stop and the end of the transaction.",
    fault: 'remotestop-wrong-txid',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('A transaction is charging on the configured EVSE');
    await ctx.given('EnergyTransferStarted');
    const transactionId = runningTx(ctx).transactionId;

    ctx.step('The operator asks the CSMS to stop that transaction');
    await ctx.manual(
      'csmsSend',
      { message: 'RequestStopTransaction', stationId: config.stationId, transactionId, evseId: config.ids.evseId },
      `Make the CSMS remotely stop transaction ${transactionId} on EVSE ${config.ids.evseId}`,
    );

    ctx.step('The CSMS sends RequestStopTransactionRequest for the running transaction');
    const req = await station.expectCall('RequestStopTransaction', { requirement: 'F03.FR.01' });
    check(
      req.payload.transactionId === transactionId,
      'F03.FR.01',
      `transactionId ${transactionId}`,
      `transactionId ${req.payload.transactionId}`,
    );
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station stops charging because of the remote stop; the CSMS acknowledges it');
    await txEvent(ctx, 'Updated', 'RemoteStop', { chargingState: 'EVConnected', requirement: 'F03.FR.09' });

    ctx.step('The driver unplugs; the transaction ends with stoppedReason Remote');
    await ctx.given('EVDisconnected', { stoppedReason: 'Remote' });
  },
);
