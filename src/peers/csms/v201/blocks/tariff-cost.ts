import type { Payload } from '../../../rpc.js';
import type { CsmsBlock, CsmsContext, StationSession, StationState } from '../state.js';
import { runningTx } from './transactions.js';

/**
 * Tariff and cost (I): the CSMS's one tariff is a price per kWh of energy imported. While a
 * transaction charges, each periodic meter value (triggerReason MeterValuePeriodic) is followed
 * by a CostUpdatedRequest with the running cost (I02.FR.01); the answer to the Ended event
 * carries the final totalCost (I03.FR.01). Costs are in the CSMS's currency, rounded to cents.
 */

/** The tariff: price per kWh imported. */
const PRICE_PER_KWH = 0.3;

interface Reading {
  first?: number;
  last?: number;
}

const readings = new WeakMap<StationState, Map<string, Reading>>();

/** The energy register readings (Wh) of a TransactionEventRequest. */
function energyOf(p: Payload): number[] {
  const out: number[] = [];
  for (const mv of (p.meterValue as Payload[] | undefined) ?? []) {
    for (const sv of (mv.sampledValue as Payload[] | undefined) ?? []) {
      const measurand = sv.measurand ?? 'Energy.Active.Import.Register';
      if (measurand !== 'Energy.Active.Import.Register' || typeof sv.value !== 'number') continue;
      const multiplier = (sv.unitOfMeasure as Payload | undefined)?.multiplier ?? 0;
      const unit = (sv.unitOfMeasure as Payload | undefined)?.unit ?? 'Wh';
      out.push(sv.value * 10 ** multiplier * (unit === 'kWh' ? 1000 : 1));
    }
  }
  return out;
}

function costOf(ctx: CsmsContext, st: StationState, p: Payload): number {
  const txId = (p.transactionInfo as Payload).transactionId as string;
  const table = readings.get(st) ?? new Map<string, Reading>();
  readings.set(st, table);
  const r = table.get(txId) ?? {};
  table.set(txId, r);
  for (const wh of energyOf(p)) {
    r.first ??= wh;
    r.last = wh;
  }
  const kWh = Math.max(0, (r.last ?? 0) - (r.first ?? 0)) / 1000;
  return Math.round(kWh * PRICE_PER_KWH * 100) / 100;
}

function sendCostUpdate(ctx: CsmsContext, session: StationSession, st: StationState, p: Payload, totalCost: number): void {
  const txId = (p.transactionInfo as Payload).transactionId as string;
  const record = runningTx(ctx, st)?.record;
  const transactionId = ctx.faults.has('costupdated-wrong-txid') && record !== undefined ? String(record) : txId;
  ctx.send(session, 'CostUpdated', { totalCost, transactionId });
}

export const tariffCost: CsmsBlock = {
  answers: {
    TransactionEvent: (answer, ctx, p, { session, station }) => {
      const totalCost = costOf(ctx, station, p);
      if (p.eventType === 'Ended' && !ctx.faults.has('final-cost-omitted')) return { ...answer, totalCost };
      if (p.eventType === 'Updated' && p.triggerReason === 'MeterValuePeriodic') sendCostUpdate(ctx, session, station, p, totalCost);
      return answer;
    },
  },
};
