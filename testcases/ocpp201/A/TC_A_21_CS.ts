import { defineCase } from '../../../src/dsl.js';
import { connectionDataFor, freeSlot } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_21_CS',
    title: 'Upgrade the security profile - no valid station certificate',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A05.FR.04', 'B09.FR.01'],
    profiles: ['Core'],
    securityProfiles: [2],
    purpose:
      'A station on security profile 2 that has no valid station certificate cannot authenticate with TLS, so it rejects a SetNetworkProfile that moves it to security profile 3.',
    features: ['AdvancedSecurity', 'NetworkProfiles'],
    fault: 'upgrade-without-station-cert',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('SetNetworkProfile with security profile 3 (no station certificate was issued): the station rejects it');
    const { slot } = await freeSlot(ctx, 'B09.FR.01');
    const set = await csms.call(
      'SetNetworkProfile',
      { configurationSlot: slot, connectionData: connectionDataFor(ctx, 3) },
      { requirement: 'A05.FR.04' },
    );
    ctx.expectOneOf(set.status, ['Rejected'], 'A05.FR.04', 'SetNetworkProfile status without a station certificate');
    ctx.note(`rejected${set.statusInfo ? ` (${set.statusInfo.reasonCode})` : ''}`);
  },
);
