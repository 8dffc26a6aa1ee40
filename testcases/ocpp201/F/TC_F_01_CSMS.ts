import { check, defineCase } from '../../../src/dsl.js';
import { expectIdTokenStatus, txEvent, runningTx } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_F_01_CSMS',
    title: 'Remote start transaction - Cable plugin first',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'F',
    requirements: ['F01.FR.01', 'F01.FR.03'],
    purpose:
      "With an EV already plugged in, an operator starts charging remotely: the CSMS sends RequestStartTransactionRequest for the chosen EVSE with the driver's idToken and a remoteStartId, and authorizes the transaction the station then links to it.",
    fault: 'remotestart-evse-dropped',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const token = config.ids.validIdToken;
    const evseId = config.ids.evseId;

    ctx.step('The EV is plugged in: a transaction runs without an idToken');
    await ctx.given('EVConnectedPreSession');
    const tx = runningTx(ctx);

    ctx.step('The operator asks the CSMS to start charging on the configured EVSE for the valid idToken');
    await ctx.manual(
      'csmsSend',
      { message: 'RequestStartTransaction', stationId: config.stationId, evseId, idToken: token },
      `Make the CSMS remotely start a transaction on EVSE ${evseId} for idToken ${token.idToken}`,
    );

    ctx.step('The CSMS sends RequestStartTransactionRequest for that EVSE and idToken');
    const req = await station.expectCall('RequestStartTransaction', { requirement: 'F01.FR.01' });
    check(req.payload.evseId === evseId, 'F01.FR.01', `evseId ${evseId}`, `evseId ${req.payload.evseId ?? 'absent'}`);
    check(
      req.payload.idToken.idToken === token.idToken && req.payload.idToken.type === token.type,
      'F01.FR.01',
      `idToken ${token.idToken} (${token.type})`,
      `idToken ${req.payload.idToken.idToken} (${req.payload.idToken.type})`,
    );
    await station.reply(req, { status: 'Accepted', transactionId: tx.transactionId });

    ctx.step('The station links the running transaction to the remote start; the CSMS authorizes the token');
    const res = await txEvent(ctx, 'Updated', 'RemoteStart', {
      idToken: token,
      remoteStartId: req.payload.remoteStartId,
      requirement: 'F01.FR.03',
    });
    expectIdTokenStatus(ctx, res, ['Accepted'], 'F01.FR.03');

    ctx.step('Energy transfer starts');
    await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement: 'F01.FR.03' });
  },
);
