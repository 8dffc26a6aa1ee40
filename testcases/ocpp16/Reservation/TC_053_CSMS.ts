import { check, defineCase } from '../../../src/dsl.js';
import { expectField16, operatorCall16, startTransaction16, statusNotification16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_053_CSMS',
    title: 'Use a reserved Connector with parentIdTag',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Reservation',
    profiles: ['Reservation'],
    features: ['Reservation'],
    requirements: ['OCPP16-5.13', 'OCPP16-4.1', 'OCPP16-4.8'],
    purpose:
      "A reservation made for an idTag with its parent (group) idTag may be used by another idTag of the same group: the central system sends ReserveNow with the parentIdTag the operator chose, answers the other idTag's Authorize with that parentIdTag, and accepts its StartTransaction on the reservation.",
    fault: 'authorize-parent-omitted',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const { validIdToken, validIdToken2, groupIdToken, connectorId } = config.ids;
    await ctx.given('Booted');

    ctx.step(`The operator reserves connector ${connectorId} for ${validIdToken.idToken} with parentIdTag ${groupIdToken.idToken}`);
    const req = await operatorCall16(
      ctx,
      'ReserveNow',
      { connectorId, idTag: validIdToken.idToken, parentIdTag: groupIdToken.idToken },
      'OCPP16-5.13',
      `Make the central system send ReserveNow to ${config.stationId} for connector ${connectorId}, idTag ${validIdToken.idToken} and parentIdTag ${groupIdToken.idToken}.`,
    );
    expectField16(req.payload.idTag, validIdToken.idToken, 'OCPP16-5.13', 'ReserveNow.req idTag');
    expectField16(req.payload.parentIdTag, groupIdToken.idToken, 'OCPP16-5.13', 'ReserveNow.req parentIdTag');
    const { reservationId } = req.payload;
    await station.reply(req, { status: 'Accepted' });
    await statusNotification16(ctx, 'Reserved');

    // The configuration declares validIdToken2 a member of the same group in the central system.
    ctx.step(`Another driver of the group presents ${validIdToken2.idToken}: the central system names its parentIdTag`);
    const auth = await station.call('Authorize', { idTag: validIdToken2.idToken }, { requirement: 'OCPP16-4.1' });
    ctx.expectOneOf(auth.idTagInfo?.status, ['Accepted'], 'OCPP16-4.1', 'Authorize.conf idTagInfo.status');
    check(
      auth.idTagInfo?.parentIdTag === groupIdToken.idToken,
      'OCPP16-4.1',
      `idTagInfo.parentIdTag ${groupIdToken.idToken} (the group that holds the reservation)`,
      `parentIdTag ${auth.idTagInfo?.parentIdTag ?? 'omitted'}`,
    );

    ctx.step('The charge point starts the transaction on the reservation: the central system accepts it');
    await statusNotification16(ctx, 'Preparing');
    const start = await startTransaction16(ctx, validIdToken2.idToken, { reservationId });
    ctx.expectOneOf(start.idTagInfo?.status, ['Accepted'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status');
    await statusNotification16(ctx, 'Charging');
  },
);
