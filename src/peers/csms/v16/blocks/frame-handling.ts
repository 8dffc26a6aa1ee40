import { serializeError, serializeResult } from '../../../../protocol/framing.js';
import { NO_REPLY, RpcError, type Payload } from '../../../rpc.js';
import type { CentralSystem16, StationSession } from '../central-system.js';

/**
 * Frame-level behaviour of the 1.6 reference central system below the RPC layer (security suite,
 * group RPC). The conformant central system lets every frame through to the RPC layer; everything
 * here happens only under a named fault.
 */

const isObject = (v: unknown): v is Payload => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when a MeterValues payload carries a sample that is not a finite number within 2^53. */
function hasExtremeSample(p: Payload): boolean {
  const values = Array.isArray(p.meterValue) ? p.meterValue : [];
  return values.some(
    (mv: Payload) =>
      Array.isArray(mv?.sampledValue) &&
      mv.sampledValue.some((sv: Payload) => {
        const n = Number(sv?.value);
        return !Number.isFinite(n) || Math.abs(n) > 2 ** 53;
      }),
  );
}

/** Sees every inbound frame before the RPC layer; true means it was handled here. */
export function beforeRpc(cs: CentralSystem16, s: StationSession, text: string, isBinary: boolean): boolean {
  if (isBinary) return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (cs.faults.has('cs-closes-on-invalid-json')) {
      s.rpc.close(1002);
      return true;
    }
    return false;
  }
  if (!Array.isArray(value)) return false;
  const [type, id, action, payload] = value as unknown[];
  if ((type === 3 || type === 4) && typeof id === 'string') {
    const ours = s.outstanding.delete(id);
    if (!ours && cs.faults.has('cs-crash-on-unsolicited-result')) {
      s.rpc.ws.terminate();
      return true;
    }
    return false;
  }
  const callShaped = typeof id === 'string' && id.length > 0 && typeof action === 'string' && isObject(payload);
  if (!callShaped) return false;
  const loose = () => {
    void looseDispatch(s, id, action, payload);
    return true;
  };
  if (type === 2 && value.length === 4) {
    if (id.length > 36) return cs.faults.has('cs-accepts-overlong-message-id') ? loose() : false;
    if (cs.faults.has('cs-deadlocks-on-crossing-call') && s.outstanding.size > 0) return true;
    if (action === 'MeterValues' && cs.faults.has('cs-crash-on-extreme-meter-value') && hasExtremeSample(payload)) {
      s.rpc.ws.terminate();
      return true;
    }
    if (
      action === 'BootNotification' &&
      cs.faults.has('cs-boot-skips-validation') &&
      !cs.o.validator.validate(action, 'request', payload).valid
    )
      return loose();
    return false;
  }
  if (type === 2 && value.length > 4 && cs.faults.has('cs-lenient-frame-arity')) return loose();
  if (type !== 2 && type !== 3 && type !== 4 && value.length === 4 && cs.faults.has('cs-unknown-type-handled-as-call')) return loose();
  return false;
}

/** Faults only: runs a handler without the RPC layer's checks and answers with a CALLRESULT. */
async function looseDispatch(s: StationSession, id: string, action: string, payload: Payload): Promise<void> {
  const handler = s.handlers.get(action);
  if (!handler) return s.rpc.sendRaw(serializeError(id, 'NotImplemented', `unknown action ${action}`));
  try {
    const out = handler(payload);
    if (out !== NO_REPLY) s.rpc.sendRaw(serializeResult(id, out));
  } catch (err) {
    const code = err instanceof RpcError ? err.code : 'InternalError';
    s.rpc.sendRaw(serializeError(id, code, (err as Error).message.slice(0, 255)));
  }
}
