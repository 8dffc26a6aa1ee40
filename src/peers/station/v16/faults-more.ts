import { defineFaults } from '../../faults.js';

/**
 * Faults of the 1.6 reference charge point for the OCTT non-happy flows added with issue 16
 * (remote actions and unlocking). Each breaks one behaviour; `block` is the section of the case
 * that catches it.
 */
export const STATION_16_MORE_FAULTS = defineFaults({
  'remote-start-connector-zero-accepted': {
    block: 'RemoteActions',
    description: 'RemoteStartTransaction for connector 0 is taken as "any connector": Accepted, and a transaction starts on connector 1',
  },
  'remote-stop-unknown-accepted': {
    block: 'RemoteActions',
    description: 'RemoteStopTransaction for a transactionId the charge point does not know is answered Accepted',
  },
  'unlock-unknown-connector-unlocked': {
    block: 'Unlock',
    description: 'UnlockConnector for a connector the charge point does not have is answered Unlocked',
  },
  'unlock-tx-not-stopped': {
    block: 'Unlock',
    description: 'UnlockConnector on a connector with a running transaction answers Unlocked but the transaction goes on',
  },
  'reservation-id-not-sent': {
    block: 'Reservation',
    description: 'a transaction that uses a reservation is started without the reservationId in StartTransaction',
  },
  'reservation-never-expires': {
    block: 'Reservation',
    description: 'a reservation is kept after its expiryDate: the connector stays Reserved',
  },
  'reserve-busy-connector-accepted': {
    block: 'Reservation',
    description: 'ReserveNow for an occupied or unavailable connector is answered Accepted',
  },
  'cancel-reservation-ignored': {
    block: 'Reservation',
    description: 'CancelReservation of a held reservation is answered Accepted but the connector stays Reserved',
  },
  'cancel-unknown-reservation-accepted': {
    block: 'Reservation',
    description: 'CancelReservation for a reservationId the charge point does not hold is answered Accepted',
  },
  'reservation-parent-idtag-ignored': {
    block: 'Reservation',
    description: 'a reserved connector serves only the exact idTag of the reservation, not another idTag with its parentIdTag',
  },
  'local-list-version-not-zero': {
    block: 'LocalAuthList',
    description: 'GetLocalListVersion answers 1 while the charge point holds no local list (0 is due)',
  },
  'local-list-version-not-stored': {
    block: 'LocalAuthList',
    description: 'SendLocalList is Accepted but GetLocalListVersion keeps reporting the previous version',
  },
  'local-list-differential-version-unchecked': {
    block: 'LocalAuthList',
    description:
      'a Differential SendLocalList whose version is not above the current one is applied and Accepted instead of VersionMismatch',
  },
  'stop-tx-idtag-omitted': {
    block: 'Transactions',
    description: 'a transaction ended by presenting its idTag again is reported in StopTransaction without that idTag',
  },
  'stop-by-parent-idtag-ignored': {
    block: 'Transactions',
    description: 'an idTag of the same group (parentIdTag) as the one that started a transaction cannot end it',
  },
});
