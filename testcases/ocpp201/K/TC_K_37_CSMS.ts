import { check, defineCase } from '../../../src/dsl.js';
import { checkProfileShape, connectorStatus, txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_K_37_CSMS',
    title: 'Remote start transaction with charging profile - Success',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'K',
    profiles: ['Smart Charging'],
    features: ['SmartCharging'],
    requirements: ['F01.FR.08', 'F01.FR.09', 'F01.FR.11', 'K01.FR.31', 'K01.FR.40'],
    purpose:
      'The operator starts a transaction remotely with a charging limit: RequestStartTransaction carries a TxProfile without a transactionId (the transaction does not exist yet), and the CSMS then accepts the transaction it started.',
    fault: 'remotestart-profile-txid',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const evseId = config.ids.evseId;
    await ctx.given('Booted');

    ctx.step('The operator makes the CSMS start a transaction with a 6 A charging profile');
    await ctx.manual(
      'csmsSend',
      { message: 'RequestStartTransaction', stationId: config.stationId, evseId, chargingProfile: { limit: 6, chargingRateUnit: 'A' } },
      `Make the CSMS start a transaction on EVSE ${evseId} with a charging profile (TxProfile, 6 A)`,
    );
    const req = await station.expectCall('RequestStartTransaction', { requirement: 'F01.FR.08' });
    const profile = req.payload.chargingProfile;

    ctx.step('The request carries a TxProfile without a transactionId');
    check(profile !== undefined, 'F01.FR.08', 'a chargingProfile in RequestStartTransactionRequest', 'none');
    if (profile) {
      ctx.expectOneOf(profile.chargingProfilePurpose, ['TxProfile'], 'F01.FR.09', 'chargingProfile.chargingProfilePurpose');
      check(profile.transactionId === undefined, 'F01.FR.11', 'no transactionId', `transactionId ${profile.transactionId}`);
      checkProfileShape(profile);
    }
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station starts the transaction; the CSMS accepts it');
    await connectorStatus(ctx, 'Occupied');
    await txEvent(ctx, 'Started', 'RemoteStart', {
      remoteStartId: req.payload.remoteStartId,
      idToken: config.ids.validIdToken,
      chargingState: 'EVConnected',
      requirement: 'F01.FR.08',
    });
  },
);
