import { NO_REPLY, RpcError, type Payload } from '../../../rpc.js';
import type { CsmsBlock, CsmsContext, StationState, TxRecord } from '../state.js';
import { idTokenInfo } from './authorization.js';
import { checkTransactionMeterValues } from './meter-values.js';
import { defined } from './payload.js';
import { omitsIdTokenInfoByOptionFault, refuseByOptionFault } from './transaction-options.js';

/**
 * Transactions (E): transactions belong to the station that reported them, transactionIds are
 * per station, and a TransactionEvent whose seqNo was already processed changes nothing (it is
 * answered as before).
 */

/** The newest open transaction of a station (on one EVSE when given). */
export function runningTx(ctx: CsmsContext, st: StationState, evseId?: number): TxRecord | undefined {
  const open = [...ctx.tableFor(st).values()].filter((t) => !t.ended && (evseId === undefined || t.evseId === evseId));
  return open[open.length - 1];
}

function onTransactionEvent(ctx: CsmsContext, identity: string, st: StationState, p: Payload): Payload | typeof NO_REPLY {
  const faults = ctx.faults;
  const info = p.transactionInfo as Payload;
  const id = info.transactionId as string;
  const seqNo = p.seqNo as number;

  if (faults.has('txevent-seqno-per-station')) {
    if (seqNo <= st.stationSeqNo) {
      ctx.log(`TransactionEvent seqNo ${seqNo} <= ${st.stationSeqNo}: dropped as a duplicate`);
      return NO_REPLY;
    }
    st.stationSeqNo = seqNo;
  }
  if (faults.has('txevent-started-requires-idtoken') && p.eventType === 'Started' && !p.idToken) {
    throw new RpcError('OccurrenceConstraintViolation', 'idToken is required to start a transaction');
  }
  checkTransactionMeterValues(ctx, p);

  const table = ctx.tableFor(st);
  let tx = table.get(id);
  const replayed = tx?.seen.has(seqNo) === true;
  if (replayed && faults.has('replayed-txevent-applied-twice') && p.eventType === 'Started') {
    // The replayed start is processed as a new one: the transaction is opened again.
    table.delete(id);
    tx = undefined;
  }
  if (!replayed) refuseByOptionFault(ctx, tx, p);
  if (tx && replayed && !faults.has('replayed-txevent-applied-twice')) {
    // Already processed (a retry or a replay): answered as before, nothing changes.
    ctx.log(`TransactionEvent ${id} seqNo ${seqNo} was processed before: not applied again`);
  } else {
    if (!tx) {
      tx = {
        record: ++ctx.counters.records,
        transactionId: id,
        lastSeqNo: seqNo - 1,
        ended: false,
        owner: identity,
        seen: new Set<number>(),
      };
      table.set(id, tx);
      if (p.eventType !== 'Started') ctx.log(`TransactionEvent ${p.eventType} for a transaction not seen before: ${id}`);
    }
    if (seqNo !== tx.lastSeqNo + 1) ctx.log(`TransactionEvent ${id}: seqNo ${seqNo} after ${tx.lastSeqNo} (gap or retransmission)`);
    tx.seen.add(seqNo);
    tx.owner = identity;
    tx.lastSeqNo = Math.max(tx.lastSeqNo, seqNo);
    if (p.evse?.id !== undefined) tx.evseId = p.evse.id;
    if (info.chargingState) tx.chargingState = info.chargingState;
    if (info.remoteStartId !== undefined) tx.remoteStartId = info.remoteStartId;
    if (p.eventType === 'Ended') tx.ended = true;
  }

  const res: Payload = {};
  if (p.idToken) {
    const tokenInfo = idTokenInfo(ctx, p.idToken);
    if (faults.has('txevent-accepts-any-token')) tokenInfo.status = 'Accepted';
    const omit =
      (p.eventType === 'Started' && faults.has('txevent-started-no-idtokeninfo')) ||
      (p.eventType === 'Updated' && faults.has('txevent-updated-no-idtokeninfo')) ||
      (p.eventType === 'Ended' && faults.has('txevent-ended-no-idtokeninfo')) ||
      omitsIdTokenInfoByOptionFault(ctx, p);
    if (!omit) res.idTokenInfo = tokenInfo;
  }
  return res;
}

export const transactions: CsmsBlock = {
  inbound: {
    TransactionEvent: (ctx, p, { session, station }) => onTransactionEvent(ctx, session.identity, station, p),
  },
  requests: {
    GetTransactionStatus: (ctx, p, st) => {
      if (ctx.faults.has('txstatus-missing-txid')) return {};
      // Without a transactionId the request asks about the station's queue as a whole (E14).
      const added = p.transactionId === undefined && ctx.faults.has('txstatus-txid-added') ? runningTx(ctx, st)?.transactionId : undefined;
      return defined({ transactionId: p.transactionId ?? added });
    },
  },
};
