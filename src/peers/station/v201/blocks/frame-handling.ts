import { parseFrame, serializeError, serializeResult } from '../../../../protocol/framing.js';
import { RpcError, type Payload, type RpcPeer } from '../../../rpc.js';
import { MAX_MESSAGE_BYTES } from '../connection.js';
import type { StationState } from '../state.js';
import { onBootAccepted } from './provisioning.js';
import { remoteStart } from './remote-control.js';
import { securityEvent } from './security.js';

/**
 * RPC-level handling of inbound frames (OCPP-J): records invalid messages and replays in the
 * security log, turns malformed answers to the station's own calls into failed calls, detects
 * replayed message ids, and is the single place where the frame-level faults act.
 */

/** Message ids of CSMS calls remembered for replay detection (across connections). */
const REPLAY_MEMORY = 1024;

/** Deepest nesting of arrays/objects in a value, counted without recursion. */
export function nestingDepth(value: unknown, stopAt = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max >= stopAt) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return max;
}

/** Whether any string in the value looks like a date-time whose year has more than four digits. */
export function hasFarFutureYear(value: unknown): boolean {
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length && seen++ < 100_000) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (/^[+-]?\d{5,}-\d{2}-\d{2}T/.test(v)) return true;
    } else if (typeof v === 'object' && v !== null) {
      for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push(child);
    }
  }
  return false;
}

/** Answers a CALL directly with one of the station's handlers (used only by fault paths). */
async function execute(
  st: StationState,
  rpc: RpcPeer,
  messageId: string,
  action: string,
  payload: unknown,
  replyId = () => messageId,
): Promise<void> {
  const handler = st.handlers[action];
  if (!handler) return;
  try {
    const out = await handler(st, (payload ?? {}) as Payload, rpc);
    rpc.sendRaw(serializeResult(replyId(), out));
  } catch (err) {
    rpc.sendRaw(serializeError(replyId(), err instanceof RpcError ? err.code : 'InternalError', (err as Error).message.slice(0, 255)));
  }
}

/** Sees every inbound frame first; true means handled (RpcPeer does nothing more with it). */
export function inspect(st: StationState, rpc: RpcPeer, text: string, isBinary: boolean): boolean {
  if (st.crashed) return true;
  if (isBinary) {
    if (st.faults.has('binary-frame-crash')) {
      st.crash('binary frame');
      return true;
    }
    securityEvent(st, 'InvalidMessages', 'binary WebSocket frame ignored');
    return true;
  }
  if (text.length > MAX_MESSAGE_BYTES && st.faults.has('big-message-crash')) {
    st.crash(`message of ${text.length} bytes`);
    return true;
  }
  const frame = parseFrame(text);
  if (frame.kind === 'malformed') {
    securityEvent(st, 'InvalidMessages', frame.problem.slice(0, 200));
    return inspectMalformed(st, rpc, text, frame.problem);
  }
  if (frame.kind === 'result' && st.bootState === 'pending' && st.faults.has('forged-boot-result-unlocks')) {
    const p = frame.payload as Payload;
    if (p.status === 'Accepted')
      onBootAccepted(st, Number.isInteger(p.interval) && p.interval > 0 ? p.interval : st.o.config.timeouts.bootRetryIntervalS);
    return false;
  }
  if (frame.kind !== 'call') return false;
  if (st.faults.has('crash-on-far-future-year') && hasFarFutureYear(frame.payload)) {
    st.crash('date-time with a year of more than 4 digits');
    return true;
  }
  if (st.faults.has('deep-customdata-crash') && nestingDepth(frame.payload, 1001) > 1000) {
    st.crash('deeply nested payload');
    return true;
  }
  if (!st.faults.has('replayed-start-executed-twice')) {
    if (st.seenIds.has(frame.messageId)) {
      securityEvent(st, 'AttemptedReplayAttacks', `message id ${frame.messageId.slice(0, 40)} of ${frame.action} was used before`);
      rpc.sendRaw(serializeError(frame.messageId, 'RpcFrameworkError', 'message id already used; the call is not executed again'));
      return true;
    }
    st.seenIds.add(frame.messageId);
    if (st.seenIds.size > REPLAY_MEMORY) st.seenIds.delete(st.seenIds.values().next().value as string);
  }
  const known = st.o.validator.hasAction(frame.action);
  if (!known && st.faults.has('action-name-case-insensitive')) {
    const match = Object.keys(st.handlers).find((a) => a.toLowerCase() === frame.action.toLowerCase());
    if (match) {
      void execute(st, rpc, frame.messageId, match, frame.payload);
      return true;
    }
  }
  const valid = known && st.o.validator.validate(frame.action, 'request', frame.payload).valid;
  if (known && !valid) {
    if (frame.action === 'RequestStartTransaction' && st.faults.has('schema-unchecked-request-start')) {
      const p = (frame.payload ?? {}) as Payload;
      const token = { idToken: String(p.idToken?.idToken ?? p.idToken ?? 'UNKNOWN'), type: String(p.idToken?.type ?? 'ISO14443') };
      if (st.bootState === 'accepted' && !st.tx && !st.pendingStart) {
        const remoteStartId = Number.isInteger(p.remoteStartId) ? (p.remoteStartId as number) : 0;
        st.later(0, () => st.serialize(() => remoteStart(st, token, remoteStartId)));
      }
      rpc.sendRaw(serializeResult(frame.messageId, { status: 'Accepted' }));
      return true;
    }
    securityEvent(st, 'InvalidMessages', `${frame.action} violates its schema`);
  }
  if (st.faults.has('flood-mixes-responses') && valid && st.handlers[frame.action]) {
    // One shared "current call" slot: the answer goes out a moment later, under whichever id
    // arrived last (harmless for calls one at a time, mixed up in a burst).
    st.latestCallId = frame.messageId;
    setTimeout(() => void execute(st, rpc, frame.messageId, frame.action, frame.payload, () => st.latestCallId), 5);
    return true;
  }
  return false;
}

/** Malformed frames: answers to our own calls become failed calls; faults execute some shapes. */
function inspectMalformed(st: StationState, rpc: RpcPeer, text: string, problem: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (st.faults.has('non-json-closes-connection')) {
      rpc.close(1007);
      return true;
    }
    return false;
  }
  if (!Array.isArray(value)) return false;
  const [type, id, action, payload] = value as [unknown, unknown, unknown, unknown];
  if ((type === 3 || type === 4) && typeof id === 'string' && id) {
    // A malformed CALLRESULT/CALLERROR for one of our calls: that call failed. We do not answer it.
    rpc.ws.emit('message', Buffer.from(serializeError(id, 'FormatViolation', `malformed answer: ${problem}`.slice(0, 255))), false);
    return true;
  }
  const callShape =
    typeof id === 'string' && typeof action === 'string' && typeof payload === 'object' && payload !== null && !Array.isArray(payload);
  if (!callShape) return false;
  if (type === 2 && value.length > 4 && st.faults.has('arity-tolerated')) {
    void execute(st, rpc, id as string, action as string, payload);
    return true;
  }
  if (type === 2 && (id as string).length > 36 && st.faults.has('long-message-id-accepted')) {
    void execute(st, rpc, id as string, action as string, payload);
    return true;
  }
  if (typeof type === 'number' && ![2, 3, 4, 5, 6].includes(type) && value.length === 4 && st.faults.has('unknown-type-executed-as-call')) {
    void execute(st, rpc, id as string, action as string, payload);
    return true;
  }
  return false;
}
