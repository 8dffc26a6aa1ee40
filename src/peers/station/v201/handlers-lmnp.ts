import { RpcError } from '../../rpc.js';
import type { StationHandler } from './state.js';
import { customerInformation } from './blocks/customer-info.js';
import { dataTransfer } from './blocks/data-transfer.js';

/** The CSMS calls of blocks N (customer information) and P (data transfer), merged into the family's handlers by peer.ts. */
export const LMNP_HANDLERS: Readonly<Record<string, StationHandler>> = {
  CustomerInformation: customerInformation,
  DataTransfer: dataTransfer,
};

/**
 * Every handler, wrapped by the `customdata-refused` fault: a request carrying customData (which
 * every 2.0.1 type admits) is answered with a CALLERROR instead of being served.
 */
export function refusingCustomData(handlers: Readonly<Record<string, StationHandler>>): Readonly<Record<string, StationHandler>> {
  const wrapped = Object.entries(handlers).map(([action, h]): [string, StationHandler] => [
    action,
    (st, p, rpc) => {
      if (st.faults.has('customdata-refused') && 'customData' in p) throw new RpcError('FormationViolation', 'customData is not accepted');
      return h(st, p, rpc);
    },
  ]);
  return Object.fromEntries(wrapped);
}
