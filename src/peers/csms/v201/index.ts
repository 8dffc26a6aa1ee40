import { createCsms2 } from './family.js';

/** The OCPP 2.0.1 reference CSMS: the base of the 2.0.1/2.1 family, with no delta. */
export const csms201 = createCsms2('2.0.1');

export { createCsms2, type Csms2Delta, type Csms2Version, type DeltaInboundHandler } from './family.js';
export { CSMS_201_FAULTS, type Csms201Fault } from './faults.js';
export type { CsmsContext, InboundCall, InboundHandler, RequestBuilder, ResponseHandler } from './state.js';
