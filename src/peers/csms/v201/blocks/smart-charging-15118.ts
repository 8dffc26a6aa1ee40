import type { Payload } from '../../../rpc.js';
import type { CsmsContext, InboundCall, StationSession, StationState, TxRecord } from '../state.js';
import { SITE_LIMIT_A, newProfileId, peakAmperes, scState, schedule, type KnownProfile } from './smart-charging-profiles.js';
import { runningTx } from './transactions.js';

/**
 * ISO 15118 load levelling (K15-K17) in the reference CSMS: EV charging needs are answered with a
 * TxProfile for the running transaction (the site limit, or less if the EV asks for less); an EV
 * schedule is checked against the newest TxProfile of the transaction and, beyond it, rejected and
 * renegotiated with a new TxProfile.
 */

/** SetChargingProfile requests the CSMS sent on its own for load levelling (their acceptance records that origin). */
export const LOAD_LEVELLING = new WeakSet<Payload>();

/** Sends after the current answer went out (the station sees the response first, then the new call). */
function sendAfterAnswer(ctx: CsmsContext, session: StationSession, action: string, payload: Payload): void {
  setImmediate(() => {
    if (!ctx.stopped && !session.rpc.closed) ctx.send(session, action, payload);
  });
}

function txProfilesOf(st: StationState, tx: TxRecord): KnownProfile[] {
  return scState(st).txProfiles.get(tx.transactionId) ?? [];
}

/** The load-levelling TxProfile for a transaction: it replaces the CSMS's previous one (same id). */
function levellingRequest(ctx: CsmsContext, st: StationState, tx: TxRecord, evseId: number, limitA: number): Payload {
  const previous = txProfilesOf(st, tx)
    .filter((k) => k.origin === 'load-levelling')
    .pop();
  const request = {
    evseId,
    chargingProfile: {
      id: previous ? Number(previous.profile.id) : newProfileId(ctx),
      stackLevel: 0,
      chargingProfilePurpose: 'TxProfile',
      chargingProfileKind: 'Absolute',
      transactionId: tx.transactionId,
      chargingSchedule: [schedule(ctx, { unit: 'A', limit: limitA, durationS: 3600 })],
    },
  };
  LOAD_LEVELLING.add(request);
  return request;
}

export function onEvChargingNeeds(ctx: CsmsContext, p: Payload, { session, station }: InboundCall): Payload {
  const evseId = Number(p.evseId);
  const tx = runningTx(ctx, station, evseId);
  // Without a transaction on the EVSE there is nothing a TxProfile could be attached to.
  if (!tx) return { status: 'Rejected' };
  const sent = txProfilesOf(station, tx);
  const ignore =
    ctx.faults.has('evneeds-no-profile') ||
    (ctx.faults.has('evneeds-renegotiation-ignored') && sent.some((k) => k.origin === 'load-levelling')) ||
    (ctx.faults.has('evneeds-after-csms-profile-ignored') && sent[sent.length - 1]?.origin === 'operator');
  if (ignore) {
    ctx.log(`NotifyEVChargingNeeds on EVSE ${evseId}: accepted, no schedule sent`);
    return { status: 'Accepted' };
  }
  const ac = (p.chargingNeeds as Payload | undefined)?.acChargingParameters as Payload | undefined;
  const evMax = typeof ac?.evMaxCurrent === 'number' && ac.evMaxCurrent > 0 ? ac.evMaxCurrent : SITE_LIMIT_A;
  sendAfterAnswer(ctx, session, 'SetChargingProfile', levellingRequest(ctx, station, tx, evseId, Math.min(SITE_LIMIT_A, evMax)));
  return { status: 'Accepted' };
}

export function onEvChargingSchedule(ctx: CsmsContext, p: Payload, { session, station }: InboundCall): Payload {
  const evseId = Number(p.evseId);
  const tx = runningTx(ctx, station, evseId);
  const sent = tx ? txProfilesOf(station, tx) : [];
  const against = ctx.faults.has('evschedule-checked-against-first-profile') ? sent[0] : sent[sent.length - 1];
  // No TxProfile of this CSMS for the transaction: no limit of ours the EV could exceed.
  if (!tx || !against || ctx.faults.has('evschedule-accepts-any')) return { status: 'Accepted' };
  const limits = (against.profile.chargingSchedule as Payload[])[0] ?? {};
  const ours = peakAmperes(limits);
  if (peakAmperes((p.chargingSchedule as Payload | undefined) ?? {}) <= ours + 1e-6) return { status: 'Accepted' };
  ctx.log(`NotifyEVChargingSchedule on EVSE ${evseId} exceeds ${ours} A: rejected, renegotiating`);
  sendAfterAnswer(ctx, session, 'SetChargingProfile', levellingRequest(ctx, station, tx, evseId, ours));
  return { status: 'Rejected' };
}
