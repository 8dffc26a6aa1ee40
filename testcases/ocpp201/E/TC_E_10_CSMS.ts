import { defineCase } from '../../../src/dsl.js';
import { expectIdTokenStatus, txEvent, idTokenOf } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_E_10_CSMS',
    title: 'Start transaction options - Authorized - Local',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'E',
    requirements: ['E01.FR.03'],
    purpose:
      'With the transaction start point at Authorized, the transaction starts when a valid token is presented; the CSMS answers that Started event with idTokenInfo Accepted.',
    fault: 'txevent-started-no-idtokeninfo',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const token = config.ids.validIdToken;

    ctx.step('The station is booted and idle');
    await ctx.given('Booted');

    ctx.step('The driver presents a valid token; the station checks it with the CSMS');
    const auth = await station.call('Authorize', { idToken: idTokenOf(token) }, { requirement: 'E01.FR.03' });
    ctx.expectOneOf(auth.idTokenInfo?.status, ['Accepted'], 'E01.FR.03', 'AuthorizeResponse.idTokenInfo.status');

    ctx.step('The station starts the transaction with triggerReason Authorized; the CSMS answers idTokenInfo Accepted');
    const res = await txEvent(ctx, 'Started', 'Authorized', { idToken: token, requirement: 'E01.FR.03' });
    expectIdTokenStatus(ctx, res, ['Accepted'], 'E01.FR.03');
  },
);
