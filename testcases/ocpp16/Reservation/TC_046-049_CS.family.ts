import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { plugInAndStartOnReservation16, presentIdTag, reserveNow16, statusOf } from '../../../src/kit/index.js';

/**
 * A reservation is used: the harness reserves the configured connector (046) or the whole charge
 * point (049) for the valid idTag, the driver arrives (presenting the idTag, or by a remote start)
 * and the StartTransaction names the reservation.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_046_1_CS',
      title: 'Reservation of a Connector - Local start transaction',
      wholeChargePoint: false,
      remote: false,
      purpose:
        'A connector reserved for the valid idTag reports Reserved; when that idTag is presented and the cable plugged in, the charge point starts the transaction there with the reservationId.',
    },
    {
      id: 'TC_046_2_CS',
      title: 'Reservation of a Connector - Remote start transaction',
      wholeChargePoint: false,
      remote: true,
      purpose:
        'A connector reserved for the valid idTag reports Reserved; a remote start for that idTag on it is accepted and the StartTransaction carries the reservationId.',
    },
    {
      id: 'TC_049_CS',
      title: 'Reservation of a Charge Point - Transaction',
      wholeChargePoint: true,
      remote: false,
      purpose:
        'The whole charge point (connector 0) is reserved for the valid idTag; when that idTag is presented and the cable plugged in, the transaction starts with the reservationId.',
    },
  ],
  ({ wholeChargePoint, remote, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'cs',
        block: 'Reservation',
        profiles: ['Reservation'],
        features: ['Reservation'],
        requirements: ['OCPP16-5.13', 'OCPP16-4.8', 'OCPP16-4.9'],
        fault: 'reservation-id-not-sent',
      },
      async (ctx) => {
        const { csms, config } = ctx;
        const connectorId = config.ids.connectorId;
        const idTag = config.ids.validIdToken.idToken;
        await ctx.given('Booted');
        csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });

        ctx.step(
          `The harness reserves ${wholeChargePoint ? 'the charge point (connector 0)' : `connector ${connectorId}`} for the valid idTag`,
        );
        const r = await reserveNow16(ctx, { connectorId: wholeChargePoint ? 0 : connectorId });
        if (wholeChargePoint && r.status === 'Rejected')
          ctx.notApplicable('the charge point takes no reservation of connector 0 (ReserveConnectorZeroSupported is optional)');
        ctx.expectOneOf(r.status, ['Accepted'], 'OCPP16-5.13', 'ReserveNow.conf status');
        // Connector 0: a charge point with more than one free connector need not report one Reserved.
        if (!wholeChargePoint)
          await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Reserved'), requirement: 'OCPP16-4.9' });

        if (remote) {
          ctx.step('The harness starts a session remotely for the reserved idTag on the connector');
          const res = await csms.call('RemoteStartTransaction', { connectorId, idTag }, { requirement: 'OCPP16-5.11' });
          ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.13', 'RemoteStartTransaction.conf status on the reserved connector');
        } else {
          ctx.step('The driver presents the reserved idTag');
          await presentIdTag(ctx);
        }
        ctx.step('The driver plugs in: the charge point starts the transaction with the reservationId');
        await plugInAndStartOnReservation16(ctx, r);

        ctx.step('The session is ended and the cable unplugged');
        await ctx.given('Idle');
      },
    ),
);
