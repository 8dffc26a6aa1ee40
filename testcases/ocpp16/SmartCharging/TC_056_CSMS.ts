import { defineCase } from '../../../src/dsl.js';
import { checkChargingProfile16, expectField16, operatorCall16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_056_CSMS',
    title: 'Central Smart Charging - TxDefaultProfile',
    ocpp: '1.6',
    sut: 'csms',
    block: 'SmartCharging',
    profiles: ['SmartCharging'],
    features: ['SmartCharging'],
    requirements: ['OCPP16-5.16'],
    purpose:
      'An operator sets a default charging profile on a connector of an idle charge point: the central system sends SetChargingProfile for that connector with a TxDefaultProfile that names no transaction and whose schedule starts at offset 0.',
    fault: 'txdefault-carries-transactionid',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step('The operator sets a TxDefaultProfile: the central system sends SetChargingProfile');
    const req = await operatorCall16(
      ctx,
      'SetChargingProfile',
      { purpose: 'TxDefaultProfile', connectorId },
      'OCPP16-5.16',
      `Make the central system send SetChargingProfile with a TxDefaultProfile for connector ${connectorId} to ${config.stationId}.`,
    );
    expectField16(req.payload.connectorId, connectorId, 'OCPP16-5.16', 'SetChargingProfile.req connectorId');
    checkChargingProfile16(
      req.payload.csChargingProfiles,
      'TxDefaultProfile',
      undefined,
      'OCPP16-5.16',
      'SetChargingProfile.req csChargingProfiles',
    );

    ctx.step('The charge point installs the profile and answers Accepted');
    await station.reply(req, { status: 'Accepted' });
  },
);
