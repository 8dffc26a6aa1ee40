import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_20_CS',
    title: 'Reset Charging Station - Without ongoing transaction - OnIdle',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B11.FR.03', 'B11.FR.01', 'B01.FR.05'],
    purpose: 'An idle station asked to reset OnIdle accepts, restarts, and registers again stating that the CSMS requested the reset.',
    fault: 'reset-wrong-boot-reason',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness sends Reset OnIdle; the idle station accepts');
    const res = await csms.call('Reset', { type: 'OnIdle' }, { requirement: 'B11.FR.01' });
    ctx.expectOneOf(res.status, ['Accepted'], 'B11.FR.01', 'ResetResponse.status');

    ctx.step('The station restarts and sends BootNotification with reason RemoteReset');
    const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'B11.FR.01' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    ctx.expectOneOf(boot.payload.reason, ['RemoteReset'], 'B11.FR.03', 'BootNotification reason');

    ctx.step('The station reports its connectors again');
    await csms.expectCall('StatusNotification', { requirement: 'B01.FR.05' });
  },
);
