import { defineCase } from '../../../../src/dsl.js';
import { observeUpgrades } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_LOG_02_CS',
    title: 'Critical security event raised offline is delivered later with its own time',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'LOG',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-LOG-02',
    severity: 'medium',
    cwe: 'CWE-778',
    requirements: ['A04.FR.02', 'A04.FR.01'],
    purpose:
      'A critical security event that happens while the station cannot reach the CSMS (here: the reset it performs while every connection is refused) is queued and delivered once the station is back, carrying the time it happened rather than the time it was sent.',
    hint: 'Queue critical security events persistently with their original timestamp and deliver them, oldest first, after the connection is restored; remove an event only once the CSMS acknowledged it.',
    fault: 'offline-event-restamped',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const seen = observeUpgrades(ctx);
    const within = config.timeouts.connectMs + config.timeouts.messageMs;
    try {
      ctx.step('The harness resets the station and then refuses every connection (HTTP 503)');
      const reset = await csms.call('Reset', { type: 'Immediate' }, { requirement: 'A04.FR.01' });
      ctx.expectOneOf(reset.status, ['Accepted'], 'A04.FR.01', 'Reset status');
      csms.setHandshakePolicy({ rejectStatus: 503 });
      const resetAt = ctx.clock.now();

      ctx.step('The station reboots and tries to reconnect while offline');
      const tried = await seen.waitForCount(1, within);
      ctx.check(tried, 'A04.FR.02', 'the station tries to reconnect after the reset', 'no connection attempt');
      const offlineMs = 2 * config.timeouts.silenceMs;
      await csms.wait(offlineMs);

      ctx.step('The harness accepts connections again; the station registers');
      csms.setHandshakePolicy({});
      const boot = await csms.expectCall('BootNotification', { within, requirement: 'A04.FR.01' });
      const acceptedAt = ctx.clock.now();
      await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
      const status = await csms.expectCall('StatusNotification', { after: boot, requirement: 'A04.FR.01' });

      ctx.step('The queued event arrives with the time of the reset, not the time of sending');
      const event = await csms.expectCall('SecurityEventNotification', {
        where: (p) => p.type === 'ResetOrReboot' || p.type === 'StartupOfTheDevice',
        whereText: 'type ResetOrReboot or StartupOfTheDevice',
        after: boot,
        requirement: 'A04.FR.02',
      });
      ctx.evidence(JSON.stringify([2, event.messageId, 'SecurityEventNotification', event.payload]));
      const eventTs = Date.parse(event.payload.timestamp);
      // Compare with the station's own clock (its StatusNotification after reconnecting).
      const stationNow = Date.parse(status.payload.timestamp);
      const reference = Number.isFinite(stationNow) ? stationNow : acceptedAt;
      ctx.note(
        `event ${event.payload.type} at ${event.payload.timestamp}; reset ~${new Date(resetAt).toISOString()}; station time after reconnect ${status.payload.timestamp}`,
      );
      ctx.check(
        eventTs <= reference - offlineMs / 2,
        'A04.FR.02',
        `the event timestamp is at least ${offlineMs / 2} ms before the station reconnected (it happened offline)`,
        `event ${event.payload.timestamp}, station time after reconnect ${status.payload.timestamp}`,
      );
    } finally {
      // Leave the station able to connect, whatever happened above.
      csms.setHandshakePolicy({});
      seen.stop();
    }
  },
);
