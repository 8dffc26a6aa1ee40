/**
 * What the independent 2.0.1 CSMS (csms201.ts) does for blocks N and O: operator requests for
 * logs, customer information, monitoring and display messages, built its own way from the
 * csmsSend details of src/core/manual-actions.ts. Its choices differ from our reference CSMS:
 * requestIds from 500, display message ids from 1, log uploads to https://judge.invalid/.
 */
import type { ActionOutcome } from '../../src/core/manual-actions.js';
import type { Payload, Rpc } from './common.js';

const defined = (o: Payload): Payload => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
let nextId = 500;
let nextMessage = 1;

const component = (v: Payload): Payload =>
  defined({ name: v.component, instance: v.componentInstance, evse: v.evseId !== undefined ? { id: v.evseId } : undefined });
const variable = (v: Payload): Payload => defined({ name: v.variable, instance: v.variableInstance });

/** Request builders by message (merged into the judge's table). */
export const REQUESTS_NO: Record<string, (d: Payload) => Payload | string> = {
  GetLog: (d) => ({ logType: d.logType ?? 'DiagnosticsLog', requestId: nextId++, log: { remoteLocation: 'https://judge.invalid/logs' } }),
  CustomerInformation: (d) =>
    defined({
      requestId: nextId++,
      report: d.report ?? true,
      clear: d.clear ?? false,
      idToken: d.idToken,
      customerIdentifier: d.customerIdentifier,
      customerCertificate: d.customerCertificate,
    }),
  GetMonitoringReport: (d) =>
    defined({
      requestId: nextId++,
      monitoringCriteria: d.monitoringCriteria,
      componentVariable: d.componentVariables?.map((v: Payload) => ({ component: component(v), variable: variable(v) })),
    }),
  SetMonitoringBase: (d) => ({ monitoringBase: d.monitoringBase }),
  SetVariableMonitoring: (d) => ({
    setMonitoringData: (d.monitors ?? [d]).map((m: Payload) =>
      defined({ value: m.value, type: m.type, severity: m.severity, component: component(m), variable: variable(m) }),
    ),
  }),
  SetMonitoringLevel: (d) => ({ severity: d.severity }),
  ClearVariableMonitoring: (d) => ({ id: d.monitorIds }),
  SetDisplayMessage: (d) => ({
    message: defined({
      id: d.id ?? nextMessage++,
      priority: d.priority,
      state: d.state,
      startDateTime: d.startDateTime,
      endDateTime: d.endDateTime,
      transactionId: d.transactionId,
      message: defined({ format: d.format, content: d.content, language: d.language }),
    }),
  }),
  GetDisplayMessages: (d) => defined({ requestId: nextId++, id: d.ids, priority: d.priority, state: d.state }),
  ClearDisplayMessage: (d) => ({ id: d.id }),
};

/** Calls from stations the judge answers with an empty response (besides its own list). */
export const INBOUND_NO = ['NotifyDisplayMessages'];

/**
 * Operator actions the judge performs in several calls: clearing more monitors than one reads
 * MonitoringCtrlr.ItemsPerMessage[ClearVariableMonitoring] first and sends at most that many ids
 * per request. Undefined: not one of these, build it from REQUESTS_NO.
 */
export function performNo(d: Payload, client: Rpc): Promise<ActionOutcome> | undefined {
  const ids: number[] = d.monitorIds ?? [];
  if (d.message !== 'ClearVariableMonitoring' || ids.length < 2) return undefined;
  void (async () => {
    const res = await client.call('GetVariables', {
      getVariableData: [
        { component: { name: 'MonitoringCtrlr' }, variable: { name: 'ItemsPerMessage', instance: 'ClearVariableMonitoring' } },
      ],
    });
    const limit = Number.parseInt(res.getVariableResult?.[0]?.attributeValue ?? '1', 10) || 1;
    for (let i = 0; i < ids.length; i += limit) await client.call('ClearVariableMonitoring', { id: ids.slice(i, i + limit) });
  })().catch(() => undefined);
  return Promise.resolve({ done: true });
}
