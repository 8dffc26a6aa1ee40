import { RpcError, type Payload } from '../../../rpc.js';
import type { CsmsBlock } from '../state.js';

/**
 * Data transfer (P): the reference CSMS knows no vendor extensions, so every DataTransfer is
 * answered UnknownVendorId; customData in any request is accepted and ignored (P03).
 */

/** Whether a payload carries a customData object anywhere. */
function hasCustomData(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasCustomData);
  if (!v || typeof v !== 'object') return false;
  return Object.entries(v as Payload).some(([k, x]) => k === 'customData' || hasCustomData(x));
}

export const dataTransfer: CsmsBlock = {
  inbound: {
    DataTransfer: (ctx) => ({ status: ctx.faults.has('datatransfer-unknown-accepted') ? 'Accepted' : 'UnknownVendorId' }),
  },
  guard: (ctx, p, { action }) => {
    if (ctx.faults.has('customdata-rejected') && hasCustomData(p))
      throw new RpcError('PropertyConstraintViolation', `customData is not accepted in ${action}`);
  },
};
