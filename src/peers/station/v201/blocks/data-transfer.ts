import type { Payload } from '../../../rpc.js';
import type { StationState } from '../state.js';

/** Block P (data transfer): the reference station knows no vendor extension, so every DataTransfer is UnknownVendorId (P01.FR.05). */
export function dataTransfer(st: StationState, p: Payload): Payload {
  if (st.faults.has('datatransfer-unknown-accepted') && typeof p.vendorId === 'string') return { status: 'Accepted' };
  return { status: 'UnknownVendorId' };
}
