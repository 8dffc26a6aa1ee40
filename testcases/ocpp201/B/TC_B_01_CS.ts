import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_B_01_CS',
    title: 'Cold Boot Charging Station - Accepted',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B01.FR.01', 'B01.FR.05', 'B01.FR.04'],
    purpose:
      'A station that powers up registers with BootNotification, and once accepted reports the status of its connectors and keeps the connection alive with heartbeats.',
    fault: 'boot-invalid-reason',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    csms.respondTo('SecurityEventNotification', {});
    csms.respondTo('NotifyEvent', {});

    ctx.step('The station connects and sends BootNotification with a valid reason and station data');
    // A real station may still be connected and booted from an earlier case.
    if (csms.booted) await ctx.manual('reboot', {}, 'Power-cycle the charging station so that it boots again.');
    const boot = await csms.expectCall('BootNotification', { within: ctx.waits.reconnect, requirement: 'B01.FR.01' });

    ctx.step('The harness accepts the boot with the configured heartbeat interval');
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });

    ctx.step('The station reports each connector with StatusNotification');
    const status = await csms.expectCall('StatusNotification', { requirement: 'B01.FR.05' });
    await csms.reply(status, {});
    // A station with several EVSEs reports each connector (B01.FR.05); the others are answered too.
    csms.respondTo('StatusNotification', {});
    ctx.expectOneOf(
      status.payload.connectorStatus,
      ['Available', 'Unavailable', 'Occupied', 'Reserved', 'Faulted'],
      'B01.FR.05',
      'connectorStatus',
    );

    ctx.step('The station sends a Heartbeat within the interval it was given');
    const hb = await csms.expectCall('Heartbeat', { within: ctx.waits.heartbeat, requirement: 'B01.FR.04' });
    await csms.reply(hb, { currentTime: ctx.nowIso() });
  },
);
