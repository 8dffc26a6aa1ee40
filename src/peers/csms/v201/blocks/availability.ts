import type { CsmsBlock } from '../state.js';
import { defined, evse } from './payload.js';

/** Availability (G): status notifications, heartbeat, change availability. */

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
