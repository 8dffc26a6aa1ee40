import { defineCase } from '../../../src/dsl.js';
import { chargingProfile16, expectCompositeLimit16, setChargingProfile16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_072_CS',
    title: 'Stacking Charging Profiles',
    ocpp: '1.6',
    sut: 'cs',
    block: 'SmartCharging',
    profiles: ['SmartCharging'],
    features: ['SmartCharging'],
    requirements: ['OCPP16-3.13', 'OCPP16-5.16', 'OCPP16-5.7'],
    purpose:
      'Two TxDefaultProfiles on one connector: stack level 1 (6 A, for an hour) governs while it is active, stack level 0 (16 A) afterwards, as the composite schedule shows.',
    fault: 'stack-level-ignored',
  },
  async (ctx) => {
    const connectorId = ctx.config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step(`The harness sets a TxDefaultProfile of 16 A at stack level 0 on connector ${connectorId}`);
    const low = await setChargingProfile16(ctx, connectorId, chargingProfile16(ctx, { purpose: 'TxDefaultProfile', limit: 16 }));
    ctx.expectOneOf(low, ['Accepted'], 'OCPP16-5.16', 'SetChargingProfile.conf status (stack level 0)');

    ctx.step('The harness sets a TxDefaultProfile of 6 A at stack level 1, for one hour (it started a minute ago)');
    const high = chargingProfile16(ctx, { purpose: 'TxDefaultProfile', limit: 6, stackLevel: 1, durationS: 3600 });
    const status = await setChargingProfile16(ctx, connectorId, high);
    ctx.expectOneOf(status, ['Accepted'], 'OCPP16-5.16', 'SetChargingProfile.conf status (stack level 1)');

    ctx.step('Over the next two hours the composite schedule gives 6 A first (stack level 1)');
    await expectCompositeLimit16(ctx, { connectorId, durationS: 7200, limitA: 6, requirement: 'OCPP16-3.13' });
    ctx.step('... and 16 A once the stack level 1 profile has ended (after about 59 minutes)');
    await expectCompositeLimit16(ctx, { connectorId, durationS: 7200, limitA: 16, offsetS: 3600, requirement: 'OCPP16-3.13' });
  },
);
