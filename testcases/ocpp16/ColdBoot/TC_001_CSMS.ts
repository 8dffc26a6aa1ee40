import { check, defineCase } from '../../../src/dsl.js';
import { bootNotification16, bootThroughPending, statusNotification16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_001_CSMS',
    title: 'Cold Boot Charge Point',
    ocpp: '1.6',
    sut: 'csms',
    block: 'ColdBoot',
    requirements: ['OCPP16-4.2', 'OCPP16-4.9', 'OCPP16-4.6'],
    purpose:
      'A central system registers a known charge point that starts up: it accepts the BootNotification with its clock and a heartbeat interval, takes the connector status reports and answers a heartbeat with its current time.',
    fault: 'boot-rejected',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('The charge point opens its WebSocket connection to the central system');
    await station.connect({ requirement: 'OCPP16-4.2' });

    ctx.step('The charge point announces itself with BootNotification; the central system accepts it');
    // A central system may answer Pending first (4.2); the charge point boots again after the interval.
    const boot = await bootThroughPending(ctx, () => station.call('BootNotification', bootNotification16(), { requirement: 'OCPP16-4.2' }));
    ctx.expectOneOf(boot.status, ['Accepted'], 'OCPP16-4.2', 'BootNotification.conf status');
    check(!Number.isNaN(Date.parse(boot.currentTime)), 'OCPP16-4.2', 'BootNotification.conf currentTime is a date-time', boot.currentTime);
    check(
      Number.isInteger(boot.interval) && boot.interval > 0,
      'OCPP16-4.2',
      'an Accepted BootNotification.conf gives a heartbeat interval > 0 s',
      boot.interval,
    );

    ctx.step('The charge point reports the whole charge point (connector 0) and its connector Available');
    await statusNotification16(ctx, 'Available', 0);
    await statusNotification16(ctx, 'Available', config.ids.connectorId);

    ctx.step('The charge point sends a Heartbeat; the central system answers with its current time');
    const hb = await station.call('Heartbeat', {}, { requirement: 'OCPP16-4.6' });
    check(!Number.isNaN(Date.parse(hb.currentTime)), 'OCPP16-4.6', 'Heartbeat.conf currentTime is a date-time', hb.currentTime);
  },
);
