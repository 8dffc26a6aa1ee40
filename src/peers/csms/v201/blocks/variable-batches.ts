import type { Payload } from '../../../rpc.js';
import type { CsmsContext, StationSession, StationState } from '../state.js';

/**
 * B06.FR.05: a GetVariablesRequest carries at most as many elements as the station reported in
 * DeviceDataCtrlr.ItemsPerMessage[GetVariables]. The CSMS learns that limit from the station's
 * GetVariables results; a longer operator request goes out in batches, the next one after the
 * station answered the previous (one outstanding CALL at a time).
 */

interface Batches {
  limit?: number;
  queued: Payload[][];
}

const batches = new WeakMap<StationState, Batches>();

function batchesOf(st: StationState): Batches {
  let b = batches.get(st);
  if (!b) batches.set(st, (b = { queued: [] }));
  return b;
}

/** The elements of the first request; the rest is queued for after the station's answer. */
export function firstBatch(ctx: CsmsContext, st: StationState, data: Payload[]): Payload[] {
  const b = batchesOf(st);
  b.queued = [];
  const limit = ctx.faults.has('getvariables-limit-ignored') ? undefined : b.limit;
  if (!limit || data.length <= limit) return data;
  for (let i = limit; i < data.length; i += limit) b.queued.push(data.slice(i, i + limit));
  return data.slice(0, limit);
}

/** Learns the station's limit from a result and sends the next queued batch. */
export function afterGetVariables(ctx: CsmsContext, s: StationSession, res: Payload): void {
  const b = batchesOf(ctx.station(s.identity));
  const results: Payload[] = Array.isArray(res.getVariableResult) ? res.getVariableResult : [];
  for (const r of results) {
    const value = Number(r.attributeValue);
    if (
      r.component?.name === 'DeviceDataCtrlr' &&
      r.variable?.name === 'ItemsPerMessage' &&
      r.variable?.instance === 'GetVariables' &&
      r.attributeStatus === 'Accepted' &&
      Number.isInteger(value) &&
      value > 0
    )
      b.limit = value;
  }
  const next = b.queued.shift();
  if (next) ctx.send(s, 'GetVariables', { getVariableData: next });
}
