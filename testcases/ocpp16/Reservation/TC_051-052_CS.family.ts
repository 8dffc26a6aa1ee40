import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { newTransactionId, reserveNow16, statusOf } from '../../../src/kit/index.js';

/** CancelReservation: of a reservation the charge point holds (051, Accepted and the connector freed) or of one it does not know (052, Rejected). */
export default defineCaseFamily(
  [
    {
      id: 'TC_051_CS',
      title: 'Cancel Reservation',
      known: true,
      fault: 'cancel-reservation-ignored' as const,
      purpose:
        'CancelReservation of a reservation the charge point holds is answered Accepted and the reserved connector reports Available.',
    },
    {
      id: 'TC_052_CS',
      title: 'Cancel Reservation - Rejected',
      known: false,
      fault: 'cancel-unknown-reservation-accepted' as const,
      purpose: 'CancelReservation of a reservationId the charge point does not hold is answered Rejected.',
    },
  ],
  ({ known, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'cs',
        block: 'Reservation',
        profiles: ['Reservation'],
        features: ['Reservation'],
        requirements: ['OCPP16-5.1', 'OCPP16-5.13', 'OCPP16-4.9'],
      },
      async (ctx) => {
        const { csms, config } = ctx;
        const connectorId = config.ids.connectorId;
        await ctx.given('Booted');

        if (!known) {
          const reservationId = newTransactionId(ctx);
          ctx.step(`The harness cancels reservation ${reservationId}, which it never made`);
          const res = await csms.call('CancelReservation', { reservationId }, { requirement: 'OCPP16-5.1' });
          ctx.expectOneOf(res.status, ['Rejected'], 'OCPP16-5.1', 'CancelReservation.conf status for an unknown reservation');
          return;
        }
        ctx.step(`The harness reserves connector ${connectorId}; it reports Reserved`);
        const r = await reserveNow16(ctx);
        ctx.expectOneOf(r.status, ['Accepted'], 'OCPP16-5.13', 'ReserveNow.conf status');
        await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Reserved'), requirement: 'OCPP16-4.9' });

        ctx.step('The harness cancels the reservation: Accepted, and the connector reports Available');
        const res = await csms.call('CancelReservation', { reservationId: r.reservationId }, { requirement: 'OCPP16-5.1' });
        ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.1', 'CancelReservation.conf status');
        r.used();
        await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Available'), requirement: 'OCPP16-5.1' });
      },
    ),
);
