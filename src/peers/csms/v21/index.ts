import { createCsms2 } from '../v201/index.js';
import { CSMS_21_DELTA } from './delta.js';

/** The OCPP 2.1 reference CSMS: the 2.0.1 base with the 2.1 delta. */
export const csms21 = createCsms2('2.1', CSMS_21_DELTA);
