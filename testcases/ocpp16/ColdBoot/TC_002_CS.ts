import { check, defineCase } from '../../../src/dsl.js';
import { statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_002_CS',
    title: 'Cold Boot Charge Point - Pending',
    ocpp: '1.6',
    sut: 'cs',
    block: 'ColdBoot',
    requirements: ['OCPP16-4.2', 'OCPP16-5.8', 'OCPP16-4.9'],
    purpose:
      'A charge point whose registration is held Pending stays reachable for configuration requests and registers again once the retry interval has passed; when finally accepted it reports its connectors.',
    fault: 'boot-pending-no-retry',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const retryS = config.timeouts.bootRetryIntervalS;
    csms.respondTo('StatusNotification', {});
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));

    if (csms.booted) {
      ctx.step('The charge point is power-cycled so that it boots from cold');
      await ctx.manual('reboot', {}, 'Power-cycle the charge point (switch it off and on again).');
    }

    ctx.step('The charge point connects and sends BootNotification');
    const first = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'OCPP16-4.2' });

    ctx.step(`The harness answers Pending with a retry interval of ${retryS} s`);
    await csms.reply(first, { currentTime: ctx.nowIso(), interval: retryS, status: 'Pending' });

    ctx.step('While pending, the harness reads the configuration and the charge point answers it');
    const conf = await csms.call('GetConfiguration', {}, { requirement: 'OCPP16-5.8' });
    check(
      Array.isArray(conf.configurationKey) && conf.configurationKey.length > 0,
      'OCPP16-5.8',
      'GetConfiguration.conf with configurationKey entries',
      conf,
    );

    ctx.step('After the retry interval the charge point sends BootNotification again');
    const second = await csms.expectCall('BootNotification', {
      within: retryS * 1000 + config.timeouts.messageMs,
      requirement: 'OCPP16-4.2',
    });
    const gapMs = second.at - first.at;
    if (gapMs < retryS * 1000 - 250)
      ctx.nonStrict('OCPP16-4.2', `BootNotification repeated after ${Math.round(gapMs)} ms, before the ${retryS} s interval`);

    ctx.step('The harness accepts the boot');
    await csms.reply(second, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });

    ctx.step(`The charge point reports connector ${config.ids.connectorId} with StatusNotification`);
    await csms.expectCall('StatusNotification', { ...statusOf(config.ids.connectorId), requirement: 'OCPP16-4.9' });
  },
);
