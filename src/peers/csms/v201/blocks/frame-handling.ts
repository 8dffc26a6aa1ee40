import type { ActiveFaults } from '../../../faults.js';
import type { RpcPeer } from '../../../rpc.js';
import type { Csms201Fault } from '../faults.js';

/** What the frame-level faults need from the CSMS they break. */
export interface FrameFaultHost {
  faults: ActiveFaults<Csms201Fault>;
  /** Simulated crash of the whole CSMS. */
  crash(reason: string): void;
  /** The CSMS is stalled (heartbeat-flood-stall): it reads frames and answers none. */
  stalled: boolean;
  /** Runs the handler for an action on this session and sends the answer with this id. */
  execute(messageId: string, action: string, payload: Record<string, any>): Promise<void>;
  /** Actions this session has handlers for. */
  actions(): string[];
  /** Message ids of the CSMS's own calls still waiting for an answer, oldest first. */
  outstanding: string[];
  log(line: string): void;
}

const FAR_FUTURE = /^[+-]?\d{5,}-\d{2}-\d{2}T/;

function hasString(value: unknown, test: (s: string) => boolean, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === 'string') return test(value);
  if (Array.isArray(value)) return value.some((v) => hasString(v, test, depth + 1));
  if (value && typeof value === 'object') return Object.values(value).some((v) => hasString(v, test, depth + 1));
  return false;
}

/**
 * Frame handling (OCPP-J): the interceptor that implements the frame-level faults of the
 * reference CSMS. It is installed only when one of those faults is active; each branch is the
 * single place where its fault breaks the conformant handling that follows in RpcPeer.
 */
export function frameFaultInterceptor(rpc: RpcPeer, host: FrameFaultHost): (text: string, isBinary: boolean) => boolean {
  let busy = false;
  const passing = new Set<string>();
  const recentCalls: number[] = [];
  const reemit = (frame: unknown[]) => rpc.ws.emit('message', Buffer.from(JSON.stringify(frame)), false);

  return (text, isBinary) => {
    if (host.stalled) return true;
    if (isBinary) {
      if (host.faults.has('binary-frame-crash')) {
        host.crash('binary WebSocket frame');
        return true;
      }
      return false;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (host.faults.has('non-json-closes-connection')) {
        host.log('frame is not JSON: closing the connection');
        rpc.close(1008);
        return true;
      }
      return false;
    }
    if (!Array.isArray(value)) return false;
    const [type, id, action, payload] = value as [unknown, unknown, unknown, unknown];

    // Bookkeeping of the CSMS's own outstanding calls (for unsolicited-result-accepted).
    if ((type === 3 || type === 4) && typeof id === 'string') {
      const at = host.outstanding.indexOf(id);
      if (at >= 0) host.outstanding.splice(at, 1);
      else if (host.faults.has('unsolicited-result-accepted') && host.outstanding.length > 0) {
        const target = host.outstanding.shift()!;
        host.log(`unsolicited ${type === 3 ? 'CALLRESULT' : 'CALLERROR'} ${id} taken as the answer to ${target}`);
        reemit([type, target, ...value.slice(2)]);
        return true;
      }
      if (
        type === 3 &&
        host.faults.has('malformed-callresult-crash') &&
        (value.length !== 3 || typeof value[2] !== 'object' || value[2] === null || Array.isArray(value[2]))
      ) {
        host.crash('malformed CALLRESULT');
        return true;
      }
      return false;
    }

    if (type === 2) {
      const now = performance.now();
      if (host.faults.has('heartbeat-flood-stall')) {
        recentCalls.push(now);
        while (recentCalls.length && now - recentCalls[0] > 1000) recentCalls.shift();
        if (recentCalls.length > 100) {
          host.log('more than 100 calls within a second: the CSMS stalls');
          host.stalled = true;
          return true;
        }
      }
      if (host.faults.has('back-to-back-call-dropped')) {
        // One CALL at a time, each taking 30 ms; a CALL arriving meanwhile is lost.
        if (passing.delete(text)) return false;
        if (busy) {
          host.log(`CALL ${String(id)} arrived while the previous one was being handled: dropped`);
          return true;
        }
        busy = true;
        setTimeout(() => {
          passing.add(text);
          rpc.ws.emit('message', Buffer.from(text), false);
          busy = false;
        }, 30);
        return true;
      }
      if (host.faults.has('crash-on-nul-char') && hasString(value, (s) => s.includes('\u0000'))) {
        host.crash('NUL character in a request');
        return true;
      }
      if (host.faults.has('crash-on-far-future-year') && hasString(payload, (s) => FAR_FUTURE.test(s))) {
        host.crash('date-time with a year of more than 4 digits');
        return true;
      }
      if (
        host.faults.has('crash-on-empty-boot') &&
        action === 'BootNotification' &&
        payload &&
        typeof payload === 'object' &&
        Object.keys(payload).length === 0
      ) {
        rpc.sendRaw(JSON.stringify([4, id, 'OccurrenceConstraintViolation', 'required properties missing', {}]));
        host.crash('empty BootNotification');
        return true;
      }
      if (
        host.faults.has('long-message-id-accepted') &&
        typeof id === 'string' &&
        (id.length === 0 || id.length > 36) &&
        value.length === 4 &&
        typeof action === 'string'
      ) {
        void host.execute(id, action, (payload ?? {}) as Record<string, any>);
        return true;
      }
      if (
        host.faults.has('lenient-rpc-arity') &&
        typeof id === 'string' &&
        id.length > 0 &&
        id.length <= 36 &&
        typeof action === 'string' &&
        value.length !== 4 &&
        value.length >= 3
      ) {
        const p = payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : {};
        void host.execute(id, action, p as Record<string, any>);
        return true;
      }
      if (host.faults.has('action-case-insensitive') && typeof action === 'string' && value.length === 4) {
        const canonical = host.actions().find((a) => a !== action && a.toLowerCase() === action.trim().toLowerCase());
        if (canonical) {
          reemit([2, id, canonical, payload]);
          return true;
        }
      }
      return false;
    }

    if (
      host.faults.has('unknown-message-type-executed') &&
      typeof type === 'number' &&
      ![2, 3, 4].includes(type) &&
      value.length === 4 &&
      typeof id === 'string' &&
      typeof action === 'string'
    ) {
      reemit([2, id, action, payload]);
      return true;
    }
    return false;
  };
}
