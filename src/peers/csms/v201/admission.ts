import WebSocket from 'ws';
import { checkSecurity } from './blocks/security.js';
import type { Admission, UpgradeRequest } from './connection.js';
import type { CsmsContext, StationSession } from './state.js';
import { csmsPolicy } from '../policy.js';

/**
 * The CSMS's decision about one upgrade (OCPP-J 3.2 and the security suite's policies):
 *  - Identities: the configured station and stations registered by the operator are known. A
 *    URL with a query string, or an identity that is not an identifierString of at most 48
 *    characters without ':' (or is made of dots only), gets 400; an empty identity or an unknown
 *    well-formed one gets 404.
 *  - Security profile and credentials: blocks/security.ts (401/403).
 *  - Subprotocol: the CSMS's own is selected when offered; otherwise the handshake completes
 *    without a subprotocol and the listener closes the connection at once with 1002.
 *  - Duplicate identity: a new connection for an identity that has an open session makes the
 *    CSMS ping the existing session. If it answers within the liveness window (half the message
 *    timeout, at most 1 s) the new connection is refused with 409 and the live session is
 *    untouched; if it does not (a half-open "ghost"), the old session is dropped and the new
 *    one accepted.
 */

/** What a charging station identity may look like (identifierString, at most 48 characters). */
export const IDENTIFIER = /^[A-Za-z0-9*\-_=+|@.]{1,48}$/;

export async function admit(ctx: CsmsContext, r: UpgradeRequest): Promise<Admission> {
  if (r.url.includes('?')) return { refuse: 400, reason: 'a query string is not accepted in the connection URL' };
  if (r.rawIdentity === '') return { refuse: 404, reason: 'no charging station identity in the URL' };
  let identity: string;
  try {
    identity = decodeURIComponent(r.rawIdentity);
  } catch {
    return { refuse: 400, reason: 'the identity is not valid percent-encoding' };
  }
  if (ctx.faults.has('identity-path-500') && /[/\u0000]/.test(identity)) return { refuse: 500, reason: 'internal server error' };
  if (!ctx.stations.has(identity)) {
    if (!IDENTIFIER.test(identity) || /^\.+$/.test(identity)) return { refuse: 400, reason: 'not a valid charging station identity' };
    if (ctx.faults.has('unknown-identity-auto-accepted')) {
      ctx.log(`auto-registering unknown station ${identity}`);
      ctx.stations.set(identity, ctx.newStation('Accepted', identity));
    } else if (csmsPolicy(ctx.o.settings).acceptUnknownStations && ctx.o.config.security.profile === 0) {
      // Variant: a lab CSMS at profile 0 that lets unknown stations in, held Pending until an operator approves them.
      ctx.log(`unknown station ${identity} admitted; its boots are Pending`);
      ctx.stations.set(identity, ctx.newStation('Pending', identity));
    } else {
      // With Basic credentials the check is the credentials': they belong to no registered station, so
      // 401 (A00.FR.202/204). Without any, OCPP-J's answer for an unknown identity: 404.
      return r.authorization !== undefined
        ? {
            refuse: 401,
            reason: 'credentials of no registered charging station',
            headers: { 'WWW-Authenticate': 'Basic realm="OCPP", charset="UTF-8"' },
          }
        : { refuse: 404, reason: 'unknown charging station' };
    }
  }
  if (ctx.faults.has('duplicate-identity-takeover')) {
    // "Without any check": the live session is given away before credentials are even looked at.
    const existing = ctx.sessions.get(identity);
    if (existing && !existing.rpc.closed && existing.rpc.ws.readyState === WebSocket.OPEN) {
      ctx.log(`${identity}: a new connection replaces the open session (before any credential check)`);
      existing.rpc.close(1000);
    }
  }
  const security = checkSecurity(ctx, identity, ctx.stations.get(identity)!, r);
  if (security) return security;
  if (!r.offered.includes(ctx.subprotocol))
    return { identity, subprotocol: null, keepWithoutSubprotocol: ctx.faults.has('subprotocol-missing-accepted') };
  const duplicate = await duplicatePolicy(ctx, identity);
  // OCPP-J 3.1.2: the CSMS selects its own version from the offer, wherever it stands in the list.
  const selected = ctx.faults.has('subprotocol-first-offered') ? r.offered[0] : ctx.subprotocol;
  return duplicate ?? { identity, subprotocol: selected };
}

/** The duplicate-identity policy; undefined admits the new connection. */
async function duplicatePolicy(ctx: CsmsContext, identity: string): Promise<Admission | undefined> {
  const existing = ctx.sessions.get(identity);
  if (!existing || existing.rpc.closed || existing.rpc.ws.readyState !== WebSocket.OPEN) return undefined;
  if (ctx.faults.has('duplicate-identity-takeover')) {
    ctx.log(`${identity}: a new connection replaces the open session`);
    existing.rpc.close(1000);
    return undefined;
  }
  if (ctx.faults.has('duplicate-identity-shadow') || ctx.faults.has('clone-hijacks-commands')) return undefined;
  if (!ctx.faults.has('ghost-session-blocks-reconnect') && !(await answersPing(ctx, existing))) {
    ctx.log(`${identity}: the open session did not answer a ping; dropped for the new connection`);
    existing.rpc.ws.terminate();
    return undefined;
  }
  ctx.log(`${identity}: already connected; new connection refused`);
  return { refuse: 409, reason: 'this charging station is already connected' };
}

/** Pings a session; true when it answers within the liveness window. */
function answersPing(ctx: CsmsContext, s: StationSession): Promise<boolean> {
  const ws = s.rpc.ws;
  const windowMs = Math.max(100, Math.min(1000, ctx.o.config.timeouts.messageMs / 2));
  return new Promise((resolve) => {
    let done = false;
    const finish = (alive: boolean) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      ws.off('pong', onPong);
      ws.off('close', onClose);
      resolve(alive);
    };
    const onPong = () => finish(true);
    const onClose = () => finish(false);
    ws.on('pong', onPong);
    ws.on('close', onClose);
    // A session whose close handshake started (close frame received) is no longer alive.
    const poll = setInterval(() => ws.readyState !== WebSocket.OPEN && finish(false), 10);
    const timer = setTimeout(() => finish(false), windowMs);
    try {
      ws.ping();
    } catch {
      finish(false);
    }
  });
}
