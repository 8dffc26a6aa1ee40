import { check, defineCase } from '../../../src/dsl.js';
import { connectionDataFor, expectAfter, freeSlot, mark, reconnectWindow, restoreVariablesAfterCase } from '../../../src/kit/index.js';

/** The path the new connection profile adds to this CSMS's URL: a connection through it is recognisable. */
const NEW_PATH = 'migrated-b45';

export default defineCase(
  {
    id: 'TC_B_45_CS',
    title: 'Migrate to new ConnectionProfile - Success - Same CSMS Root',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B10.FR.01', 'B10.FR.10', 'B09.FR.01', 'B11.FR.01'],
    features: ['NetworkProfiles'],
    purpose:
      'The CSMS stores a connection profile with a new URL (same security profile, same CSMS root) in a free slot, puts that slot first in NetworkConfigurationPriority and resets the station; the station comes back through the new URL and registers there.',
    fault: 'network-profile-url-ignored',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step('SetNetworkProfile: this CSMS under a new URL, the current security profile, in a free slot; the station accepts');
    const { slot, priority } = await freeSlot(ctx, 'B09.FR.01');
    const data = connectionDataFor(ctx, ctx.securityProfile);
    const url = `${data.ocppCsmsUrl.replace(/\/+$/, '')}/${NEW_PATH}`;
    const set = await csms.call(
      'SetNetworkProfile',
      { configurationSlot: slot, connectionData: { ...data, ocppCsmsUrl: url } },
      { requirement: 'B09.FR.01' },
    );
    ctx.expectOneOf(set.status, ['Accepted'], 'B09.FR.01', 'SetNetworkProfile status');

    ctx.step(`Slot ${slot} becomes the first in NetworkConfigurationPriority (the old order is put back at case end)`);
    if (priority.length)
      restoreVariablesAfterCase(
        ctx,
        [{ component: 'OCPPCommCtrlr', variable: 'NetworkConfigurationPriority', value: priority.join(',') }],
        'B10.FR.01',
      );
    const pr = await csms.call(
      'SetVariables',
      {
        setVariableData: [
          {
            component: { name: 'OCPPCommCtrlr' },
            variable: { name: 'NetworkConfigurationPriority' },
            attributeValue: [String(slot), ...priority].join(','),
          },
        ],
      },
      { requirement: 'B10.FR.01' },
    );
    // The new order applies at the next boot: Accepted and RebootRequired both say so.
    ctx.expectOneOf(
      pr.setVariableResult?.[0]?.attributeStatus,
      ['Accepted', 'RebootRequired'],
      'B10.FR.01',
      'SetVariables NetworkConfigurationPriority attributeStatus',
    );

    ctx.step('The harness resets the station');
    const before = mark(csms);
    const handshakes = csms.handshakes.length;
    const reset = await csms.call('Reset', { type: 'OnIdle' }, { requirement: 'B11.FR.01' });
    ctx.expectOneOf(reset.status, ['Accepted'], 'B11.FR.01', 'Reset status');

    ctx.step(`The station reconnects through the new URL (…/${NEW_PATH}/<identity>) and registers`);
    const hs = await csms.expectHandshake({
      after: handshakes,
      within: reconnectWindow(config),
      requirement: 'B10.FR.01',
      expected: 'a new connection after the reset',
    });
    check(hs.path.includes(`/${NEW_PATH}/`), 'B10.FR.01', `a connection to …/${NEW_PATH}/${hs.identity}`, hs.path);
    const boot = await expectAfter(csms, before, 'BootNotification', { within: config.timeouts.messageMs, requirement: 'B10.FR.10' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
  },
);
