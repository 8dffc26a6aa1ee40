import type { OcppVersion } from '../core/versions.js';

type Payload = Record<string, unknown>;
type Delta = (payload: Payload) => Payload;

const isObject = (v: unknown): v is Payload => typeof v === 'object' && v !== null && !Array.isArray(v);
const each = (list: unknown, f: Delta): unknown => (Array.isArray(list) ? list.map((x) => (isObject(x) ? f(x) : x)) : list);

/**
 * What a 2.0.1 message of the harness needs to be valid OCPP 2.1, per action: the fields 2.1
 * made required. A 2.0.1 case that 2.1 keeps (engine/ocpp21-kept.ts) keeps its one definition;
 * the harness's own calls are brought to 2.1 here when the run is 2.1. Only missing fields are
 * added (never one the case set), so a case that sends a deliberately broken message still does.
 */
const REQUEST_DELTAS_21: Record<string, Delta> = {
  // 2.1 VariableMonitoringType requires eventNotificationType; a monitor a CSMS set is a CustomMonitor.
  NotifyMonitoringReport: (p) => ({
    ...p,
    monitor: each(p.monitor, (m) => ({
      ...m,
      variableMonitoring: each(m.variableMonitoring, (v) => ({ eventNotificationType: 'CustomMonitor', ...v })),
    })),
  }),
};

/** The harness's request payload as the version wants it (unchanged before 2.1 and for actions 2.1 did not change). */
export function requestForVersion(version: OcppVersion, action: string, payload: Payload): Payload {
  const delta = version === '2.1' ? REQUEST_DELTAS_21[action] : undefined;
  return delta ? delta(payload) : payload;
}
