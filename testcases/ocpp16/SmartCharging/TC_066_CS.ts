import { defineCase } from '../../../src/dsl.js';
import { chargingProfile16, expectCompositeLimit16, setChargingProfile16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_066_CS',
    title: 'Get Composite Schedule',
    ocpp: '1.6',
    sut: 'cs',
    block: 'SmartCharging',
    profiles: ['SmartCharging'],
    features: ['SmartCharging'],
    requirements: ['OCPP16-5.7', 'OCPP16-3.13', 'OCPP16-5.16'],
    purpose:
      'With a ChargePointMaxProfile of 10 A and a TxDefaultProfile of 16 A on the connector, GetCompositeSchedule for the connector reports the lower limit, 10 A.',
    fault: 'composite-ignores-max-profile',
  },
  async (ctx) => {
    const connectorId = ctx.config.ids.connectorId;
    await ctx.given('Booted');

    ctx.step('The harness sets a ChargePointMaxProfile of 10 A on connector 0');
    const max = await setChargingProfile16(ctx, 0, chargingProfile16(ctx, { purpose: 'ChargePointMaxProfile', limit: 10 }));
    ctx.expectOneOf(max, ['Accepted'], 'OCPP16-5.16', 'SetChargingProfile.conf status (ChargePointMaxProfile)');

    ctx.step(`The harness sets a TxDefaultProfile of 16 A on connector ${connectorId}`);
    const tx = await setChargingProfile16(ctx, connectorId, chargingProfile16(ctx, { purpose: 'TxDefaultProfile', limit: 16 }));
    ctx.expectOneOf(tx, ['Accepted'], 'OCPP16-5.16', 'SetChargingProfile.conf status (TxDefaultProfile)');

    ctx.step('The composite schedule of the connector is limited by the lower of the two: 10 A');
    await expectCompositeLimit16(ctx, { connectorId, durationS: 600, limitA: 10, requirement: 'OCPP16-3.13' });
  },
);
