import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_K_08_CSMS',
    title: 'Clear Charging Profile - Without previous charging profile',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'K',
    profiles: ['Smart Charging', 'ISO 15118 support'],
    features: ['SmartCharging'],
    requirements: ['K10.FR.02', 'K10.FR.08'],
    purpose:
      'The CSMS clears default profiles where the station has none: the station answers Unknown, and the CSMS takes that as the answer instead of sending the request again.',
    fault: 'clear-unknown-resent',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const evseId = config.ids.evseId;
    await ctx.given('Booted');

    ctx.step('The operator makes the CSMS clear the TxDefaultProfiles of the EVSE');
    await ctx.manual(
      'csmsSend',
      { message: 'ClearChargingProfile', stationId: config.stationId, evseId, purpose: 'TxDefaultProfile' },
      `Make the CSMS clear the TxDefaultProfiles on EVSE ${evseId}`,
    );
    const req = await station.expectCall('ClearChargingProfile', { requirement: 'K10.FR.02' });
    const c = req.payload.chargingProfileCriteria;
    // Either selection is allowed: a profile id, or criteria with at least one field.
    check(
      req.payload.chargingProfileId !== undefined || (c !== undefined && Object.keys(c).some((k) => k !== 'customData')),
      'K10.FR.02',
      'a chargingProfileId or criteria with at least one field',
      JSON.stringify(req.payload),
    );

    ctx.step('The station has no such profile: Unknown; the CSMS does not send the request again');
    const answered = ctx.clock.monotonic();
    await station.reply(req, { status: 'Unknown' });
    await station.expectNoCall('ClearChargingProfile', { within: ctx.waits.silence, since: answered, requirement: 'K10.FR.08' });
  },
);
