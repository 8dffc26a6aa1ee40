import { check, defineCase } from '../../../src/dsl.js';
import {
  connectionDataFor,
  ensureCsmsRoot,
  expectAfter,
  freeSlot,
  getVariable,
  mark,
  reconnectWindow,
  renewStationCertificate,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_19_CS',
    title: 'Upgrade the security profile - Accepted',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A05.FR.06', 'A05.FR.01', 'B10.FR.10', 'B09.FR.01'],
    profiles: ['Core'],
    securityProfiles: [1, 2],
    timeoutMs: 60_000,
    purpose:
      'The CSMS stores a connection profile one security level higher in a free slot, puts that slot first in NetworkConfigurationPriority and resets the station. The station comes back on the higher profile, registers, reports the reset as a security event, and SecurityCtrlr.SecurityProfile reports the new level.',
    features: ['NetworkProfiles'],
    fault: 'network-priority-ignored',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const from = ctx.securityProfile;
    const to = from + 1;
    await ctx.given('Booted');

    ctx.step('Precondition: the station trusts the CSMS root of this run (installed when missing)');
    await ensureCsmsRoot(ctx);

    if (to === 3) {
      ctx.step('Profile 3 needs a station certificate: the CSMS renews it first');
      await renewStationCertificate(ctx, 'A05.FR.01');
    }

    ctx.step(`SetNetworkProfile with security profile ${to} in a free slot; the station accepts`);
    const { slot, priority } = await freeSlot(ctx, 'B09.FR.01');
    const set = await csms.call(
      'SetNetworkProfile',
      { configurationSlot: slot, connectionData: connectionDataFor(ctx, to) },
      { requirement: 'B09.FR.01' },
    );
    ctx.expectOneOf(set.status, ['Accepted'], 'B09.FR.01', 'SetNetworkProfile status');

    ctx.step('The new slot becomes the first in NetworkConfigurationPriority');
    const order = [String(slot), ...priority].join(',');
    const pr = await csms.call(
      'SetVariables',
      {
        setVariableData: [
          { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: order },
        ],
      },
      { requirement: 'A05.FR.01' },
    );
    ctx.expectOneOf(
      pr.setVariableResult?.[0]?.attributeStatus,
      ['Accepted', 'RebootRequired'],
      'A05.FR.01',
      'SetVariables NetworkConfigurationPriority attributeStatus',
    );

    ctx.step(`The CSMS accepts profile ${to} only and resets the station`);
    csms.acceptProfiles([to as 2 | 3]);
    const before = mark(csms);
    const handshakes = csms.handshakes.length;
    const reset = await csms.call('Reset', { type: 'OnIdle' }, { requirement: 'A05.FR.06' });
    ctx.expectOneOf(reset.status, ['Accepted'], 'A05.FR.06', 'Reset status');

    ctx.step(`The station reconnects on security profile ${to} and registers`);
    const hs = await csms.expectHandshake({
      after: handshakes,
      within: reconnectWindow(config),
      where: (h) => h.profile === to,
      requirement: 'A05.FR.06',
      expected: `a connection on security profile ${to}`,
    });
    ctx.note(`reconnected on profile ${hs.profile}${hs.tls ? ` (${hs.tls.protocol})` : ''}`);
    const boot = await expectAfter(csms, before, 'BootNotification', { within: config.timeouts.messageMs, requirement: 'B10.FR.10' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    await expectAfter(csms, before, 'SecurityEventNotification', {
      where: (p) => p.type === 'ResetOrReboot' || p.type === 'StartupOfTheDevice',
      within: config.timeouts.messageMs,
      requirement: 'A05.FR.06',
    });

    ctx.step(`SecurityCtrlr.SecurityProfile reports ${to}`);
    const sp = await getVariable(ctx, 'SecurityCtrlr', 'SecurityProfile', 'A05.FR.06');
    check(
      sp.attributeValue === String(to),
      'A05.FR.06',
      `SecurityProfile = ${to}`,
      `SecurityProfile = ${JSON.stringify(sp.attributeValue)} (${sp.attributeStatus})`,
    );
  },
);
