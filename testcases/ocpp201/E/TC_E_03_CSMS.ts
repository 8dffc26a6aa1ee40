import { defineCase } from '../../../src/dsl.js';
import { expectIdTokenStatus, txEvent, idTokenOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_03_CSMS',
    title: 'Local start transaction - Cable plugin first - Success',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'E',
    requirements: ['E02.FR.02', 'C01.FR.02'],
    purpose:
      'When the driver plugs in first and presents a valid token afterwards, the CSMS authorizes the token and answers the TransactionEventRequest that adds it to the running transaction with idTokenInfo Accepted.',
    fault: 'txevent-updated-no-idtokeninfo',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const token = config.ids.validIdToken;

    ctx.step('The EV is plugged in: the transaction starts without an idToken');
    await ctx.given('EVConnectedPreSession');

    ctx.step('The driver presents a valid token; the CSMS authorizes it');
    const auth = await station.call('Authorize', { idToken: idTokenOf(token) }, { requirement: 'C01.FR.02' });
    ctx.expectOneOf(auth.idTokenInfo?.status, ['Accepted'], 'C01.FR.02', 'AuthorizeResponse.idTokenInfo.status');

    ctx.step('The station adds the token to the transaction; the CSMS answers with idTokenInfo Accepted');
    const res = await txEvent(ctx, 'Updated', 'Authorized', { idToken: token, requirement: 'E02.FR.02' });
    expectIdTokenStatus(ctx, res, ['Accepted'], 'E02.FR.02');

    ctx.step('Energy transfer starts');
    await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement: 'E02.FR.02' });
  },
);
