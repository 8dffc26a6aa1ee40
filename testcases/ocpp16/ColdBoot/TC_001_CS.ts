import { CaseFailure, check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_001_CS',
    title: 'Cold Boot Charge Point',
    ocpp: '1.6',
    sut: 'cs',
    block: 'ColdBoot',
    requirements: ['OCPP16-4.2', 'OCPP16-4.9', 'OCPP16-4.6'],
    purpose:
      'A charge point that starts up announces itself with BootNotification before anything else, and once the central system accepts it, reports the state of its connectors and keeps the link alive at the heartbeat interval it was given.',
    fault: 'boot-no-status-notification',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    csms.respondTo('StatusNotification', {});

    if (csms.booted) {
      ctx.step('The charge point is power-cycled so that it boots from cold');
      await ctx.manual('reboot', {}, 'Power-cycle the charge point (switch it off and on again).');
    }

    ctx.step('The charge point connects and sends BootNotification with its vendor and model');
    const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'OCPP16-4.2' });
    const before = csms.receivedCalls().filter((c) => c.conn === boot.conn && c.at < boot.at);
    check(
      before.length === 0,
      'OCPP16-4.2',
      'no request before BootNotification on the new connection',
      before.map((c) => c.action).join(', '),
    );

    ctx.step('The harness accepts the boot and hands out the configured heartbeat interval');
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });

    ctx.step(`The charge point reports connector ${connectorId} with StatusNotification Available`);
    const status = await csms.expectCall('StatusNotification', {
      where: (p) => p.connectorId === connectorId,
      whereText: `connectorId = ${connectorId}`,
      requirement: 'OCPP16-4.9',
    });
    ctx.expectOneOf(status.payload.status, ['Available'], 'OCPP16-4.9', 'StatusNotification.status');

    ctx.step('The charge point sends a Heartbeat within the interval it was given');
    try {
      const hb = await csms.expectCall('Heartbeat', { within: ctx.waits.heartbeat, requirement: 'OCPP16-4.6' });
      await csms.reply(hb, { currentTime: ctx.nowIso() });
    } catch (err) {
      // Over JSON the WebSocket keeps the link alive; a heartbeat is advised for clock sync, not mandated.
      if (!(err instanceof CaseFailure)) throw err;
      ctx.nonStrict('OCPP16-4.6', `no Heartbeat within ${config.timeouts.heartbeatIntervalS} s plus the message timeout`);
    }
  },
);
