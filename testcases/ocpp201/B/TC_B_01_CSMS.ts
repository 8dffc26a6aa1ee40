import { check, defineCase } from '../../../src/dsl.js';
import { bootThroughPending } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_01_CSMS',
    title: 'Cold Boot Charging Station - Accepted',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    requirements: ['B01.FR.02', 'B01.FR.04'],
    purpose:
      'A CSMS answers a BootNotification from a known station with Accepted, its current time and a heartbeat interval, and answers the heartbeats that follow.',
    fault: 'boot-no-interval',
  },
  async (ctx) => {
    const { station, config } = ctx;

    ctx.step('The station connects to the CSMS');
    await station.connect({ requirement: 'B01.FR.02' });

    ctx.step('The station sends BootNotification; the CSMS accepts with time and interval');
    // A CSMS may hold the boot Pending first (B02); the station boots again after the interval.
    const res = await bootThroughPending(ctx, () =>
      station.call(
        'BootNotification',
        { reason: 'PowerUp', chargingStation: { model: 'HarnessStation', vendorName: 'ocpp-harness' } },
        { requirement: 'B01.FR.02' },
      ),
    );
    ctx.expectOneOf(res.status, ['Accepted'], 'B01.FR.02', 'BootNotificationResponse.status');

    ctx.step('The station reports its connector Available');
    await station.call('StatusNotification', {
      timestamp: ctx.nowIso(),
      connectorStatus: 'Available',
      evseId: config.ids.evseId,
      connectorId: config.ids.connectorId,
    });

    ctx.step('The station sends a Heartbeat; the CSMS answers with its current time');
    const hb = await station.call('Heartbeat', {}, { requirement: 'B01.FR.04' });
    check(!Number.isNaN(Date.parse(hb.currentTime)), 'B01.FR.04', 'currentTime is a date-time', hb.currentTime);
  },
);
