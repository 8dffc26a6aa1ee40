import type { IdTokenConfig } from '../../../../core/config.js';
import type { Payload } from '../../../rpc.js';
import type { CsmsBlock, CsmsContext, StationState } from '../state.js';
import { tokenInfo } from './authorization.js';

/**
 * Local authorization list (D): csmsSend SendLocalList { updateType Full | Differential,
 * idTokens?: [{idToken, type}], remove?: true } and GetLocalListVersion. A Full list without
 * idTokens holds every token the CSMS knows (with status and group); a Differential one without
 * idTokens updates validIdToken2; `remove` sends the entries without idTokenInfo (D01.FR.17);
 * `idTokens: []` sends a Full update without entries (an empty list). The versionNumber is one
 * above both the last version the CSMS sent and the last one the station reported.
 */

interface ListState {
  sent: number;
  reported?: number;
  /** The idTokens the station's list holds after the updates this CSMS sent. */
  tokens: Set<string>;
}

const lists = new WeakMap<StationState, ListState>();

function listOf(st: StationState): ListState {
  let l = lists.get(st);
  if (!l) lists.set(st, (l = { sent: 0, tokens: new Set() }));
  return l;
}

function knownTokens(ctx: CsmsContext): IdTokenConfig[] {
  const ids = ctx.o.config.ids;
  return [ids.validIdToken, ids.validIdToken2, ids.masterPassIdToken, ids.invalidIdToken, ids.blockedIdToken, ids.expiredIdToken];
}

function nextVersion(ctx: CsmsContext, st: StationState): number {
  const l = listOf(st);
  const version =
    ctx.faults.has('locallist-version-from-station') && l.reported !== undefined ? l.reported : Math.max(l.sent, l.reported ?? 0) + 1;
  l.sent = Math.max(l.sent, version);
  return version;
}

export const localList: CsmsBlock = {
  requests: {
    SendLocalList: (ctx, p, st) => {
      const chosen = p.updateType === 'Differential' ? 'Differential' : 'Full';
      const updateType = ctx.faults.has('locallist-update-type-inverted') ? (chosen === 'Full' ? 'Differential' : 'Full') : chosen;
      const tokens: IdTokenConfig[] = Array.isArray(p.idTokens)
        ? p.idTokens
        : chosen === 'Full'
          ? knownTokens(ctx)
          : [ctx.o.config.ids.validIdToken2];
      const remove = p.remove === true && !ctx.faults.has('locallist-remove-keeps-info');
      const group = !ctx.faults.has('locallist-groupid-omitted');
      const entries = tokens.map((t) => {
        const idToken = { idToken: t.idToken, type: t.type };
        return remove ? { idToken } : { idToken, idTokenInfo: tokenInfo(ctx, idToken, { group }) };
      });
      const req: Payload = { versionNumber: nextVersion(ctx, st), updateType };
      if (entries.length) req.localAuthorizationList = entries;
      const held = listOf(st).tokens;
      if (updateType === 'Full') held.clear();
      for (const t of tokens) {
        if (remove) held.delete(t.idToken);
        else held.add(t.idToken);
      }
      return req;
    },
    GetLocalListVersion: () => ({}),
  },
  responses: {
    // N10 + D01: erasing a customer's data also takes their idToken off the station's local list.
    CustomerInformation: (ctx, s, request, res) => {
      const st = ctx.station(s.identity);
      const token = request.idToken as { idToken: string; type: string } | undefined;
      if (res.status !== 'Accepted' || request.clear !== true || !token || !listOf(st).tokens.has(token.idToken)) return;
      listOf(st).tokens.delete(token.idToken);
      const entry: Payload = { idToken: { idToken: token.idToken, type: token.type } };
      if (ctx.faults.has('customerinfo-clear-list-keeps-info')) entry.idTokenInfo = tokenInfo(ctx, entry.idToken, { group: true });
      ctx.send(s, 'SendLocalList', { versionNumber: nextVersion(ctx, st), updateType: 'Differential', localAuthorizationList: [entry] });
    },
    GetLocalListVersion: (ctx, s, _request, res) => {
      if (typeof res.versionNumber === 'number') listOf(ctx.station(s.identity)).reported = res.versionNumber;
    },
  },
};
