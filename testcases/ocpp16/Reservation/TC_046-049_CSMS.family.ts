import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { expectField16, expectFutureDate16, operatorCall16, startTransaction16, statusNotification16 } from '../../../src/kit/index.js';

/**
 * An operator reserves a connector (046) or the whole charge point (049, connector 0) for the
 * valid idTag; the driver arrives and starts a transaction that uses the reservation.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_046_CSMS',
      title: 'Reservation of a Connector - Transaction',
      wholeChargePoint: false,
      fault: 'reservenow-connector-zero' as const,
      purpose:
        'An operator reserves one connector for the valid idTag: the central system sends ReserveNow for that connector with a future expiry, and accepts the StartTransaction that uses the reservation.',
    },
    {
      id: 'TC_049_CSMS',
      title: 'Reservation of a Charge Point - Transaction',
      wholeChargePoint: true,
      fault: 'reservenow-cp-as-connector' as const,
      purpose:
        'An operator reserves the whole charge point (connector 0) for the valid idTag: the central system sends ReserveNow for connector 0 with a future expiry, and accepts the StartTransaction that uses the reservation.',
    },
  ],
  ({ wholeChargePoint, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'csms',
        block: 'Reservation',
        profiles: ['Reservation'],
        features: ['Reservation'],
        requirements: ['OCPP16-5.13', 'OCPP16-4.8', 'OCPP16-4.9'],
      },
      async (ctx) => {
        const { station, config } = ctx;
        const idTag = config.ids.validIdToken.idToken;
        const connectorId = wholeChargePoint ? 0 : config.ids.connectorId;
        await ctx.given('Booted');

        ctx.step(`The operator reserves connector ${connectorId} for the valid idTag: the central system sends ReserveNow`);
        const req = await operatorCall16(
          ctx,
          'ReserveNow',
          { connectorId, idTag },
          'OCPP16-5.13',
          `Make the central system send ReserveNow to ${config.stationId} for connector ${connectorId} and idTag ${idTag}.`,
        );
        expectField16(req.payload.connectorId, connectorId, 'OCPP16-5.13', 'ReserveNow.req connectorId');
        expectField16(req.payload.idTag, idTag, 'OCPP16-5.13', 'ReserveNow.req idTag');
        expectFutureDate16(ctx, req.payload.expiryDate, 'OCPP16-5.13', 'ReserveNow.req expiryDate');
        const { reservationId } = req.payload;
        check(Number.isInteger(reservationId), 'OCPP16-5.13', 'ReserveNow.req reservationId is an integer', reservationId);

        ctx.step('The charge point accepts the reservation and reports the connector Reserved');
        await station.reply(req, { status: 'Accepted' });
        if (!wholeChargePoint) await statusNotification16(ctx, 'Reserved');

        ctx.step('The driver arrives, presents the idTag and plugs in: the charge point reports Preparing');
        await statusNotification16(ctx, 'Preparing');

        ctx.step('The charge point starts the transaction with the reservationId: the central system accepts it');
        const start = await startTransaction16(ctx, idTag, { reservationId });
        ctx.expectOneOf(start.idTagInfo?.status, ['Accepted'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status');
        await statusNotification16(ctx, 'Charging');
      },
    ),
);
