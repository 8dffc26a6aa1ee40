import type { StateTable } from '../engine/states.js';

/** Reusable states for 1.6 cases where the SUT is a central system (the harness is a charge point). */
export const states16Csms: StateTable = {};
