import { StateRegistry } from '../engine/states.js';
import { states201Cs } from '../states/v201-cs.js';
import { states201Csms } from '../states/v201-csms.js';
import { states16Cs } from '../states/v16-cs.js';
import { states16Csms } from '../states/v16-csms.js';

/**
 * All reusable states, per version and SUT role. 2.1 is of the 2.0.1 family: it starts from the
 * 2.0.1 tables (StateRegistry.inherit) and registers only the states it changes on top (none yet).
 */
export function defaultStates(): StateRegistry {
  return new StateRegistry()
    .register('1.6', 'cs', states16Cs)
    .register('1.6', 'csms', states16Csms)
    .register('2.0.1', 'cs', states201Cs)
    .register('2.0.1', 'csms', states201Csms)
    .inherit('2.1', 'cs', '2.0.1')
    .inherit('2.1', 'csms', '2.0.1');
}
