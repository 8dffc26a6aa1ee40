import type { StateTable } from '../engine/states.js';

/** Reusable states for 1.6 cases where the SUT is a charge point (the harness is central system). */
export const states16Cs: StateTable = {};
