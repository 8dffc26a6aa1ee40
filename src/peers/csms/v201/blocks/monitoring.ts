import { RpcError, type Payload } from '../../../rpc.js';
import { refuseProblemEvent } from './availability.js';
import type { CsmsBlock, CsmsContext, StationSession, StationState } from '../state.js';
import { defined, evse, isResend, markedResend } from './payload.js';

/**
 * Monitoring and events (N02-N08): monitoring reports, monitoring base and level, variable
 * monitors and their removal, and the events stations raise (alerts, periodic reports).
 *
 * ClearVariableMonitoring of more than one monitor respects the station's
 * MonitoringCtrlr.ItemsPerMessage[ClearVariableMonitoring] (N06.FR.04): the CSMS asks for it with
 * GetVariables the first time and then sends the ids in requests of at most that many.
 */

interface MonitoringMemory {
  /** ItemsPerMessage of ClearVariableMonitoring, once the station told it. */
  clearItems?: number;
  /** Monitor ids the operator asked to clear while the limit was being read. */
  pendingClear?: number[];
}

const memory = new WeakMap<StationState, MonitoringMemory>();
const memoryOf = (st: StationState): MonitoringMemory => {
  let m = memory.get(st);
  if (!m) memory.set(st, (m = {}));
  return m;
};
/** Component/variable pairs that raised an event, per connection (notifyevent-repeat-dropped only). */
const eventsSeen = new WeakMap<StationSession, Set<string>>();

const ITEMS_COMPONENT = 'MonitoringCtrlr';
const ITEMS_VARIABLE = 'ItemsPerMessage';
const ITEMS_INSTANCE = 'ClearVariableMonitoring';

/** A component (with its EVSE unless the fault drops it) from the operator's {component, evseId, componentInstance}. */
function component(v: Payload, dropEvse: boolean): Payload {
  return defined({ name: v.component, instance: v.componentInstance, evse: dropEvse ? undefined : evse(v.evseId) });
}

function sendClears(ctx: CsmsContext, s: StationSession, ids: number[], items: number): void {
  const size = ctx.faults.has('clearmonitoring-ignores-items-per-message') ? ids.length : Math.max(1, items);
  for (let i = 0; i < ids.length; i += size) ctx.send(s, 'ClearVariableMonitoring', { id: ids.slice(i, i + size) });
}

