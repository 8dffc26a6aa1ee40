import { defineFaults } from '../../faults.js';

/**
 * Faults of the 1.6 reference charge point for the connector-hardware and offline `_CS` cases of
 * issue 16 (second batch). Each breaks one behaviour; `block` is the section of the case that
 * catches it.
 */
export const STATION_16_CS_REST2_FAULTS = defineFaults({
  'lock-failure-ignored': {
    block: 'Transactions',
    description: 'a cable the connector lock fails to lock is treated as locked: no Faulted/ConnectorLockFailure, the transaction starts',
  },
  'unlock-failure-reported-unlocked': {
    block: 'Unlock',
    description: 'UnlockConnector on a connector whose lock did not open is answered Unlocked',
  },
  'offline-meter-values-dropped': {
    block: 'Offline',
    description: 'the meter values of a running transaction sampled while the connection is down are dropped, never delivered',
  },
  'offline-stop-dropped': {
    block: 'Offline',
    description: 'a transaction stopped while the connection is down is never reported: its StopTransaction is lost',
  },
});
