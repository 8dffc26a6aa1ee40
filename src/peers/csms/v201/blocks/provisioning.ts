import { RpcError, type Payload } from '../../../rpc.js';
import type { CsmsBlock, CsmsContext, StationState } from '../state.js';
import { defined, evse } from './payload.js';
import { generatePasswords, switchPasswordOnSend } from './security.js';
import { afterGetVariables, firstBatch } from './variable-batches.js';
import { csmsPolicy } from '../../policy.js';

/** Provisioning (B): boot, boot gating, variables, reports, reset. */

/**
 * Boot gating (B02.FR.09, B03.FR.07): until a BootNotification of the station was Accepted (on
 * this or an earlier connection) every other call gets CALLERROR SecurityError.
 */
export function checkBootGate(ctx: CsmsContext, st: StationState, action: string): void {
  if (action === 'BootNotification') return;
  const gated =
    !st.accepted &&
    !(st.lastBoot === 'Rejected' && ctx.faults.has('accepts-calls-after-rejected-boot')) &&
    !(st.lastBoot === 'Pending' && ctx.faults.has('accepts-calls-while-pending'));
  if (gated) throw new RpcError('SecurityError', `${action} before the BootNotification was accepted`);
}

export const provisioning: CsmsBlock = {
  inbound: {
    BootNotification: (ctx, p, { station: st }) => {
      const policy = csmsPolicy(ctx.o.settings);
      st.boots = (st.boots ?? 0) + 1;
      // Variant: a CSMS that holds the first boots Pending (provisioning) before accepting (B02).
      let status = st.policy === 'Accepted' && st.boots <= policy.bootPendingCount ? 'Pending' : st.policy;
      if (status === 'Pending' && st.policy === 'Pending' && ctx.faults.has('boot-registered-pending-accepted')) status = 'Accepted';
      if (p.reason === 'Triggered' && st.lastBoot === 'Pending' && ctx.faults.has('triggered-boot-kept-pending')) status = 'Pending';
      st.accepted = status === 'Accepted';
      st.lastBoot = status;
      const timeouts = ctx.o.config.timeouts;
      const interval = status === 'Accepted' ? (policy.heartbeatIntervalS ?? timeouts.heartbeatIntervalS) : timeouts.bootRetryIntervalS;
      const res: Payload = { status, currentTime: ctx.now(), interval };
      if (ctx.faults.has('boot-no-interval')) delete res.interval;
      return res;
    },
    NotifyReport: (ctx, p) => {
      if (ctx.faults.has('notifyreport-tbc-error') && p.tbc === true)
        throw new RpcError('InternalError', 'report part could not be stored');
      return {};
    },
  },

  requests: {
    GetVariables: (ctx, p, st) => {
      const list: Payload[] = p.variables ?? [
        { component: p.component, variable: p.variable, attributeType: p.attributeType, evseId: p.evseId },
      ];
      let data = list.map((v) =>
        defined({
          component: defined({ name: v.component, instance: v.componentInstance, evse: evse(v.evseId) }),
          variable: defined({ name: v.variable, instance: v.variableInstance }),
          attributeType: v.attributeType,
        }),
      );
      if (ctx.faults.has('getvariables-attribute-target')) data = data.map((d) => ({ ...d, attributeType: 'Target' }));
      if (ctx.faults.has('getvariables-first-only')) data = data.slice(0, 1);
      return { getVariableData: firstBatch(ctx, st, data) };
    },
    SetVariables: (ctx, p, st) => {
      const list = generatePasswords(
        p.variables ?? [{ component: p.component, variable: p.variable, value: p.value, attributeType: p.attributeType, evseId: p.evseId }],
      );
      switchPasswordOnSend(ctx, st, list);
      let data: Payload[] = list.map((v) =>
        defined({
          component: defined({ name: v.component, instance: v.componentInstance, evse: evse(v.evseId) }),
          variable: defined({ name: v.variable, instance: v.variableInstance }),
          attributeType: v.attributeType,
          attributeValue: String(v.value),
        }),
      );
      if (ctx.faults.has('setvariables-value-number')) {
        data = data.map((d) => (/^-?\d+(\.\d+)?$/.test(d.attributeValue) ? { ...d, attributeValue: Number(d.attributeValue) } : d));
      }
      if (ctx.faults.has('setvariables-first-only')) data = data.slice(0, 1);
      return { setVariableData: data };
    },
    GetBaseReport: (ctx, p) => {
      const reportBase = ctx.faults.has('basereport-wrong-base') ? 'FullInventory' : (p.reportBase ?? 'FullInventory');
      return { requestId: ++ctx.counters.reportRequestIds, reportBase };
    },
    GetReport: (ctx, p) => {
      // B08: criteria and component/variable pairs narrow the report together (both may be given).
      const criteria = ctx.faults.has('getreport-criteria-dropped') ? undefined : p.componentCriteria;
      const componentVariable =
        p.component === undefined
          ? undefined
          : [
              defined({
                component: defined({ name: p.component, evse: evse(p.evseId) }),
                variable: p.variable ? { name: p.variable } : undefined,
              }),
            ];
      return defined({ requestId: ++ctx.counters.reportRequestIds, componentCriteria: criteria, componentVariable });
    },
    Reset: (ctx, p) => {
      let type: string = p.type ?? 'OnIdle';
      if (type === 'OnIdle' && ctx.faults.has('reset-onidle-as-immediate')) type = 'Immediate';
      else if (type === 'Immediate' && ctx.faults.has('reset-immediate-as-onidle')) type = 'OnIdle';
      const evseId = ctx.faults.has('reset-evse-dropped') ? undefined : p.evseId;
      return defined({ type, evseId });
    },
  },

  responses: {
    GetVariables: (ctx, s, _request, res) => afterGetVariables(ctx, s, res),
    Reset: (ctx, s, request, res) => {
      if (res.status === 'Scheduled' && ctx.faults.has('reset-scheduled-escalates'))
        ctx.send(s, 'Reset', { ...request, type: 'Immediate' });
    },
  },
};
