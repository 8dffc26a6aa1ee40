import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 requirements of the station's EV-side cable disconnect (E09, E10), first named by
 * the `_CS` cases TC_E_24 and TC_E_26. Our words; taken from the use cases and public
 * requirement lists, not checked against the primary text, so marked inferred.
 */
export const OCPP201_E_EVSIDE = defineRequirements('OCPP201', [
  [
    'E09.FR.01',
    'MUST',
    'With StopTxOnEVSideDisconnect true, pulling the cable at the EV side deauthorizes the transaction: energy stops and a stop point that needs the EV or the authorization ends it, the station side still plugged.',
    I,
  ],
  [
    'E10.FR.02',
    'MUST',
    'A transaction suspended by an EV-side disconnect (StopTxOnEVSideDisconnect false) resumes charging when the EV is connected again.',
    I,
  ],
]);
