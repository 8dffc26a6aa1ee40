import { defineCase } from '../../../src/dsl.js';
import { startTransaction16, statusNotification16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_003_CSMS',
    title: 'Regular Charging Session - Plugin First',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Transactions',
    requirements: ['OCPP16-4.8', 'OCPP16-4.1', 'OCPP16-4.9', 'OCPP16-4.7'],
    purpose:
      'With the cable plugged in before the driver identifies, the central system authorizes the valid idTag, accepts the StartTransaction for it with a transaction id, and takes the status and meter reports of the running session.',
    fault: 'start-tx-rejects-valid',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const idTag = config.ids.validIdToken.idToken;
    await ctx.given('Booted');

    ctx.step('The EV driver plugs in the cable: the charge point reports the connector Preparing');
    await statusNotification16(ctx, 'Preparing');

    ctx.step('The driver presents the valid idTag: the central system authorizes it');
    const auth = await station.call('Authorize', { idTag }, { requirement: 'OCPP16-4.1' });
    ctx.expectOneOf(auth.idTagInfo?.status, ['Accepted'], 'OCPP16-4.1', 'Authorize.conf idTagInfo.status');

    ctx.step('The charge point starts the transaction: the central system accepts it and assigns a transaction id');
    const start = await startTransaction16(ctx, idTag);
    ctx.expectOneOf(start.idTagInfo?.status, ['Accepted'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status');

    ctx.step('Energy flows: the charge point reports the connector Charging');
    await statusNotification16(ctx, 'Charging');

    ctx.step('The charge point sends a meter reading for the transaction');
    await station.call(
      'MeterValues',
      {
        connectorId: config.ids.connectorId,
        transactionId: start.transactionId,
        meterValue: [{ timestamp: ctx.nowIso(), sampledValue: [{ value: '250', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }],
      },
      { requirement: 'OCPP16-4.7' },
    );
  },
);
