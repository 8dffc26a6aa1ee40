import { defineCase } from '../../../src/dsl.js';
import { reserveNow16, statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_047_CS',
    title: 'Reservation of a Connector - Expire',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Reservation',
    profiles: ['Reservation'],
    features: ['Reservation'],
    requirements: ['OCPP16-5.13', 'OCPP16-4.9'],
    purpose: 'A reservation nobody uses ends at its expiryDate: the connector reports Reserved, then Available once the expiry has passed.',
    fault: 'reservation-never-expires',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    // A short reservation: a few message timeouts, at least two seconds.
    const expirySeconds = Math.max(2, Math.ceil((config.timeouts.messageMs * 2) / 1000));
    await ctx.given('Booted');

    ctx.step(`The harness reserves connector ${connectorId} for ${expirySeconds} s`);
    const r = await reserveNow16(ctx, { expirySeconds });
    ctx.expectOneOf(r.status, ['Accepted'], 'OCPP16-5.13', 'ReserveNow.conf status');
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Reserved'), requirement: 'OCPP16-4.9' });

    ctx.step('Nobody comes: after the expiry the connector reports Available');
    await csms.expectCall('StatusNotification', {
      ...statusOf(connectorId, 'Available'),
      within: expirySeconds * 1000 + config.timeouts.messageMs * 2,
      requirement: 'OCPP16-5.13',
    });
    r.used();
  },
);
