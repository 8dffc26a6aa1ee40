import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { answer, carries, ensureOptionalVariable201, expectAfter, mark, presentToken } from '../../../src/kit/index.js';

/**
 * Local start, the CSMS refuses the token: with the cable plugged in, the card is presented and
 * the station asks the harness, which answers with a status other than Accepted. The station must
 * not charge for it: no TransactionEvent names the token or reports chargingState Charging. A
 * station whose TxStartPoint is EVConnected or ParkingBayOccupancy starts one at plug-in (without
 * a token, its Started may arrive after the token was presented): that one is allowed, and so is
 * any other event without the token that does not report charging. Which card is presented does not matter (the harness decides its
 * status); each case presents the configured token of that status. A refusal shown to the
 * driver (display, LED) is not observable here.
 */
export default defineCaseFamily(
  [
    { id: 'TC_C_02_CS', title: 'Local start transaction - Authorization Invalid/Unknown', status: 'Invalid', token: 'invalidIdToken' },
    { id: 'TC_C_06_CS', title: 'Local start transaction - Authorization Blocked', status: 'Blocked', token: 'blockedIdToken' },
    { id: 'TC_C_07_CS', title: 'Local start transaction - Authorization Expired', status: 'Expired', token: 'expiredIdToken' },
    { id: 'TC_C_56_CS', title: 'Local start transaction - Authorization Unknown', status: 'Unknown', token: 'invalidIdToken' },
  ] as const,
  ({ status, token: which, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'cs',
        block: 'C',
        profiles: ['Core'],
        requirements: ['C01.FR.01', 'C01.FR.03'],
        purpose: `A token the CSMS answers ${status} in AuthorizeResponse does not start a charging session.`,
        fault: 'auth-not-accepted-starts',
      },
      async (ctx) => {
        const { csms, config } = ctx;
        const token = config.ids[which];
        await ctx.given('Booted');
        // A token cached as refused is asked about again only without DisablePostAuthorize (C10.FR.03).
        await ensureOptionalVariable201(ctx, 'AuthCacheCtrlr', 'DisablePostAuthorize', 'false');
        await ctx.given('EVConnectedPreSession');
        ctx.step(`The driver presents the token; the station asks the harness, which answers ${status}`);
        const since = mark(csms);
        await presentToken(ctx, token, `Present the configured ${which}.`);
        // Even a station that cached the token earlier asks again: it was not Accepted (or not cached at all).
        const auth = await expectAfter(csms, since, 'Authorize', {
          where: carries(token),
          whereText: `idToken ${token.idToken}`,
          requirement: 'C01.FR.01',
        });
        await answer(csms, auth, { idTokenInfo: { status } });

        ctx.step('The station starts nothing for the refused token');
        await csms.expectNoCall('TransactionEvent', {
          within: config.timeouts.silenceMs,
          where: (p) => carries(token)(p) || p.transactionInfo.chargingState === 'Charging',
          requirement: 'C01.FR.03',
        });
      },
    ),
);
