import type { Csms2Delta } from '../v201/index.js';
import { PERIODIC_STREAMS } from './blocks/periodic-streams.js';

/**
 * What the OCPP 2.1 reference CSMS changes in the 2.0.1 base: it selects subprotocol ocpp2.1,
 * the family validates against the 2.1 schemas (the version), and it serves 2.1's new messages
 * one v21/blocks module each. Handlers, answers and faults that 2.1 changes go here as they are
 * written.
 */
export const CSMS_21_DELTA: Csms2Delta = {
  subprotocol: 'ocpp2.1',
  inbound: { ...PERIODIC_STREAMS },
};
