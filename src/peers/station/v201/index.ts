import { createStation2 } from './family.js';

export { createStation2 } from './family.js';
export { defineStationDelta, type DeltaHandler, type StationDelta } from './delta.js';
export { STATION_201_FAULTS, type Station201Fault } from './faults.js';

/** The 2.0.1 reference charging station: the base of the 2.0.1/2.1 family. */
export const station201 = createStation2('2.0.1');