export const monitoring: CsmsBlock = {
  inbound: {
    NotifyMonitoringReport: (ctx, p) => {
      if (p.tbc === true && ctx.faults.has('notifymonitoringreport-tbc-error'))
        throw new RpcError('InternalError', 'part could not be stored');
      return {};
    },
    NotifyEvent: (ctx, p, call) => {
      refuseProblemEvent(ctx, p);
      const events: Payload[] = p.eventData ?? [];
      const has = (f: (e: Payload) => boolean) => events.some(f);
      if (ctx.faults.has('notifyevent-hardwired-error') && has((e) => e.eventNotificationType === 'HardWiredMonitor'))
        throw new RpcError('InternalError', 'hard-wired monitor events are not stored');
      if (ctx.faults.has('notifyevent-empty-value-error') && has((e) => e.actualValue === ''))
        throw new RpcError('FormationViolation', 'actualValue is empty');
      if (ctx.faults.has('notifyevent-cleared-error') && has((e) => e.cleared === true))
        throw new RpcError('InternalError', 'no open alert to clear');
      if (ctx.faults.has('notifyevent-periodic-error') && has((e) => e.trigger === 'Periodic'))
        throw new RpcError('InternalError', 'periodic events are not stored');
      if (ctx.faults.has('notifyevent-repeat-dropped')) {
        const seen = eventsSeen.get(call.session) ?? new Set<string>();
        eventsSeen.set(call.session, seen);
        const keys = events.map((e) => JSON.stringify([e.component, e.variable]));
        const repeat = keys.some((k) => seen.has(k));
        for (const k of keys) seen.add(k);
        if (repeat) throw new RpcError('InternalError', 'duplicate event');
      }
      return {};
    },
  },
  requests: {
    GetMonitoringReport: (ctx, p) => {
      let pairs: Payload[] | undefined = p.componentVariables;
      if (pairs && ctx.faults.has('monitoringreport-first-component-only')) pairs = pairs.slice(0, 1);
      const componentVariable = pairs?.map((v) =>
        defined({
          component: component(v, ctx.faults.has('monitoringreport-evse-dropped')),
          variable: defined({ name: v.variable, instance: v.variableInstance }),
        }),
      );
      const criteria = ctx.faults.has('monitoringreport-criteria-dropped') ? undefined : p.monitoringCriteria;
      return defined({ requestId: ++ctx.counters.reportRequestIds, monitoringCriteria: criteria, componentVariable });
    },
    SetMonitoringBase: (ctx, p) => {
      let monitoringBase = p.monitoringBase ?? 'All';
      if (monitoringBase === 'HardWiredOnly' && ctx.faults.has('monitoringbase-hardwired-as-factory')) monitoringBase = 'FactoryDefault';
      return { monitoringBase };
    },
    SetVariableMonitoring: (ctx, p) => {
      let monitors: Payload[] = p.monitors ?? [p];
      if (ctx.faults.has('setmonitoring-first-only')) monitors = monitors.slice(0, 1);
      return {
        setMonitoringData: monitors.map((m) =>
          defined({
            id: m.id,
            transaction: m.transaction,
            value: Number(m.value ?? 1),
            type: m.type ?? 'Delta',
            severity: Number(m.severity ?? 8),
            component: component(m, ctx.faults.has('setmonitoring-evse-dropped')),
            variable: defined({ name: m.variable, instance: m.variableInstance }),
          }),
        ),
      };
    },
    SetMonitoringLevel: (ctx, p) => ({ severity: ctx.faults.has('monitoringlevel-default-severity') ? 8 : Number(p.severity ?? 8) }),
    ClearVariableMonitoring: (ctx, p, st, route) => {
      const ids: number[] = (p.monitorIds ?? []).map(Number);
      if (ids.length === 0) return 'ClearVariableMonitoring needs monitorIds';
      const mem = memoryOf(st);
      // One id always fits (ItemsPerMessage is at least 1); for more the CSMS needs the station's limit.
      if (ids.length === 1 || mem.clearItems !== undefined) {
        const size = mem.clearItems ?? 1;
        if (ids.length <= size || ctx.faults.has('clearmonitoring-ignores-items-per-message')) return { id: ids };
        const session = ctx.sessions.get(route.to ?? String(p.stationId ?? ctx.o.config.stationId));
        if (session) sendClears(ctx, session, ids.slice(size), size);
        return { id: ids.slice(0, size) };
      }
      mem.pendingClear = ids;
      route.message = 'GetVariables';
      return {
        getVariableData: [{ component: { name: ITEMS_COMPONENT }, variable: { name: ITEMS_VARIABLE, instance: ITEMS_INSTANCE } }],
      };
    },
  },
  responses: {
    GetVariables: (ctx, s, _request, res) => {
      const mem = memoryOf(ctx.station(s.identity));
      const hit = (res.getVariableResult ?? []).find(
        (r: Payload) =>
          r.component?.name === ITEMS_COMPONENT && r.variable?.name === ITEMS_VARIABLE && r.variable?.instance === ITEMS_INSTANCE,
      );
      if (!hit || !mem.pendingClear) return;
      const items = hit.attributeStatus === 'Accepted' ? Number.parseInt(String(hit.attributeValue), 10) : NaN;
      // Unknown or unreadable limit: one id per request is always within it.
      mem.clearItems = Number.isFinite(items) && items > 0 ? items : 1;
      const ids = mem.pendingClear;
      mem.pendingClear = undefined;
      sendClears(ctx, s, ids, mem.clearItems);
    },
    SetMonitoringLevel: (ctx, s, request, res) => {
      if (res.status === 'Rejected' && ctx.faults.has('monitoringlevel-rejected-resent') && !isResend(request))
        ctx.send(s, 'SetMonitoringLevel', markedResend(request));
    },
    ClearVariableMonitoring: (ctx, s, request, res) => {
      const rejected = (res.clearMonitoringResult ?? []).some((r: Payload) => r.status === 'Rejected');
      if (rejected && ctx.faults.has('clearmonitoring-rejected-resent') && !isResend(request))
        ctx.send(s, 'ClearVariableMonitoring', markedResend(request));
    },
  },
};
