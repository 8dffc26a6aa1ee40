import { defineCase } from '../../../src/dsl.js';
import { chargingProfile16, setChargingProfile16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_067_CS',
    title: 'Clear Charging Profile',
    ocpp: '1.6',
    sut: 'cs',
    block: 'SmartCharging',
    profiles: ['SmartCharging'],
    features: ['SmartCharging'],
    requirements: ['OCPP16-5.5', 'OCPP16-5.16'],
    purpose:
      'A profile cleared by its id is removed: ClearChargingProfile is Accepted, and the same request again is answered Unknown because nothing matches any more.',
    fault: 'clear-profile-not-removed',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step(`The harness sets a TxDefaultProfile on connector ${config.ids.connectorId}`);
    const profile = chargingProfile16(ctx, { purpose: 'TxDefaultProfile', limit: 12 });
    const set = await setChargingProfile16(ctx, config.ids.connectorId, profile);
    ctx.expectOneOf(set, ['Accepted'], 'OCPP16-5.16', 'SetChargingProfile.conf status');

    ctx.step(`The harness clears profile ${profile.chargingProfileId}: Accepted`);
    const first = await csms.call('ClearChargingProfile', { id: profile.chargingProfileId }, { requirement: 'OCPP16-5.5' });
    ctx.expectOneOf(first.status, ['Accepted'], 'OCPP16-5.5', 'ClearChargingProfile.conf status');

    ctx.step('The same clear again finds nothing: Unknown');
    const second = await csms.call('ClearChargingProfile', { id: profile.chargingProfileId }, { requirement: 'OCPP16-5.5' });
    ctx.expectOneOf(second.status, ['Unknown'], 'OCPP16-5.5', 'ClearChargingProfile.conf status for a removed profile');
  },
);
