import { defineFaults } from '../../faults.js';

/** Faults of the 2.0.1 reference station's EV-side disconnect handling (block E, blocks/ev-side.ts). */
export const STATION_201_EVSIDE_FAULTS = defineFaults({
  'evside-disconnect-only-suspends': {
    block: 'E',
    description: 'with StopTxOnEVSideDisconnect true an EV-side disconnect only suspends the transaction instead of deauthorizing it',
  },
  'evside-suspend-ends-tx': {
    block: 'E',
    description: 'with StopTxOnEVSideDisconnect false an EV-side disconnect ends the transaction instead of suspending it',
  },
});
