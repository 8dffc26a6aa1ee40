import { defineCase } from '../../../src/dsl.js';
import { checkNothingSince, mark } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_03_CS',
    title: 'Cold Boot Charging Station - Rejected',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B03.FR.01', 'B03.FR.02', 'B01.FR.05'],
    purpose:
      'A station whose BootNotification is Rejected sends nothing until the interval from the response has passed, then tries to register again.',
    fault: 'rejected-retry-early',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const intervalMs = ctx.waits.bootRetry;
    if (csms.booted) await ctx.manual('reboot', {}, 'Power-cycle the charging station so that it boots again.');

    ctx.step('The station connects and sends BootNotification');
    const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'B03.FR.02' });

    ctx.step('The harness rejects the registration with the configured retry interval');
    const since = mark(csms);
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.bootRetryIntervalS, status: 'Rejected' });

    ctx.step('Within the interval the station sends no message at all');
    await csms.wait(Math.min(config.timeouts.silenceMs, intervalMs / 2));
    checkNothingSince(ctx, since, [], 'B03.FR.01', 'no message before the retry interval has passed');

    ctx.step('After the interval the station sends BootNotification again; the harness accepts it');
    const retry = await csms.expectCall('BootNotification', { within: intervalMs + config.timeouts.messageMs, requirement: 'B03.FR.02' });
    await csms.reply(retry, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    await ctx.given('Booted');

    ctx.step('Now accepted, the station reports its connectors');
    await csms.expectCall('StatusNotification', { requirement: 'B01.FR.05' });
  },
);
