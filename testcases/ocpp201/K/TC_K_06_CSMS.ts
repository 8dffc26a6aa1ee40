import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_K_06_CSMS',
    title: 'Clear Charging Profile - With stackLevel/purpose combination for one profile',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'K',
    profiles: ['Smart Charging', 'ISO 15118 support'],
    features: ['SmartCharging'],
    requirements: ['K10.FR.02'],
    purpose:
      'Asked to clear the default profile at one stack level of one EVSE, the CSMS sends ClearChargingProfile criteria naming that EVSE, stackLevel and purpose TxDefaultProfile, without a profile id.',
    fault: 'clear-criteria-evse-dropped',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const evseId = config.ids.evseId;
    await ctx.given('Booted');

    ctx.step('The operator makes the CSMS clear the TxDefaultProfile at stack level 0 of the EVSE');
    await ctx.manual(
      'csmsSend',
      { message: 'ClearChargingProfile', stationId: config.stationId, evseId, stackLevel: 0, purpose: 'TxDefaultProfile' },
      `Make the CSMS clear the TxDefaultProfile at stack level 0 on EVSE ${evseId}`,
    );
    const req = await station.expectCall('ClearChargingProfile', { requirement: 'K10.FR.02' });
    const c = req.payload.chargingProfileCriteria;
    check(
      req.payload.chargingProfileId === undefined,
      'K10.FR.02',
      'no chargingProfileId',
      `chargingProfileId ${req.payload.chargingProfileId}`,
    );
    check(c !== undefined, 'K10.FR.02', 'chargingProfileCriteria', 'none');
    ctx.expectOneOf(c?.chargingProfilePurpose, ['TxDefaultProfile'], 'K10.FR.02', 'chargingProfileCriteria.chargingProfilePurpose');
    check(c?.stackLevel === 0, 'K10.FR.02', 'chargingProfileCriteria.stackLevel 0', `stackLevel ${c?.stackLevel ?? 'absent'}`);
    check(c?.evseId === evseId, 'K10.FR.02', `chargingProfileCriteria.evseId ${evseId}`, `evseId ${c?.evseId ?? 'absent'}`);
    await station.reply(req, { status: 'Accepted' });
  },
);
