import { NO_REPLY, type Payload } from '../../../rpc.js';
import type { CsmsContext, DeltaInboundHandler, InboundCall } from '../../v201/index.js';

/**
 * OCPP 2.1 periodic event streams (N11-N15), CSMS side: a station opens a stream for a periodic
 * monitor with OpenPeriodicEventStream, then reports its values with the SEND-only
 * NotifyPeriodicEventStream (never answered), and closes it with ClosePeriodicEventStream.
 * The CSMS accepts every stream and keeps what it received per station and stream.
 */
export interface StreamRecord {
  params: Payload;
  variableMonitoringId: number;
  /** The data elements received, in order. */
  received: Payload[];
}

const streams = new WeakMap<CsmsContext, Map<string, Map<number, StreamRecord>>>();

/** The open streams of one station (what the CSMS learnt from its SEND messages). */
export function streamsOf(ctx: CsmsContext, identity: string): Map<number, StreamRecord> {
  let byStation = streams.get(ctx);
  if (!byStation) streams.set(ctx, (byStation = new Map()));
  let mine = byStation.get(identity);
  if (!mine) byStation.set(identity, (mine = new Map()));
  return mine;
}

const identityOf = (call: InboundCall) => call.session.identity;

export const PERIODIC_STREAMS: Record<string, DeltaInboundHandler> = {
  OpenPeriodicEventStream: (ctx, p, call) => {
    const c = p.constantStreamData as Payload;
    streamsOf(ctx, identityOf(call)).set(c.id as number, {
      params: (c.params ?? {}) as Payload,
      variableMonitoringId: c.variableMonitoringId as number,
      received: [],
    });
    ctx.log(`${identityOf(call)}: periodic event stream ${String(c.id)} opened`);
    return { status: 'Accepted' };
  },
  // A SEND: whatever the handler returns, nothing is answered.
  NotifyPeriodicEventStream: (ctx, p, call) => {
    const stream = streamsOf(ctx, identityOf(call)).get(p.id as number);
    if (stream) stream.received.push(...(p.data as Payload[]));
    else ctx.log(`${identityOf(call)}: data for unknown periodic event stream ${String(p.id)} dropped`);
    return NO_REPLY;
  },
  ClosePeriodicEventStream: (ctx, p, call) => {
    streamsOf(ctx, identityOf(call)).delete(p.id as number);
    return {};
  },
};
