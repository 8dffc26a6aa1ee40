import { defineCase } from '../../../src/dsl.js';
import { checkChargingProfile16, expectField16, operatorCall16, startTransaction16, statusNotification16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_059_CSMS',
    title: 'Remote Start Transaction with Charging Profile',
    ocpp: '1.6',
    sut: 'csms',
    block: 'SmartCharging',
    profiles: ['SmartCharging'],
    features: ['SmartCharging'],
    requirements: ['OCPP16-5.11', 'OCPP16-4.8', 'OCPP16-4.9'],
    purpose:
      'An operator starts a session remotely with a charging limit: the central system sends RemoteStartTransaction with a charging profile of purpose TxProfile and no transactionId, and accepts the StartTransaction that follows.',
    fault: 'remote-start-profile-txdefault',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const idTag = config.ids.validIdToken.idToken;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step('The operator starts a session remotely with a charging profile: the central system sends RemoteStartTransaction');
    const req = await operatorCall16(
      ctx,
      'RemoteStartTransaction',
      { idTag, connectorId, chargingProfile: true },
      'OCPP16-5.11',
      `Make the central system send RemoteStartTransaction with a charging profile to ${config.stationId} for idTag ${idTag} on connector ${connectorId}.`,
    );
    expectField16(req.payload.idTag, idTag, 'OCPP16-5.11', 'RemoteStartTransaction.req idTag');
    checkChargingProfile16(
      req.payload.chargingProfile,
      'TxProfile',
      undefined,
      'OCPP16-5.11',
      'RemoteStartTransaction.req chargingProfile',
    );

    ctx.step('The charge point accepts, the driver plugs in, and the charge point reports Preparing');
    await station.reply(req, { status: 'Accepted' });
    await statusNotification16(ctx, 'Preparing');

    ctx.step('The charge point starts the transaction under the profile: the central system accepts it');
    const start = await startTransaction16(ctx, idTag);
    ctx.expectOneOf(start.idTagInfo?.status, ['Accepted'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status');
    await statusNotification16(ctx, 'Charging');
  },
);
