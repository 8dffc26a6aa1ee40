import { defineCase } from '../../../src/dsl.js';
import { expectAfter, mark } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_23_CS',
    title: 'Reset Charging Station - Unavailable persists reset',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    // G04.FR.02: an Inoperative station reports its connectors Unavailable, after its reset as before.
    requirements: ['G04.FR.02', 'B11.FR.01', 'B11.FR.03', 'G04.FR.01'],
    purpose:
      'A station the CSMS set Inoperative stays Inoperative through a reset: after registering again it reports its connectors Unavailable, not Available.',
    fault: 'reset-clears-unavailable',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const { evseId, connectorId } = config.ids;
    const ours = (p: { evseId: number; connectorId: number }) => p.evseId === evseId && p.connectorId === connectorId;
    await ctx.given('Booted');

    ctx.step('The harness makes the whole station Inoperative; the station accepts and reports the connector Unavailable');
    const since = mark(csms);
    const res = await csms.call('ChangeAvailability', { operationalStatus: 'Inoperative' }, { requirement: 'G04.FR.01' });
    ctx.afterCase('make the station Operative again', async () => {
      const back = await csms.call('ChangeAvailability', { operationalStatus: 'Operative' }, { requirement: 'G04.FR.01' });
      ctx.expectOneOf(back.status, ['Accepted'], 'G04.FR.01', 'ChangeAvailabilityResponse.status (restore)');
    });
    ctx.expectOneOf(res.status, ['Accepted'], 'G04.FR.01', 'ChangeAvailabilityResponse.status');
    await expectAfter(csms, since, 'StatusNotification', {
      where: (p) => ours(p) && p.connectorStatus === 'Unavailable',
      whereText: 'the configured connector Unavailable',
      requirement: 'G04.FR.02',
    });

    ctx.step('The harness resets the station; the idle station accepts');
    const reset = await csms.call('Reset', { type: 'OnIdle' }, { requirement: 'B11.FR.01' });
    ctx.expectOneOf(reset.status, ['Accepted'], 'B11.FR.01', 'ResetResponse.status');

    ctx.step('The station restarts and registers again with reason RemoteReset');
    const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'B11.FR.01' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    ctx.expectOneOf(boot.payload.reason, ['RemoteReset'], 'B11.FR.03', 'BootNotification reason');

    ctx.step('Still Inoperative, the station reports the connector Unavailable');
    const status = await csms.expectCall('StatusNotification', {
      after: boot,
      where: ours,
      whereText: 'the configured connector',
      requirement: 'G04.FR.02',
    });
    ctx.expectOneOf(status.payload.connectorStatus, ['Unavailable'], 'G04.FR.02', 'connectorStatus after the reset');
  },
);
