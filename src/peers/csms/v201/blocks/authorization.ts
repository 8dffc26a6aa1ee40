import type { IdTokenConfig } from '../../../../core/config.js';
import type { Payload } from '../../../rpc.js';
import type { CsmsBlock, CsmsContext, StationSession } from '../state.js';
import { isResend, markedResend } from './payload.js';

/**
 * Authorization (C): the tokens the CSMS knows (its configuration: valid, invalid, blocked,
 * expired, a second valid token of the same group, a master pass, ISO 15118 contracts), their
 * status and group, the authorization cache (ClearCache) and contract certificate checks.
 * ISO 15118 contracts are judged from configuration, never over the network: the contract of
 * ids.revokedContractIdToken has a revoked certificate (C07.FR.16); any other contract data
 * for a known eMAID is taken as a valid chain.
 */

type Token = { idToken: string; type: string };

const same = (a: Token, b: IdTokenConfig) => a.idToken === b.idToken && a.type === b.type;
const keyOf = (t: Token) => `${t.type}:${t.idToken}`;

/** The status and group the CSMS has for a token. */
export function tokenFacts(ctx: CsmsContext, token: Token | undefined): { status: string; group?: Token } {
  if (!token) return { status: 'Unknown' };
  const ids = ctx.o.config.ids;
  if (same(token, ids.validIdToken) || same(token, ids.validIdToken2)) return { status: 'Accepted', group: { ...ids.groupIdToken } };
  if (same(token, ids.masterPassIdToken)) return { status: 'Accepted', group: { idToken: ids.masterPassGroupId, type: 'Central' } };
  if (same(token, ids.contractIdToken) || same(token, ids.revokedContractIdToken)) return { status: 'Accepted' };
  if (same(token, ids.invalidIdToken)) return { status: 'Invalid' };
  if (same(token, ids.blockedIdToken)) return { status: 'Blocked' };
  if (same(token, ids.expiredIdToken)) return { status: 'Expired' };
  return { status: 'Unknown' };
}

/** IdTokenInfo of a token: its status and, for grouped tokens, the group (unless `group` is false). */
export function tokenInfo(ctx: CsmsContext, token: Token, o: { group: boolean }): Payload {
  const facts = tokenFacts(ctx, token);
  return facts.group && o.group ? { status: facts.status, groupIdToken: facts.group } : { status: facts.status };
}

/** The IdTokenInfo the CSMS answers for a token (Authorize, TransactionEvent). */
export function idTokenInfo(ctx: CsmsContext, token: Token): Payload {
  return tokenInfo(ctx, token, { group: !ctx.faults.has('groupid-omitted') });
}

/** Tokens a session sent in AuthorizeRequests (the fault txevent-token-needs-authorize only). */
const authorizedOn = new WeakMap<StationSession, Set<string>>();
/** The token that started (or first authorized) each transaction of a session, by transactionId. */
const startedBy = new WeakMap<StationSession, Map<string, Token>>();

function onAuthorize(ctx: CsmsContext, p: Payload, session: StationSession): Payload {
  const token = p.idToken as Token;
  authorizedOn.set(session, (authorizedOn.get(session) ?? new Set()).add(keyOf(token)));
  const info = idTokenInfo(ctx, token);
  const f = ctx.faults;
  if (f.has('authorize-valid-unknown') && same(token, ctx.o.config.ids.validIdToken)) info.status = 'Unknown';
  if (f.has('authorize-invalid-accepted') && (info.status === 'Invalid' || info.status === 'Unknown')) info.status = 'Accepted';
  if (f.has('authorize-status-flattened') && (info.status === 'Blocked' || info.status === 'Expired')) info.status = 'Invalid';
  const res: Payload = { idTokenInfo: info };
  const contractData =
    p.certificate !== undefined || (Array.isArray(p.iso15118CertificateHashData) && p.iso15118CertificateHashData.length);
  if (!contractData) return res;
  // C07: the contract certificate (or its OCSP hash data) is checked against what the CSMS knows.
  let certificateStatus = 'Accepted';
  if (typeof p.certificate === 'string' && !p.certificate.includes('-----BEGIN CERTIFICATE-----')) certificateStatus = 'CertChainError';
  if (same(token, ctx.o.config.ids.revokedContractIdToken) && !f.has('contract-revocation-ignored')) {
    certificateStatus = 'CertificateRevoked';
    info.status = 'Invalid';
  }
  if (!f.has('contract-certificate-status-omitted')) res.certificateStatus = certificateStatus;
  return res;
}

/** The cache and master-pass faults on a TransactionEventResponse (idTokenInfo comes from blocks/transactions.ts). */
function amendTransactionEvent(answer: Payload, ctx: CsmsContext, p: Payload, session: StationSession): Payload {
  const token = p.idToken as Token | undefined;
  const info = answer.idTokenInfo as Payload | undefined;
  if (!token || !info) return answer;
  const txId = (p.transactionInfo as Payload).transactionId as string;
  const starters = startedBy.get(session) ?? new Map<string, Token>();
  startedBy.set(session, starters);
  const starter = starters.get(txId);
  if (!starter) starters.set(txId, token);
  const f = ctx.faults;
  if (f.has('txevent-token-needs-authorize') && !authorizedOn.get(session)?.has(keyOf(token))) info.status = 'Unknown';
  if (f.has('txevent-cached-token-accepted') && p.eventType === 'Updated' && p.triggerReason === 'Authorized') info.status = 'Accepted';
  if (f.has('masterpass-foreign-tx-rejected') && starter && keyOf(starter) !== keyOf(token)) {
    const a = tokenFacts(ctx, starter).group;
    const b = tokenFacts(ctx, token).group;
    if (!a || !b || keyOf(a) !== keyOf(b)) info.status = 'Invalid';
  }
  return answer;
}

export const authorization: CsmsBlock = {
  inbound: {
    Authorize: (ctx, p, { session }) => onAuthorize(ctx, p, session),
  },
  answers: {
    TransactionEvent: (answer, ctx, p, { session }) => amendTransactionEvent(answer, ctx, p, session),
  },
  requests: {
    ClearCache: () => ({}),
  },
  responses: {
    ClearCache: (ctx, s, request) => {
      if (ctx.faults.has('clearcache-resent') && !isResend(request)) ctx.send(s, 'ClearCache', markedResend(request));
    },
  },
};
