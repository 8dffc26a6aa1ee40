import { serializeError, serializeResult } from '../../../../protocol/framing.js';
import type { RpcPeer, Payload } from '../../../rpc.js';
import type { ChargePoint16 } from '../charge-point.js';
import { afterAccepted } from './core.js';

/**
 * Frame-level behaviour of the 1.6 reference charge point below the RPC layer (security suite,
 * group RPC). Conformant part: a CALL whose message id was already used on this connection is
 * refused with a CALLERROR and not executed (OCPP-J 1.6 section 4.1.4). Everything else here
 * happens only under a named fault.
 */

/** How many inbound CALL message ids a connection remembers to detect reuse. */
const SEEN_IDS = 1000;

/** Per-connection bookkeeping below the RPC layer. */
export interface Link16 {
  /** Message ids of CALLs received on this connection (oldest first), to refuse reuse. */
  seen: Set<string>;
  /** Ids of our own CALLs that have not been answered yet. */
  pending: Set<string>;
}

const isObject = (v: unknown): v is Payload => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sees every inbound frame before the RPC layer; true means it was handled here. */
export function beforeRpc(cp: ChargePoint16, rpc: RpcPeer, link: Link16, text: string, isBinary: boolean): boolean {
  if (isBinary) return false;
  if (cp.faults.has('cp-crash-on-nul-in-string') && text.includes('\\u0000')) {
    cp.log('fault: crashing on a NUL character');
    rpc.ws.terminate();
    return true;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (cp.faults.has('cp-closes-on-invalid-json')) {
      rpc.close(1002);
      return true;
    }
    return false;
  }
  if (!Array.isArray(value)) return false;
  const [type, id, action, payload] = value as unknown[];
  if ((type === 3 || type === 4) && typeof id === 'string') {
    const ours = link.pending.delete(id);
    if (
      !ours &&
      type === 3 &&
      cp.faults.has('cp-unsolicited-result-accepted') &&
      cp.bootState === 'pending' &&
      isObject(value[2]) &&
      value[2].status === 'Accepted'
    ) {
      cp.log('fault: an unsolicited CALLRESULT taken as boot acceptance');
      cp.bootState = 'accepted';
      void afterAccepted(cp);
      return true;
    }
    return false;
  }
  const callShaped = typeof id === 'string' && id.length > 0 && typeof action === 'string' && isObject(payload);
  if (!callShaped) return false;
  if (type === 2 && value.length === 4) {
    if (id.length > 36) {
      if (!cp.faults.has('cp-accepts-long-message-id')) return false;
      void looseDispatch(cp, rpc, id, action, payload);
      return true;
    }
    if (cp.faults.has('cp-ignores-calls-while-own-call-pending') && cp.outstanding > 0) return true;
    if (link.seen.has(id) && !cp.faults.has('cp-replayed-remote-start-twice')) {
      rpc.sendRaw(serializeError(id, 'GenericError', 'message id already used on this connection; the CALL is not executed again'));
      return true;
    }
    link.seen.add(id);
    if (link.seen.size > SEEN_IDS) link.seen.delete(link.seen.values().next().value as string);
    if (cp.faults.has('cp-action-case-insensitive') && !cp.handlers.has(action)) {
      const canonical = [...cp.handlers.keys()].find((k) => k.toLowerCase() === action.trim().toLowerCase());
      if (canonical) {
        void looseDispatch(cp, rpc, id, canonical, payload);
        return true;
      }
    }
    if (cp.faults.has('cp-remote-start-skips-validation') && action === 'RemoteStartTransaction') {
      void looseDispatch(cp, rpc, id, action, payload);
      return true;
    }
    return false;
  }
  if (
    (type === 2 && value.length > 4 && cp.faults.has('cp-lenient-frame-arity')) ||
    (type === 6 && value.length === 4 && cp.faults.has('cp-executes-send-type-6'))
  ) {
    void looseDispatch(cp, rpc, id, action, payload);
    return true;
  }
  return false;
}

/** Faults only: runs a handler without the RPC layer's checks and answers with a CALLRESULT. */
async function looseDispatch(cp: ChargePoint16, rpc: RpcPeer, id: string, action: string, payload: Payload): Promise<void> {
  const handler = cp.handlers.get(action);
  if (!handler) return rpc.sendRaw(serializeError(id, 'NotImplemented', `unknown action ${action}`));
  try {
    rpc.sendRaw(serializeResult(id, await handler(payload)));
  } catch (err) {
    rpc.sendRaw(serializeError(id, 'InternalError', (err as Error).message.slice(0, 255)));
  }
}
