import type { StateTable } from '../engine/states.js';

/**
 * Reusable states for 2.0.1 cases where the SUT is a CSMS (the harness is a station).
 * Booted: connect, BootNotification accepted, connector reported Available.
 */
export const states201Csms: StateTable = {
  async Booted(ctx) {
    const { station, config } = ctx;
    if (!station.connection) await station.connect({ requirement: 'B01.FR.01' });
    const res = await station.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'HarnessStation', vendorName: 'ocpp-harness' } }, { requirement: 'B01.FR.01' });
    ctx.expectOneOf(res.status, ['Accepted'], 'B01.FR.01', 'BootNotificationResponse.status');
    await station.call('StatusNotification', { timestamp: ctx.nowIso(), connectorStatus: 'Available', evseId: config.ids.evseId, connectorId: config.ids.connectorId });
  },
};
