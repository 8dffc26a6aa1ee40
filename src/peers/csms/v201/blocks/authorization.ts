import type { IdTokenConfig } from '../../../../core/config.js';
import type { Payload } from '../../../rpc.js';
import type { CsmsBlock, CsmsContext } from '../state.js';

/** Authorization (C): the configured tokens and their status. */

function tokenStatus(ctx: CsmsContext, token: { idToken: string; type: string } | undefined): string {
  if (!token) return 'Unknown';
  const ids = ctx.o.config.ids;
  const same = (t: IdTokenConfig) => t.idToken === token.idToken && t.type === token.type;
  if (same(ids.validIdToken)) return 'Accepted';
  if (same(ids.invalidIdToken)) return 'Invalid';
  if (same(ids.blockedIdToken)) return 'Blocked';
  if (same(ids.expiredIdToken)) return 'Expired';
  return 'Unknown';
}

/** The IdTokenInfo the CSMS answers for a token (Authorize, TransactionEvent). */
export function idTokenInfo(ctx: CsmsContext, token: { idToken: string; type: string }): Payload {
  return { status: tokenStatus(ctx, token) };
}

export const authorization: CsmsBlock = {
  inbound: {
    Authorize: (ctx, p) => {
      const info = idTokenInfo(ctx, p.idToken);
      const v = ctx.o.config.ids.validIdToken;
      if (ctx.faults.has('authorize-valid-unknown') && p.idToken.idToken === v.idToken && p.idToken.type === v.type)
        info.status = 'Unknown';
      return { idTokenInfo: info };
    },
  },
};
