import { RpcError, type Payload } from '../../../rpc.js';
import type { CsmsBlock, CsmsContext } from '../state.js';
import { defined, evse } from './payload.js';

/** Availability (G): status notifications, heartbeat, change availability. */

/**
 * G05: a station reports a connector lock failure as a NotifyEvent (ConnectorPlugRetentionLock,
 * Problem true), which the CSMS answers like any event; the fault refuses it. Called by the
 * NotifyEvent handler of the diagnostics block.
 */
export function refuseProblemEvent(ctx: CsmsContext, p: Payload): void {
  const problem = ((p.eventData ?? []) as Payload[]).some((e) => e.variable?.name === 'Problem');
  if (problem && ctx.faults.has('notifyevent-problem-refused'))
    throw new RpcError('PropertyConstraintViolation', 'unknown variable Problem');
}

export const availability: CsmsBlock = {
  inbound: {
    Heartbeat: (ctx) => {
      if (ctx.faults.has('heartbeat-time-no-zone'))
        return {
          currentTime: ctx
            .now()
            .replace(/\.\d+Z$/, '')
            .replace(/Z$/, ''),
        };
      return { currentTime: ctx.now() };
    },
    StatusNotification: (_ctx, p, { station }) => {
      station.connectors.set(`${p.evseId}/${p.connectorId}`, p.connectorStatus);
      return {};
    },
  },

  requests: {
    ChangeAvailability: (ctx, p) => {
      const faults = ctx.faults;
      let operationalStatus: string = p.operationalStatus ?? 'Inoperative';
      if (operationalStatus === 'Operative' && faults.has('availability-operative-inverted')) operationalStatus = 'Inoperative';
      let target = evse(p.evseId, faults.has('availability-connector-omitted') ? undefined : p.connectorId);
      if (target && p.connectorId === undefined && faults.has('availability-evse-omitted')) target = undefined;
      if (!target && faults.has('availability-station-evse-zero')) target = { id: 0 };
      return defined({ operationalStatus, evse: target });
    },
  },

  responses: {
    ChangeAvailability: (ctx, s, request, res) => {
      if (res.status === 'Scheduled' && ctx.faults.has('availability-scheduled-retry')) ctx.send(s, 'ChangeAvailability', request);
    },
  },
};
