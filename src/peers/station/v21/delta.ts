import { defineStation2Delta } from '../v201/index.js';

/**
 * What the 2.1 reference station changes in the 2.0.1 one. For now only what it takes to speak
 * 2.1: its subprotocol (the version itself is the family's parameter). 2.1's additions (new
 * handlers, faults, boot fields) go here as they are implemented.
 */
export const STATION_21_DELTA = defineStation2Delta({
  subprotocol: 'ocpp2.1',
});
