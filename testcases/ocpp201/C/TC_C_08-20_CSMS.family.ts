import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { expectIdTokenStatus, txEvent } from '../../../src/kit/index.js';

/**
 * Authorization through the station's authorization cache: the station sends no AuthorizeRequest,
 * it starts charging on what its cache says and puts the token in a TransactionEventRequest
 * (Updated, triggerReason Authorized). The CSMS must check the token then (C12.FR.03): a valid
 * token is Accepted; for an invalid one Invalid or Unknown are both a correct refusal.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_C_08_CSMS',
      title: 'Authorization through authorization cache - Accepted',
      token: 'validIdToken',
      allowed: ['Accepted'],
      fault: 'txevent-token-needs-authorize',
    },
    {
      id: 'TC_C_20_CSMS',
      title: 'Authorization through authorization cache - Invalid',
      token: 'invalidIdToken',
      allowed: ['Invalid', 'Unknown'],
      fault: 'txevent-cached-token-accepted',
    },
  ] as const,
  ({ token, allowed, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'C',
        profiles: ['Core'],
        requirements: ['C12.FR.03'],
        purpose: `The station authorizes the configured ${token.replace('IdToken', '')} token from its cache (no AuthorizeRequest) and reports it in a TransactionEventRequest; the CSMS checks it there and answers ${allowed.join(' or ')}.`,
      },
      async (ctx) => {
        ctx.step('The EV is plugged in: the transaction starts without an idToken');
        await ctx.given('EVConnectedPreSession');

        ctx.step('The driver presents a token found in the station cache; the station reports it without asking first');
        const res = await txEvent(ctx, 'Updated', 'Authorized', { idToken: ctx.config.ids[token], requirement: 'C12.FR.03' });

        ctx.step(`The CSMS answers with idTokenInfo.status ${allowed.join(' or ')}`);
        expectIdTokenStatus(ctx, res, [...allowed], 'C12.FR.03');
      },
    ),
);
