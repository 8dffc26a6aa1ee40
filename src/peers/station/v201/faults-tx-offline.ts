import { defineFaults } from '../../faults.js';

/** Faults of the 2.0.1 reference station's transaction message delivery (E11-E14, blocks/tx-offline.ts): each breaks one behaviour. */
export const STATION_201_TX_OFFLINE_FAULTS = defineFaults({
  'txstatus-queue-ignored': {
    block: 'E',
    description: 'GetTransactionStatus always reports messagesInQueue false, even while TransactionEvents wait for delivery',
  },
  'txstatus-any-ongoing': {
    block: 'E',
    description: 'GetTransactionStatus reports ongoingIndicator true for any transactionId, ended or unknown ones included',
  },
  'txstatus-no-id-indicator': {
    block: 'E',
    description: 'GetTransactionStatus without a transactionId still answers with an ongoingIndicator',
  },
  'tx-offline-events-dropped': {
    block: 'E',
    description: 'TransactionEvents that happen while the station is offline are dropped instead of queued and delivered later',
  },
  'tx-offline-flag-missing': {
    block: 'E',
    description: 'TransactionEvents that happened while the station was offline are delivered without offline true',
  },
  'tx-retry-none': {
    block: 'E',
    description: 'a TransactionEvent the CSMS answers with a CALLERROR or not at all is dropped at once, never sent again',
  },
  'tx-retry-beyond-max': {
    block: 'E',
    description: 'a TransactionEvent the CSMS keeps failing is sent once more than MessageAttempts[TransactionEvent] allows',
  },
  'ev-connect-timeout-ignored': {
    block: 'E',
    description: 'an authorization waiting for the cable never lapses: EVConnectionTimeOut is ignored',
  },
  'local-stop-not-reported': {
    block: 'E',
    description: 'a transaction the driver stops with the token is stopped, but its StopAuthorized TransactionEvent is never sent',
  },
});
