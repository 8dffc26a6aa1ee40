import { StateRegistry } from '../engine/states.js';
import { states201Cs } from '../states/v201-cs.js';
import { states201Csms } from '../states/v201-csms.js';
import { states16Cs } from '../states/v16-cs.js';
import { states16Csms } from '../states/v16-csms.js';

/** All reusable states, per version and SUT role. */
export function defaultStates(): StateRegistry {
  return new StateRegistry()
    .register('2.0.1', 'cs', states201Cs)
    .register('2.0.1', 'csms', states201Csms)
    .register('1.6', 'cs', states16Cs)
    .register('1.6', 'csms', states16Csms);
}
