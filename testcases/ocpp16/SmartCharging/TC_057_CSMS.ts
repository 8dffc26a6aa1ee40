import { defineCase } from '../../../src/dsl.js';
import { checkChargingProfile16, expectField16, operatorCall16, runningTransaction16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_057_CSMS',
    title: 'Central Smart Charging - TxProfile',
    ocpp: '1.6',
    sut: 'csms',
    block: 'SmartCharging',
    profiles: ['SmartCharging'],
    features: ['SmartCharging'],
    requirements: ['OCPP16-5.16'],
    purpose:
      'An operator limits a running session: the central system sends SetChargingProfile for the connector of the transaction with a TxProfile that names exactly the running transaction and whose schedule starts at offset 0.',
    fault: 'txprofile-wrong-transaction',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Charging');
    const { transactionId, connectorId } = runningTransaction16(ctx);

    ctx.step('The operator limits the running session: the central system sends SetChargingProfile with a TxProfile');
    const req = await operatorCall16(
      ctx,
      'SetChargingProfile',
      { purpose: 'TxProfile', connectorId, transactionId },
      'OCPP16-5.16',
      `Make the central system send SetChargingProfile with a TxProfile for the running transaction ${transactionId} to ${config.stationId}.`,
    );
    expectField16(req.payload.connectorId, connectorId, 'OCPP16-5.16', 'SetChargingProfile.req connectorId');
    checkChargingProfile16(
      req.payload.csChargingProfiles,
      'TxProfile',
      transactionId,
      'OCPP16-5.16',
      'SetChargingProfile.req csChargingProfiles',
    );

    ctx.step('The charge point applies the profile to the transaction and answers Accepted');
    await station.reply(req, { status: 'Accepted' });
  },
);
