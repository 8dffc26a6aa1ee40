import { defineCase } from '../../../src/dsl.js';
import { startTransaction16, statusNotification16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_004_1_CSMS',
    title: 'Regular Charging Session - Identification First',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Transactions',
    requirements: ['OCPP16-4.1', 'OCPP16-4.8', 'OCPP16-4.9'],
    purpose:
      'When the driver identifies before plugging in, the central system answers the Authorize of the valid idTag with Accepted, then accepts the StartTransaction that follows the plug-in.',
    fault: 'authorize-valid-invalid',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const idTag = config.ids.validIdToken.idToken;
    await ctx.given('Booted');

    ctx.step('The driver presents the valid idTag first: the central system authorizes it');
    const auth = await station.call('Authorize', { idTag }, { requirement: 'OCPP16-4.1' });
    ctx.expectOneOf(auth.idTagInfo?.status, ['Accepted'], 'OCPP16-4.1', 'Authorize.conf idTagInfo.status');

    ctx.step('The driver plugs in the cable: the charge point reports the connector Preparing');
    await statusNotification16(ctx, 'Preparing');

    ctx.step('The charge point starts the transaction: the central system accepts it with a transaction id');
    const start = await startTransaction16(ctx, idTag);
    ctx.expectOneOf(start.idTagInfo?.status, ['Accepted'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status');

    ctx.step('Energy flows: the charge point reports the connector Charging');
    await statusNotification16(ctx, 'Charging');
  },
);
