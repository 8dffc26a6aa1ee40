import { createStation2 } from './family.js';

export { createStation2 } from './family.js';
export { defineStation2Delta, type DeltaCall, type DeltaHandler, type Station2Delta } from './delta.js';
export type { Station2Version, StationHandler } from './state.js';
export { STATION_201_FAULTS, type Station201Fault } from './faults.js';

/** The 2.0.1 reference charging station: the base of the 2.0.1/2.1 family. */
export const station201 = createStation2('2.0.1');
