import { defineCase } from '../../../src/dsl.js';
import { plugInAndStartOnReservation16, presentIdTag, reserveNow16, statusOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_053_1_CS',
    title: 'Use a reserved Connector with parentIdTag - Local start',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Reservation',
    profiles: ['Reservation'],
    features: ['Reservation'],
    requirements: ['OCPP16-5.13', 'OCPP16-4.1', 'OCPP16-4.8'],
    purpose:
      'A connector reserved for an idTag with a parentIdTag may be used by another idTag of the same group: the charge point learns the parent from Authorize and starts on the reserved connector with the reservationId.',
    fault: 'reservation-parent-idtag-ignored',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const connectorId = config.ids.connectorId;
    const parentIdTag = 'HARNESS-GROUP-01';
    const member = { idToken: `${config.ids.validIdToken.idToken.slice(0, 16)}-G2`, type: config.ids.validIdToken.type };
    await ctx.given('Booted');
    // The harness knows the second idTag as a member of the reservation's group.
    csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted', parentIdTag } });

    ctx.step(`The harness reserves connector ${connectorId} for the valid idTag, group ${parentIdTag}`);
    const r = await reserveNow16(ctx, { parentIdTag });
    ctx.expectOneOf(r.status, ['Accepted'], 'OCPP16-5.13', 'ReserveNow.conf status');
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Reserved'), requirement: 'OCPP16-4.9' });

    ctx.step(`Another member of the group presents ${member.idToken}; the harness authorizes it with parentIdTag ${parentIdTag}`);
    await presentIdTag(ctx, member);

    ctx.step('The driver plugs in: the charge point starts on the reserved connector with the reservationId');
    await plugInAndStartOnReservation16(ctx, r, 'OCPP16-5.13');

    ctx.step('The session is ended and the cable unplugged');
    await ctx.given('Idle');
  },
);
