import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { expectField16, expectFutureDate16, operatorCall16, statusNotification16 } from '../../../src/kit/index.js';

/**
 * An operator reserves a connector: the reservation is accepted and later expires (047), or the
 * charge point answers Faulted, Occupied, Unavailable or Rejected (048_1-4). The central system's
 * part is the same: a well-formed ReserveNow with a future expiry, and it takes the answer.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_047_CSMS',
      title: 'Reservation of a Connector - Expire',
      answer: 'Accepted' as const,
      purpose:
        'An operator reserves a connector and nobody comes: the central system sends ReserveNow with a future expiry and answers the Reserved report and the Available report when the reservation expires.',
    },
    {
      id: 'TC_048_1_CSMS',
      title: 'Reservation of a Connector - Faulted',
      answer: 'Faulted' as const,
      purpose:
        'An operator reserves a faulted connector: the central system sends ReserveNow with a future expiry and takes the Faulted answer.',
    },
    {
      id: 'TC_048_2_CSMS',
      title: 'Reservation of a Connector - Occupied',
      answer: 'Occupied' as const,
      purpose:
        'An operator reserves an occupied connector: the central system sends ReserveNow with a future expiry and takes the Occupied answer.',
    },
    {
      id: 'TC_048_3_CSMS',
      title: 'Reservation of a Connector - Unavailable',
      answer: 'Unavailable' as const,
      purpose:
        'An operator reserves an unavailable connector: the central system sends ReserveNow with a future expiry and takes the Unavailable answer.',
    },
    {
      id: 'TC_048_4_CSMS',
      title: 'Reservation of a Connector - Rejected',
      answer: 'Rejected' as const,
      purpose:
        'An operator reserves a connector of a charge point that takes no reservations: the central system sends ReserveNow with a future expiry and takes the Rejected answer.',
    },
  ],
  ({ answer, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'csms',
        block: 'Reservation',
        profiles: ['Reservation'],
        features: ['Reservation'],
        requirements: ['OCPP16-5.13', 'OCPP16-4.9'],
        fault: 'reservenow-expiry-in-past',
      },
      async (ctx) => {
        const { station, config } = ctx;
        const idTag = config.ids.validIdToken.idToken;
        const connectorId = config.ids.connectorId;
        await ctx.given('Booted');

        ctx.step(`The operator reserves connector ${connectorId}: the central system sends ReserveNow`);
        const req = await operatorCall16(
          ctx,
          'ReserveNow',
          { connectorId, idTag },
          'OCPP16-5.13',
          `Make the central system send ReserveNow to ${config.stationId} for connector ${connectorId} and idTag ${idTag}.`,
        );
        expectField16(req.payload.connectorId, connectorId, 'OCPP16-5.13', 'ReserveNow.req connectorId');
        expectFutureDate16(ctx, req.payload.expiryDate, 'OCPP16-5.13', 'ReserveNow.req expiryDate');

        ctx.step(`The charge point answers ${answer}`);
        await station.reply(req, { status: answer });
        if (answer === 'Accepted') {
          await statusNotification16(ctx, 'Reserved');
          ctx.step('The reservation expires unused: the charge point reports the connector Available');
          await statusNotification16(ctx, 'Available');
        }
      },
    ),
);
