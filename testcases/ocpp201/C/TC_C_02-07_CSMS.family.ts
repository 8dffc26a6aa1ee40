import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { authorize201 } from '../../../src/kit/index.js';

/**
 * Local start, authorization refused: the station asks the CSMS about a token the CSMS knows as
 * invalid, blocked or expired. For the invalid token Invalid and Unknown are both a correct
 * refusal (the spec lets a CSMS that keeps no record of it say Unknown); a blocked or expired
 * token the CSMS knows as such is reported with exactly that reason (C01.FR.07).
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_C_02_CSMS',
      title: 'Local start transaction - Authorization Invalid/Unknown',
      token: 'invalidIdToken',
      allowed: ['Invalid', 'Unknown'],
      fault: 'authorize-invalid-accepted',
    },
    {
      id: 'TC_C_06_CSMS',
      title: 'Local start transaction - Authorization Blocked',
      token: 'blockedIdToken',
      allowed: ['Blocked'],
      fault: 'authorize-status-flattened',
    },
    {
      id: 'TC_C_07_CSMS',
      title: 'Local start transaction - Authorization Expired',
      token: 'expiredIdToken',
      allowed: ['Expired'],
      fault: 'authorize-status-flattened',
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
        requirements: ['C01.FR.07', 'C01.FR.02'],
        purpose: `A driver presents a token the CSMS knows as ${token.replace('IdToken', '')}; the CSMS answers the AuthorizeRequest with status ${allowed.join(' or ')}, so no transaction starts.`,
      },
      async (ctx) => {
        ctx.step('The station is booted and idle');
        await ctx.given('Booted');

        ctx.step(`The driver presents the configured ${token}; the station sends AuthorizeRequest`);
        const res = await authorize201(ctx, ctx.config.ids[token], 'C01.FR.02');

        ctx.step(`The CSMS answers with idTokenInfo.status ${allowed.join(' or ')}`);
        ctx.expectOneOf(res.idTokenInfo.status, allowed, 'C01.FR.07', 'AuthorizeResponse.idTokenInfo.status');
      },
    ),
);
