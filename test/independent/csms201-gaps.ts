/**
 * Operator-action request builders of the independent 2.0.1 CSMS added for issue 14's gap slice
 * (blocks E, F, G), merged over the base builders of csms201.ts: TriggerMessage passes the
 * connector the operator chose as well (F06, TC_F_23/24_CSMS).
 */
import type { Payload } from './common.js';

const defined = (o: Payload): Payload => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export const GAP_REQUESTS: Record<string, (d: Payload) => Payload | string> = {
  TriggerMessage: (d) =>
    defined({
      requestedMessage: d.requestedMessage,
      evse: d.evseId !== undefined ? defined({ id: d.evseId, connectorId: d.connectorId }) : undefined,
    }),
};
