import { check, defineCase } from '../../../src/dsl.js';
import { checkProfileShape, operatorSetProfile } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_K_70_CSMS',
    title: 'Set Charging Profile - Multiple Profiles',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'K',
    profiles: ['Smart Charging'],
    features: ['SmartCharging'],
    requirements: ['K01.FR.35', 'K01.FR.22', 'K01.FR.40', 'K01.FR.31'],
    purpose:
      'During a transaction the CSMS sets a default profile and then a station limit: two profiles side by side, so the second has an id of its own (the same id would replace the first).',
    fault: 'profile-id-constant',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const evseId = config.ids.evseId;
    await ctx.given('EnergyTransferStarted');

    ctx.step('The operator makes the CSMS set a TxDefaultProfile');
    const first = await operatorSetProfile(
      ctx,
      { purpose: 'TxDefaultProfile', evseId, limit: 10, chargingRateUnit: 'A' },
      `Make the CSMS set a TxDefaultProfile of 10 A on EVSE ${evseId}`,
      'K01.FR.35',
    );
    const p1 = first.payload.chargingProfile;
    ctx.expectOneOf(p1.chargingProfilePurpose, ['TxDefaultProfile'], 'K01.FR.35', 'chargingProfilePurpose');
    // The kinds are the CSMS's choice (the operator named none); whatever it is, the schedule's shape is checked.
    checkProfileShape(p1);
    await station.reply(first, { status: 'Accepted' });

    ctx.step('The operator makes the CSMS set a ChargingStationMaxProfile as well');
    const second = await operatorSetProfile(
      ctx,
      { purpose: 'ChargingStationMaxProfile', limit: 32, chargingRateUnit: 'A' },
      'Make the CSMS set a ChargingStationMaxProfile of 32 A for the whole station',
      'K01.FR.35',
    );
    const p2 = second.payload.chargingProfile;
    check(p2.id !== p1.id, 'K01.FR.35', `an id other than ${p1.id}`, `id ${p2.id} again`);
    ctx.expectOneOf(p2.chargingProfilePurpose, ['ChargingStationMaxProfile'], 'K01.FR.35', 'chargingProfilePurpose');
    check(second.payload.evseId === 0, 'K01.FR.22', 'evseId 0', `evseId ${second.payload.evseId}`);
    checkProfileShape(p2);
    await station.reply(second, { status: 'Accepted' });
  },
);
