import { createStation2 } from '../v201/index.js';
import { STATION_21_DELTA } from './delta.js';

/** The 2.1 reference charging station: the 2.0.1 station with the 2.1 delta. */
export const station21 = createStation2('2.1', STATION_21_DELTA);
