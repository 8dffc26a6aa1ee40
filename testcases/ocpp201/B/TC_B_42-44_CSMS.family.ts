import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';

/**
 * Set a new network connection profile (B09) on the security profile the station already uses:
 * the operator chooses a configuration slot; the CSMS sends SetNetworkProfile for that slot with
 * complete OCPP-J connection data. The station accepts it, or answers Failed, which is final.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_B_42_CSMS',
      title: 'Set new NetworkConnectionProfile - Accepted',
      answer: 'Accepted',
      purpose:
        'Asked to store a new network connection profile in slot 2, the CSMS sends SetNetworkProfile for slot 2 with OCPP 2.0 over JSON, a CSMS URL of the right scheme and the security profile the station uses, and takes the Accepted answer.',
      fault: 'networkprofile-slot-ignored',
    },
    {
      id: 'TC_B_44_CSMS',
      title: 'Set new NetworkConnectionProfile - Failed',
      answer: 'Failed',
      purpose:
        'Asked to store a new network connection profile, the CSMS sends SetNetworkProfile; the station answers Failed (it could not store it), and the CSMS takes that as final instead of sending the request again.',
      fault: 'networkprofile-failed-resent',
    },
  ] as const,
  ({ answer, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'B',
        profiles: ['Core'],
        securityProfiles: [1, 2, 3],
        requirements: ['B09.FR.01'],
        features: ['NetworkProfiles'],
      },
      async (ctx) => {
        const { station, config } = ctx;
        const sp = ctx.securityProfile;
        const slot = 2;
        await ctx.given('Booted');

        ctx.step(`The operator makes the CSMS store a network connection profile (security profile ${sp}) in slot ${slot}`);
        await ctx.manual(
          'csmsSend',
          { message: 'SetNetworkProfile', stationId: config.stationId, securityProfile: sp, configurationSlot: slot },
          `Make the CSMS send SetNetworkProfile for configuration slot ${slot} with security profile ${sp} to station ${config.stationId}`,
        );
        const req = await station.expectCall('SetNetworkProfile', { requirement: 'B09.FR.01' });
        check(
          req.payload.configurationSlot === slot,
          'B09.FR.01',
          `configurationSlot ${slot}`,
          `configurationSlot ${req.payload.configurationSlot}`,
        );
        const data = req.payload.connectionData;
        ctx.expectOneOf(data.ocppVersion, ['OCPP20'], 'B09.FR.01', 'connectionData.ocppVersion');
        ctx.expectOneOf(data.ocppTransport, ['JSON'], 'B09.FR.01', 'connectionData.ocppTransport');
        check(data.securityProfile === sp, 'B09.FR.01', `connectionData.securityProfile ${sp}`, String(data.securityProfile));
        // Profile 1 runs over ws://, profiles 2 and 3 over wss:// (A00).
        const scheme = sp >= 2 ? /^wss:\/\//i : /^wss?:\/\//i;
        check(scheme.test(data.ocppCsmsUrl), 'B09.FR.01', sp >= 2 ? 'a wss:// CSMS URL' : 'a ws:// or wss:// CSMS URL', data.ocppCsmsUrl);

        ctx.step(`The station answers ${answer}`);
        await station.reply(req, { status: answer });
        if (answer === 'Failed') {
          ctx.step('The CSMS takes Failed as final: no second SetNetworkProfileRequest');
          await station.expectNoCall('SetNetworkProfile', { within: config.timeouts.silenceMs, requirement: 'B09.FR.01' });
        }
      },
    ),
);
