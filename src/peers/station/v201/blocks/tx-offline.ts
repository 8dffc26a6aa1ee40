import { RpcError, type Payload } from '../../../rpc.js';
import type { StationState } from '../state.js';

/**
 * Delivery of transaction messages (E11-E14): every TransactionEvent goes through one queue, in
 * the order the events happened. While the station is offline (no accepted connection) events
 * are kept, marked `offline: true` (E12), and delivered once the connection is back (E11). A
 * TransactionEvent the CSMS answers with a CALLERROR, or does not answer within the station's
 * MessageTimeout, is sent again after MessageAttemptInterval[TransactionEvent] seconds times the
 * attempts made so far, up to MessageAttempts[TransactionEvent] attempts in all; then it is
 * dropped and the next one goes (E13). A message counts as queued until the CSMS answered it,
 * which is what GetTransactionStatus reports (E14).
 */

interface Queued {
  payload: Payload;
  resolve: (res: Payload | undefined) => void;
  attempts: number;
}

interface TxQueue {
  items: Queued[];
  pumping: boolean;
}

const queues = new WeakMap<StationState, TxQueue>();

function queueOf(st: StationState): TxQueue {
  let q = queues.get(st);
  if (!q) {
    q = { items: [], pumping: false };
    queues.set(st, q);
  }
  return q;
}

function online(st: StationState): boolean {
  const rpc = st.rpc;
  return rpc !== undefined && !rpc.closed && rpc.ws.readyState === rpc.ws.OPEN && st.bootState === 'accepted';
}

/** A TransactionEvent request: queued behind earlier ones; resolves with the CSMS's answer (undefined when dropped). */
export function deliverTxEvent(st: StationState, payload: Payload): Promise<Payload | undefined> {
  if (st.faults.has('second-call-before-answer') || st.faults.has('unanswered-call-flood')) return st.send('TransactionEvent', payload);
  if (st.faults.has('local-stop-not-reported') && payload.triggerReason === 'StopAuthorized') return Promise.resolve(undefined);
  if (!online(st)) {
    if (st.faults.has('tx-offline-events-dropped')) return Promise.resolve(undefined);
    if (!st.faults.has('tx-offline-flag-missing')) payload.offline = true;
  }
  return new Promise((resolve) => {
    queueOf(st).items.push({ payload, resolve, attempts: 0 });
    void pump(st);
  });
}

/** The connection is back (accepted): deliver what waited. */
export function resumeTxQueue(st: StationState): void {
  void pump(st);
}

function attemptsAllowed(st: StationState): number {
  return Math.max(1, Number.parseInt(st.dm.get('OCPPCommCtrlr', 'MessageAttempts', 'TransactionEvent'), 10) || 1);
}

function attemptIntervalMs(st: StationState): number {
  return (Number.parseInt(st.dm.get('OCPPCommCtrlr', 'MessageAttemptInterval', 'TransactionEvent'), 10) || 0) * 1000;
}

/** The station's own wait for an answer (OCPPCommCtrlr.MessageTimeout, s). */
function messageTimeoutMs(st: StationState): number {
  return (Number.parseInt(st.dm.get('OCPPCommCtrlr', 'MessageTimeout', 'Default'), 10) || 30) * 1000;
}

function pause(st: StationState, ms: number): Promise<void> {
  return new Promise((resolve) => st.later(ms, resolve));
}

async function pump(st: StationState): Promise<void> {
  const q = queueOf(st);
  if (q.pumping) return;
  q.pumping = true;
  try {
    while (q.items.length > 0 && online(st) && !st.stopped) {
      const head = q.items[0];
      const rpc = st.rpc;
      if (!head || !rpc) break;
      head.attempts += 1;
      try {
        const res = await rpc.call('TransactionEvent', head.payload, messageTimeoutMs(st));
        q.items.shift();
        head.resolve(res);
        continue;
      } catch (err) {
        // A lost connection is no failed attempt: the message waits for the next one.
        if (!(err instanceof RpcError) && (st.rpc !== rpc || !online(st))) {
          head.attempts -= 1;
          break;
        }
      }
      const max = attemptsAllowed(st) + (st.faults.has('tx-retry-beyond-max') ? 1 : 0);
      if (head.attempts >= max || st.faults.has('tx-retry-none')) {
        st.o.log?.(`TransactionEvent seqNo ${String(head.payload.seqNo)} dropped after ${head.attempts} attempt(s)`);
        q.items.shift();
        head.resolve(undefined);
        continue;
      }
      await pause(st, attemptIntervalMs(st) * head.attempts);
    }
  } finally {
    q.pumping = false;
  }
  if (q.items.length > 0 && online(st) && !st.stopped) void pump(st);
}

/** Whether TransactionEvents (of one transaction, or any) wait for delivery, the one in flight included. */
function txMessagesQueued(st: StationState, transactionId?: string): boolean {
  if (st.faults.has('txstatus-queue-ignored')) return false;
  const items = queueOf(st).items;
  return items.some(
    (i) => transactionId === undefined || (i.payload.transactionInfo as Payload | undefined)?.transactionId === transactionId,
  );
}

/** GetTransactionStatus (E14): whether the transaction is still running, and whether its (or any) messages wait. */
export async function getTransactionStatus(st: StationState, p: Payload): Promise<Payload> {
  // Answers that arrived just before this call are processed first (they may empty the queue).
  await new Promise((resolve) => setImmediate(resolve));
  if (p.transactionId === undefined) {
    const res: Payload = { messagesInQueue: txMessagesQueued(st) };
    if (st.faults.has('txstatus-no-id-indicator')) res.ongoingIndicator = st.tx !== undefined;
    return res;
  }
  const id = p.transactionId as string;
  const ongoing = (st.tx?.id === id && !st.faults.has('txstatus-not-ongoing')) || st.faults.has('txstatus-any-ongoing');
  return { ongoingIndicator: ongoing, messagesInQueue: txMessagesQueued(st, id) };
}
