import type { IdTokenConfig } from '../../../../core/config.js';
import type { CsmsBlock } from '../state.js';
import { defined, evse, isResend, markedResend } from './payload.js';
import { remoteStartProfile } from './smart-charging-profiles.js';
import { runningTx } from './transactions.js';

/** Remote control (F): remote start and stop, trigger, unlock. */

/** The messages a CSMS that knows only the common triggers can ask for (fault trigger-unknown-as-heartbeat). */
const COMMON_TRIGGERS = ['BootNotification', 'Heartbeat', 'MeterValues', 'StatusNotification', 'TransactionEvent'];

export const remoteControl: CsmsBlock = {
  requests: {
    RequestStartTransaction: (ctx, p) => {
      const token: IdTokenConfig = p.idToken && typeof p.idToken === 'object' ? p.idToken : ctx.o.config.ids.validIdToken;
      const idToken = { idToken: token.idToken, type: ctx.faults.has('remotestart-token-type-central') ? 'Central' : token.type };
      const evseId = ctx.faults.has('remotestart-evse-dropped') ? undefined : p.evseId;
      const chargingProfile = p.chargingProfile ? remoteStartProfile(ctx, p.chargingProfile === true ? {} : p.chargingProfile) : undefined;
      return defined({ idToken, remoteStartId: ++ctx.counters.remoteStartIds, evseId, chargingProfile });
    },
    RequestStopTransaction: (ctx, p, st, route) => {
      const tx = p.transactionId ? ctx.tableFor(st).get(p.transactionId) : runningTx(ctx, st, p.evseId);
      if (!tx) return p.transactionId ? { transactionId: p.transactionId } : 'no running transaction is known for that station/EVSE';
      // A transaction-scoped command goes to the station the transaction belongs to.
      route.to = tx.owner;
      return { transactionId: ctx.faults.has('remotestop-wrong-txid') ? String(tx.record) : tx.transactionId };
    },
    TriggerMessage: (ctx, p, st) => {
      // The operator names an EVSE (and connector) or none: none asks the whole station.
      let target = ctx.faults.has('trigger-evse-dropped') ? undefined : evse(p.evseId, p.connectorId);
      if (target && ctx.faults.has('trigger-connector-dropped')) target = { id: target.id };
      if (!target && ctx.faults.has('trigger-evse-added')) {
        const first = [...st.connectors.keys()][0];
        if (first) target = { id: Number(first.split('/')[0]) };
      }
      const unknown = ctx.faults.has('trigger-unknown-as-heartbeat') && !COMMON_TRIGGERS.includes(p.requestedMessage);
      return defined({ requestedMessage: unknown ? 'Heartbeat' : p.requestedMessage, evse: target });
    },
    UnlockConnector: (ctx, p) => ({ evseId: ctx.faults.has('unlock-evse-zero') ? 0 : p.evseId, connectorId: p.connectorId }),
  },

  responses: {
    TriggerMessage: (ctx, s, request, res) => {
      // NotImplemented is final: the station cannot send that message (F06.FR.08).
      if (res.status === 'NotImplemented' && ctx.faults.has('trigger-notimplemented-retried') && !isResend(request))
        ctx.send(s, 'TriggerMessage', markedResend(request));
    },
    RequestStartTransaction: (ctx, s, request, res) => {
      if (res.status !== 'Accepted' || typeof res.transactionId !== 'string') return;
      const tx = ctx.tableFor(ctx.station(s.identity)).get(res.transactionId);
      if (tx) tx.remoteStartId = request.remoteStartId;
    },
  },
};
