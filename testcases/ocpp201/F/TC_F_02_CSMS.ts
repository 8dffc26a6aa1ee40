import { check, defineCase } from '../../../src/dsl.js';
import { connectorStatus, expectIdTokenStatus, txEvent } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_F_02_CSMS',
    title: 'Remote start transaction - Remote start first - AuthorizeRemoteStart is true',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'F',
    requirements: ['F02.FR.01', 'F01.FR.01'],
    purpose:
      "An operator starts a session remotely before the EV is plugged in: the CSMS sends the driver's idToken exactly as known (value and type), answers the station's AuthorizeRequest with Accepted and accepts the transaction that follows.",
    fault: 'remotestart-token-type-central',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const token = config.ids.validIdToken;
    const evseId = config.ids.evseId;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The operator asks the CSMS to start a session for the valid idToken');
    await ctx.manual(
      'csmsSend',
      { message: 'RequestStartTransaction', stationId: config.stationId, evseId, idToken: token },
      `Make the CSMS remotely start a transaction on EVSE ${evseId} for idToken ${token.idToken}`,
    );

    ctx.step('The CSMS sends RequestStartTransactionRequest with the configured idToken and type');
    const req = await station.expectCall('RequestStartTransaction', { requirement: 'F02.FR.01' });
    check(
      req.payload.idToken.idToken === token.idToken && req.payload.idToken.type === token.type,
      'F02.FR.01',
      `idToken ${token.idToken} (${token.type})`,
      `idToken ${req.payload.idToken.idToken} (${req.payload.idToken.type})`,
    );
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The station authorizes the remote idToken first; the CSMS answers Accepted');
    const auth = await station.call('Authorize', { idToken: req.payload.idToken }, { requirement: 'F01.FR.01' });
    ctx.expectOneOf(auth.idTokenInfo?.status, ['Accepted'], 'F01.FR.01', 'AuthorizeResponse.idTokenInfo.status');

    ctx.step('The station starts the transaction for the remote start; the CSMS accepts the token');
    const res = await txEvent(ctx, 'Started', 'RemoteStart', {
      idToken: token,
      remoteStartId: req.payload.remoteStartId,
      requirement: 'F01.FR.01',
    });
    expectIdTokenStatus(ctx, res, ['Accepted'], 'F01.FR.01');

    ctx.step('The EV is plugged in and charging starts');
    await connectorStatus(ctx, 'Occupied', 'F01.FR.01');
    await txEvent(ctx, 'Updated', 'CablePluggedIn', { chargingState: 'EVConnected', withEvse: true, requirement: 'F01.FR.01' });
    await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement: 'F01.FR.01' });
  },
);
