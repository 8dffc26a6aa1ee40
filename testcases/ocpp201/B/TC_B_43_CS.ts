import { defineCase } from '../../../src/dsl.js';
import { connectionDataFor } from '../../../src/kit/index.js';

/** A configuration slot no station offers (slots are small numbers listed in NetworkConfigurationPriority). */
const NO_SUCH_SLOT = 999;

export default defineCase(
  {
    id: 'TC_B_43_CS',
    title: 'Set new NetworkConnectionProfile - Rejected',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B09.FR.02'],
    features: ['NetworkProfiles'],
    purpose:
      'A network connection profile sent for a configuration slot the station does not have is refused with Rejected; the connection data itself is valid (the current security profile, this CSMS).',
    fault: 'network-profile-any-slot',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step(`The harness sends SetNetworkProfile for configuration slot ${NO_SUCH_SLOT}, with valid connection data`);
    const res = await csms.call(
      'SetNetworkProfile',
      { configurationSlot: NO_SUCH_SLOT, connectionData: connectionDataFor(ctx, csms.configuredProfile) },
      { requirement: 'B09.FR.02' },
    );

    ctx.step('The station refuses it with Rejected');
    ctx.expectOneOf(res.status, ['Rejected'], 'B09.FR.02', 'SetNetworkProfileResponse.status');
  },
);
