import type { ActionOutcome, ManualAction } from '../../../core/manual-actions.js';
import type { Payload } from '../../rpc.js';
import { IDENTIFIER } from './admission.js';
import type { BootPolicy, CsmsContext, RequestBuilder, Route } from './state.js';

/**
 * The operator's actions on the reference CSMS:
 *  - csmsSend { message, stationId?, ... }: the CSMS builds a schema-valid request from the
 *    operator's choices (the blocks' request builders) and sends it without waiting; the
 *    station's response is handled later by the blocks.
 *  - csmsRegisterStation { stationId, bootStatus }: the station becomes known (it may connect)
 *    and its BootNotifications get bootStatus (Accepted, Pending or Rejected).
 */
export function performOperatorAction(
  ctx: CsmsContext,
  requests: ReadonlyMap<string, RequestBuilder>,
  action: ManualAction,
): ActionOutcome {
  if (action.action === 'csmsRegisterStation') return registerStation(ctx, action.params as Payload);
  if (action.action !== 'csmsSend') return { done: false, reason: `the reference CSMS cannot perform "${action.action}"` };
  const params = action.params as Payload;
  const stationId = (params.stationId as string | undefined) ?? ctx.o.config.stationId;
  if (!ctx.sessions.get(stationId) || ctx.sessions.get(stationId)!.rpc.closed)
    return { done: false, reason: `station "${stationId}" is not connected to the reference CSMS` };
  const st = ctx.station(stationId);
  const message = params.message as string;
  // A station held Pending may be asked for a new BootNotification before its interval ends (B02, F06).
  const bootTrigger = message === 'TriggerMessage' && params.requestedMessage === 'BootNotification';
  if (!st.accepted && !bootTrigger) return { done: false, reason: `station "${stationId}" has not been accepted by the reference CSMS` };
  const build = requests.get(message);
  if (!build) return { done: false, reason: `the reference CSMS cannot send "${message}"` };
  let payload: Payload;
  const route: Route = {};
  try {
    const built = build(ctx, params, st, route);
    if (typeof built === 'string') return { done: false, reason: built };
    payload = built;
  } catch (err) {
    return { done: false, reason: `cannot build ${message}: ${(err as Error).message}` };
  }
  const session = ctx.sessions.get(route.to ?? stationId);
  if (!session || session.rpc.closed)
    return { done: false, reason: `station "${route.to ?? stationId}" is not connected to the reference CSMS` };
  ctx.send(session, route.message ?? message, payload);
  return { done: true };
}

function registerStation(ctx: CsmsContext, p: Payload): ActionOutcome {
  const id = p.stationId;
  const status = p.bootStatus ?? 'Accepted';
  if (typeof id !== 'string' || !IDENTIFIER.test(id))
    return { done: false, reason: `"${String(id)}" is not a valid charging station identity` };
  if (!['Accepted', 'Pending', 'Rejected'].includes(status))
    return { done: false, reason: `bootStatus must be Accepted, Pending or Rejected, not "${String(status)}"` };
  const st = ctx.stations.get(id);
  if (st) st.policy = status as BootPolicy;
  else ctx.stations.set(id, ctx.newStation(status as BootPolicy, id));
  ctx.log(`operator registered station ${id} (boot ${status})`);
  return { done: true };
}
