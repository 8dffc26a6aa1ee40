import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { expectField16, operatorCall16, statusNotification16 } from '../../../src/kit/index.js';

/**
 * An operator reserves a connector and then cancels the reservation: the charge point still holds
 * it (051, Accepted) or it has expired meanwhile (052, Rejected). The central system cancels
 * exactly the reservationId it sent.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_051_CSMS',
      title: 'Cancel Reservation',
      expired: false,
      purpose:
        'An operator cancels a reservation the charge point holds: the central system sends CancelReservation with the reservationId of its ReserveNow and answers the Available report that follows.',
    },
    {
      id: 'TC_052_CSMS',
      title: 'Cancel Reservation - Rejected',
      expired: true,
      purpose:
        'An operator cancels a reservation that has already expired at the charge point: the central system sends CancelReservation with the reservationId of its ReserveNow and takes the Rejected answer.',
    },
  ],
  ({ expired, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'csms',
        block: 'Reservation',
        profiles: ['Reservation'],
        features: ['Reservation'],
        requirements: ['OCPP16-5.1', 'OCPP16-5.13', 'OCPP16-4.9'],
        fault: 'cancel-reservation-wrong-id',
      },
      async (ctx) => {
        const { station, config } = ctx;
        const idTag = config.ids.validIdToken.idToken;
        const connectorId = config.ids.connectorId;
        await ctx.given('Booted');

        ctx.step('The operator reserves the connector: the central system sends ReserveNow and the charge point accepts it');
        const reserve = await operatorCall16(
          ctx,
          'ReserveNow',
          { connectorId, idTag },
          'OCPP16-5.13',
          `Make the central system send ReserveNow to ${config.stationId} for connector ${connectorId} and idTag ${idTag}.`,
        );
        const { reservationId } = reserve.payload;
        check(Number.isInteger(reservationId), 'OCPP16-5.13', 'ReserveNow.req reservationId is an integer', reservationId);
        await station.reply(reserve, { status: 'Accepted' });
        await statusNotification16(ctx, 'Reserved');
        if (expired) {
          ctx.step('The reservation expires at the charge point: it reports the connector Available');
          await statusNotification16(ctx, 'Available');
        }

        ctx.step(`The operator cancels reservation ${reservationId}: the central system sends CancelReservation`);
        const req = await operatorCall16(
          ctx,
          'CancelReservation',
          { reservationId },
          'OCPP16-5.1',
          `Make the central system send CancelReservation to ${config.stationId} for reservation ${reservationId}.`,
        );
        expectField16(req.payload.reservationId, reservationId, 'OCPP16-5.1', 'CancelReservation.req reservationId');

        if (expired) {
          ctx.step('The charge point no longer holds the reservation: it answers Rejected');
          await station.reply(req, { status: 'Rejected' });
        } else {
          ctx.step('The charge point cancels the reservation, answers Accepted and reports the connector Available');
          await station.reply(req, { status: 'Accepted' });
          await statusNotification16(ctx, 'Available');
        }
      },
    ),
);
