import type { StateTable } from '../engine/states.js';

/**
 * Reusable states for 2.0.1 cases where the SUT is a charging station (the harness is CSMS).
 * Booted: the station connects, its boot is accepted, and it reports its connectors.
 */
export const states201Cs: StateTable = {
  async Booted(ctx) {
    const { csms, config } = ctx;
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    csms.respondTo('StatusNotification', {});
    csms.respondTo('NotifyEvent', {});
    csms.respondTo('SecurityEventNotification', {});
    if (csms.booted) return;
    const boot = await csms.expectCall('BootNotification', { within: config.timeouts.connectMs + config.timeouts.messageMs, requirement: 'B01.FR.01' });
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    await csms.expectCall('StatusNotification', { requirement: 'B01.FR.05' });
  },
};
