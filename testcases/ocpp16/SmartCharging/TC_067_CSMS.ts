import { check, defineCase } from '../../../src/dsl.js';
import { expectField16, operatorCall16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_067_CSMS',
    title: 'Clear Charging Profile',
    ocpp: '1.6',
    sut: 'csms',
    block: 'SmartCharging',
    profiles: ['SmartCharging'],
    features: ['SmartCharging'],
    requirements: ['OCPP16-5.5', 'OCPP16-5.16'],
    purpose:
      'An operator sets a default charging profile and then removes it: the central system sends ClearChargingProfile naming exactly the chargingProfileId it installed.',
    fault: 'clear-profile-wrong-id',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const connectorId = config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step('The operator sets a TxDefaultProfile: the central system sends SetChargingProfile and the charge point accepts it');
    const set = await operatorCall16(
      ctx,
      'SetChargingProfile',
      { purpose: 'TxDefaultProfile', connectorId },
      'OCPP16-5.16',
      `Make the central system send SetChargingProfile with a TxDefaultProfile for connector ${connectorId} to ${config.stationId}.`,
    );
    const id = set.payload.csChargingProfiles?.chargingProfileId;
    check(Number.isInteger(id), 'OCPP16-5.16', 'SetChargingProfile.req chargingProfileId is an integer', id);
    await station.reply(set, { status: 'Accepted' });

    ctx.step(`The operator removes profile ${id}: the central system sends ClearChargingProfile`);
    const req = await operatorCall16(
      ctx,
      'ClearChargingProfile',
      { id },
      'OCPP16-5.5',
      `Make the central system send ClearChargingProfile to ${config.stationId} for charging profile ${id}.`,
    );
    expectField16(req.payload.id, id, 'OCPP16-5.5', 'ClearChargingProfile.req id');

    ctx.step('The charge point removes the profile and answers Accepted');
    await station.reply(req, { status: 'Accepted' });
  },
);
