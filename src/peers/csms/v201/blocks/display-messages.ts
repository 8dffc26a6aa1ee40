import type { Payload } from '../../../rpc.js';
import type { CsmsBlock, StationState } from '../state.js';
import { defined, isResend, markedResend } from './payload.js';

/**
 * Display messages (O01-O06). The CSMS numbers the messages it sets per station (its choice);
 * a message the operator gives an existing id replaces that one. It remembers the messages a
 * station accepted (ClearDisplayMessage without an id removes the last of them), and the
 * transaction a message belongs to is the one the operator named.
 */

interface DisplayMemory {
  lastId: number;
  /** Messages the station accepted, by id. */
  messages: Map<number, Payload>;
}

const memory = new WeakMap<StationState, DisplayMemory>();
const memoryOf = (st: StationState): DisplayMemory => {
  let m = memory.get(st);
  if (!m) memory.set(st, (m = { lastId: 0, messages: new Map() }));
  return m;
};

export const displayMessages: CsmsBlock = {
  inbound: {
    NotifyDisplayMessages: () => ({}),
  },
  requests: {
    SetDisplayMessage: (ctx, p, st) => {
      const mem = memoryOf(st);
      const replaces = typeof p.id === 'number' && !ctx.faults.has('displaymessage-replace-new-id');
      const id = replaces ? (p.id as number) : ++mem.lastId + 100;
      return {
        message: defined({
          id,
          priority: p.priority ?? 'NormalCycle',
          state: ctx.faults.has('displaymessage-state-dropped') ? undefined : p.state,
          startDateTime: ctx.faults.has('displaymessage-start-dropped') ? undefined : p.startDateTime,
          endDateTime: ctx.faults.has('displaymessage-end-dropped') ? undefined : p.endDateTime,
          transactionId: ctx.faults.has('displaymessage-txid-dropped') ? undefined : p.transactionId,
          message: defined({ format: p.format ?? 'UTF8', content: String(p.content ?? 'Welcome'), language: p.language }),
        }),
      };
    },
    GetDisplayMessages: (ctx, p) => {
      const all = p.ids === undefined && p.priority === undefined && p.state === undefined;
      return defined({
        requestId: ++ctx.counters.reportRequestIds,
        id: ctx.faults.has('getdisplaymessages-id-dropped') ? undefined : p.ids,
        priority:
          all && ctx.faults.has('getdisplaymessages-stray-filter')
            ? 'NormalCycle'
            : ctx.faults.has('getdisplaymessages-priority-dropped')
              ? undefined
              : p.priority,
        state: ctx.faults.has('getdisplaymessages-state-dropped') ? undefined : p.state,
      });
    },
    ClearDisplayMessage: (ctx, p, st) => {
      // Without an id: the message the station accepted last (the CSMS's own record).
      const id = typeof p.id === 'number' ? p.id : [...memoryOf(st).messages.keys()].pop();
      if (id === undefined) return 'ClearDisplayMessage needs the id of the message (no message is known to be configured)';
      return { id: ctx.faults.has('cleardisplay-wrong-id') ? id + 1 : id };
    },
  },
  responses: {
    SetDisplayMessage: (ctx, s, request, res) => {
      const st = ctx.station(s.identity);
      if (res.status === 'Accepted') memoryOf(st).messages.set(request.message.id, request.message);
      else if (ctx.faults.has('displaymessage-refusal-resent') && !isResend(request))
        ctx.send(s, 'SetDisplayMessage', markedResend(request));
    },
    GetDisplayMessages: (ctx, s, request, res) => {
      if (res.status === 'Unknown' && ctx.faults.has('getdisplaymessages-unknown-resent') && !isResend(request))
        ctx.send(s, 'GetDisplayMessages', markedResend(request));
    },
    ClearDisplayMessage: (ctx, s, request, res) => {
      if (res.status === 'Accepted') memoryOf(ctx.station(s.identity)).messages.delete(request.id);
      else if (res.status === 'Unknown' && ctx.faults.has('cleardisplay-unknown-resent') && !isResend(request))
        ctx.send(s, 'ClearDisplayMessage', markedResend(request));
    },
  },
};
