import { NO_REPLY, RpcError, type Payload } from '../../../rpc.js';
import type { CsmsBlock, CsmsContext } from '../state.js';
import { defined, isResend, markedResend } from './payload.js';
import { LOAD_LEVELLING, onEvChargingNeeds, onEvChargingSchedule } from './smart-charging-15118.js';
import { installProfile, num, scState, setProfileRequest } from './smart-charging-profiles.js';
import { runningTx } from './transactions.js';

/**
 * Smart charging (K): the CSMS sets, clears and asks for charging profiles and composite
 * schedules from the operator's choices (csmsSend details documented in core/manual-actions.ts),
 * keeps the profiles the station accepted or reported, takes note of external limits, and does
 * ISO 15118 load levelling (smart-charging-15118.ts).
 */

const list = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
const ALL_SOURCES = ['EMS', 'Other', 'SO', 'CSO'];

/** GetChargingProfiles criteria from the operator's choices: profile ids, or stackLevel / source / purpose. */
function profileCriteria(ctx: CsmsContext, p: Payload): Payload {
  const f = ctx.faults;
  const ids = list(p.chargingProfileId as number | number[] | undefined);
  if (ids) return defined({ chargingProfileId: ids, stackLevel: f.has('getprofiles-id-with-criteria') ? 0 : undefined });
  const named: [string, unknown][] = [
    ['chargingProfilePurpose', f.has('getprofiles-purpose-dropped') ? undefined : p.purpose],
    ['stackLevel', f.has('getprofiles-stacklevel-dropped') ? undefined : num(p.stackLevel)],
    ['chargingLimitSource', f.has('getprofiles-source-dropped') ? undefined : list(p.chargingLimitSource as string | string[] | undefined)],
  ];
  const given = named.filter(([, v]) => v !== undefined);
  const kept = f.has('getprofiles-criteria-first-only') ? given.slice(0, 1) : given;
  // K09.FR.03 wants at least one criterion: "every profile" is asked as every limit source.
  return kept.length ? Object.fromEntries(kept) : { chargingLimitSource: ALL_SOURCES };
}

function evseOfGet(ctx: CsmsContext, evseId: number | undefined): number | undefined {
  if (evseId === 0 && ctx.faults.has('getprofiles-evse-zero-dropped')) return undefined;
  if (evseId === undefined && ctx.faults.has('getprofiles-evse-defaulted')) return 0;
  return evseId;
}

function compositeEvse(ctx: CsmsContext, evseId: number): number {
  if (ctx.faults.has('composite-evse-ignored')) return 0;
  if (evseId === 0 && ctx.faults.has('composite-evse-zero-dropped')) return ctx.o.config.ids.evseId;
  return evseId;
}

export const smartCharging: CsmsBlock = {
  inbound: {
    NotifyChargingLimit: (ctx, p, { station }) => {
      const limit = p.chargingLimit as Payload;
      if (limit.chargingLimitSource === 'EMS' && ctx.faults.has('notify-limit-ems-error'))
        throw new RpcError('InternalError', 'limits from an EMS are not handled');
      scState(station).limits.set(`${String(limit.chargingLimitSource)}/${num(p.evseId) ?? 0}`, p);
      return {};
    },
    ClearedChargingLimit: (ctx, p, { station }) => {
      const evseId = num(p.evseId) ?? 0;
      const key = `${String(p.chargingLimitSource)}/${evseId}`;
      const limits = scState(station).limits;
      if (!limits.has(key) && ctx.faults.has('cleared-limit-unknown-error'))
        throw new RpcError('GenericError', 'no such limit was notified');
      if (evseId > 0 && runningTx(ctx, station, evseId) && ctx.faults.has('cleared-limit-during-tx-error'))
        throw new RpcError('GenericError', 'a limit cannot be released during a transaction');
      limits.delete(key);
      return {};
    },
    ReportChargingProfiles: (ctx, p, { station }) => {
      if (ctx.faults.has('getprofiles-no-report-answer')) return NO_REPLY;
      const profiles = (p.chargingProfile as Payload[] | undefined) ?? [];
      if (
        ctx.faults.has('report-external-constraints-error') &&
        profiles.some((x) => x.chargingProfilePurpose === 'ChargingStationExternalConstraints')
      )
        throw new RpcError('PropertyConstraintViolation', 'ChargingStationExternalConstraints profiles are not accepted');
      for (const profile of profiles) installProfile(station, Number(p.evseId), profile, 'report');
      return {};
    },
    NotifyEVChargingNeeds: onEvChargingNeeds,
    NotifyEVChargingSchedule: onEvChargingSchedule,
  },

  requests: {
    SetChargingProfile: setProfileRequest,
    ClearChargingProfile: (ctx, p) => {
      const id = num(p.chargingProfileId);
      if (id !== undefined && !ctx.faults.has('clear-id-dropped')) return { chargingProfileId: id };
      const criteria = defined({
        evseId: ctx.faults.has('clear-criteria-evse-dropped')
          ? undefined
          : (num(p.evseId) ?? (id !== undefined ? ctx.o.config.ids.evseId : undefined)),
        chargingProfilePurpose: p.purpose,
        stackLevel: num(p.stackLevel),
      });
      if (!Object.keys(criteria).length) return 'name a chargingProfileId or criteria (evseId, purpose, stackLevel) to clear';
      return { chargingProfileCriteria: criteria };
    },
    GetChargingProfiles: (ctx, p) =>
      defined({
        requestId: ++ctx.counters.reportRequestIds,
        evseId: evseOfGet(ctx, num(p.evseId)),
        chargingProfile: profileCriteria(ctx, p),
      }),
    GetCompositeSchedule: (ctx, p) =>
      defined({
        duration: num(p.duration) ?? 300,
        chargingRateUnit: p.chargingRateUnit === 'A' || p.chargingRateUnit === 'W' ? p.chargingRateUnit : undefined,
        evseId: compositeEvse(ctx, num(p.evseId) ?? 0),
      }),
  },

  responses: {
    SetChargingProfile: (ctx, s, request, res) => {
      if (res.status !== 'Accepted') return;
      installProfile(
        ctx.station(s.identity),
        Number(request.evseId),
        request.chargingProfile,
        LOAD_LEVELLING.has(request) ? 'load-levelling' : 'operator',
      );
    },
    ClearChargingProfile: (ctx, s, request, res) => {
      if (res.status === 'Unknown' && ctx.faults.has('clear-unknown-resent') && !isResend(request))
        ctx.send(s, 'ClearChargingProfile', markedResend(request));
      if (res.status !== 'Accepted') return;
      const profiles = scState(ctx.station(s.identity)).profiles;
      const c = (request.chargingProfileCriteria as Payload | undefined) ?? {};
      for (const [id, k] of profiles) {
        const hit =
          request.chargingProfileId !== undefined
            ? id === request.chargingProfileId
            : (c.evseId === undefined || c.evseId === k.evseId) &&
              (c.stackLevel === undefined || c.stackLevel === k.profile.stackLevel) &&
              (c.chargingProfilePurpose === undefined || c.chargingProfilePurpose === k.profile.chargingProfilePurpose);
        if (hit) profiles.delete(id);
      }
    },
    GetCompositeSchedule: (ctx, s, _request, res) => {
      if (res.status === 'Accepted' && res.schedule) scState(ctx.station(s.identity)).composites.push(res.schedule as Payload);
    },
  },
};
