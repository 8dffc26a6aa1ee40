import type { Csms2Delta } from '../v201/index.js';

/**
 * What the OCPP 2.1 reference CSMS changes in the 2.0.1 base. For now only what a 2.1 station
 * needs to be accepted: the CSMS selects subprotocol ocpp2.1, and the family validates against
 * the 2.1 schemas (the version). Handlers, answers and faults that 2.1 changes go here as they
 * are written.
 */
export const CSMS_21_DELTA: Csms2Delta = {
  subprotocol: 'ocpp2.1',
};
