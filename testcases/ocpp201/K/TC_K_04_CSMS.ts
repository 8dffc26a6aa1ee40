import { check, defineCase } from '../../../src/dsl.js';
import { checkLimit, checkProfileShape, operatorSetProfile } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_K_04_CSMS',
    title: 'Replace charging profile - With chargingProfileId',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'K',
    profiles: ['Smart Charging', 'ISO 15118 support'],
    features: ['SmartCharging'],
    requirements: ['K01.FR.05', 'K01.FR.31', 'K01.FR.40'],
    purpose:
      'The operator changes the limit of a default profile the CSMS set: the CSMS sends the profile again under the same id, with the same purpose, kind and stackLevel and the new limit, so the station replaces it.',
    fault: 'replace-new-id',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const evseId = config.ids.evseId;
    await ctx.given('Booted');

    ctx.step('The operator makes the CSMS set a TxDefaultProfile of 8 A');
    const first = await operatorSetProfile(
      ctx,
      { purpose: 'TxDefaultProfile', evseId, limit: 8, chargingRateUnit: 'A' },
      `Make the CSMS set a TxDefaultProfile of 8 A on EVSE ${evseId}`,
      'K01.FR.05',
    );
    const p1 = first.payload.chargingProfile;
    checkProfileShape(p1);
    checkLimit(p1, 8, 'K01.FR.05');
    await station.reply(first, { status: 'Accepted' });

    ctx.step(`The operator changes that profile (id ${p1.id}) to 6 A`);
    const second = await operatorSetProfile(
      ctx,
      { purpose: p1.chargingProfilePurpose, evseId, limit: 6, chargingRateUnit: 'A', chargingProfileId: p1.id, stackLevel: p1.stackLevel },
      `Make the CSMS change charging profile ${p1.id} of EVSE ${evseId} to a limit of 6 A`,
      'K01.FR.05',
    );
    const p2 = second.payload.chargingProfile;

    ctx.step('The new version has the same id, purpose, kind and stackLevel, and the 6 A limit');
    check(p2.id === p1.id, 'K01.FR.05', `chargingProfile.id ${p1.id} (the profile replaced)`, `id ${p2.id}`);
    ctx.expectOneOf(p2.chargingProfilePurpose, [p1.chargingProfilePurpose], 'K01.FR.05', 'chargingProfilePurpose');
    ctx.expectOneOf(p2.chargingProfileKind, [p1.chargingProfileKind], 'K01.FR.05', 'chargingProfileKind');
    check(p2.stackLevel === p1.stackLevel, 'K01.FR.05', `stackLevel ${p1.stackLevel}`, `stackLevel ${p2.stackLevel}`);
    checkProfileShape(p2);
    checkLimit(p2, 6, 'K01.FR.05');
    await station.reply(second, { status: 'Accepted' });
  },
);
