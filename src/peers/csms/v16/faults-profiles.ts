import { defineFaults } from '../../faults.js';

/**
 * Faults of the 1.6 reference central system for the OCTT sections added with the optional
 * feature profiles (Reservation, LocalAuthListManagement, SmartCharging, FirmwareManagement) and
 * the Core non-happy flows (power failure, offline queues, unlock, timeouts). Each breaks one
 * behaviour; `block` is the section of the case that catches it.
 */
export const CSMS_16_PROFILE_FAULTS = defineFaults({
  'status-available-after-preparing-refused': {
    block: 'Transactions',
    description:
      'StatusNotification Available for a connector last reported Preparing is answered with a CALLERROR (the central system insists a transaction must follow)',
  },
  'status-faulted-refused': {
    block: 'Transactions',
    description: 'StatusNotification with status Faulted is answered with a CALLERROR instead of StatusNotification.conf',
  },
  'unlock-during-transaction-skipped': {
    block: 'Unlock',
    description: 'an operator UnlockConnector for a connector with a running transaction is acknowledged but never sent',
  },
  'remote-stop-closes-transaction': {
    block: 'RemoteActions',
    description:
      'sending RemoteStopTransaction closes the transaction whatever the answer; a later StopTransaction for it is refused with a CALLERROR',
  },
  'boot-closes-transactions': {
    block: 'PowerFailure',
    description:
      'a BootNotification closes the open transactions of the charge point; the StopTransaction sent after the reboot is refused with a CALLERROR',
  },
  'start-tx-stale-timestamp-invalid': {
    block: 'Offline',
    description: 'StartTransaction whose timestamp is more than a minute old (queued while offline) is answered idTagInfo Invalid',
  },
  'stop-tx-stale-timestamp-refused': {
    block: 'Offline',
    description: 'StopTransaction whose timestamp is more than a minute old (queued while offline) is answered with a CALLERROR',
  },
  'changeconfig-key-lowercased': {
    block: 'Configuration',
    description: 'ChangeConfiguration carries the key in lower case instead of as the operator spelled it',
  },
  'getlocallistversion-not-sent': {
    block: 'LocalAuthList',
    description: 'an operator GetLocalListVersion request is acknowledged but GetLocalListVersion is never sent',
  },
  'sendlocallist-full-without-idtaginfo': {
    block: 'LocalAuthList',
    description: 'a Full SendLocalList carries its entries without idTagInfo',
  },
  'sendlocallist-differential-as-full': {
    block: 'LocalAuthList',
    description: 'an operator Differential local list update is sent with updateType Full',
  },
  'updatefirmware-location-relative': {
    block: 'FirmwareManagement',
    description: 'UpdateFirmware carries a bare file name as location instead of an absolute URL',
  },
  'getdiagnostics-location-relative': {
    block: 'FirmwareManagement',
    description: 'GetDiagnostics carries a bare directory name as location instead of an absolute URL',
  },
  'reservenow-expiry-in-past': {
    block: 'Reservation',
    description: 'ReserveNow carries an expiryDate one hour in the past',
  },
  'reservenow-connector-zero': {
    block: 'Reservation',
    description: 'ReserveNow for a chosen connector is sent for connector 0 (any connector)',
  },
  'reservenow-cp-as-connector': {
    block: 'Reservation',
    description: 'ReserveNow for the whole charge point (connector 0) is sent for connector 1',
  },
  'cancel-reservation-wrong-id': {
    block: 'Reservation',
    description: 'CancelReservation carries the reservationId after the one to cancel',
  },
  'txdefault-carries-transactionid': {
    block: 'SmartCharging',
    description: 'a TxDefaultProfile in SetChargingProfile carries a transactionId',
  },
  'txprofile-wrong-transaction': {
    block: 'SmartCharging',
    description: 'a TxProfile in SetChargingProfile names the transactionId after the running one',
  },
  'remote-start-profile-txdefault': {
    block: 'SmartCharging',
    description: 'the charging profile sent with RemoteStartTransaction has the purpose TxDefaultProfile instead of TxProfile',
  },
  'composite-schedule-wrong-connector': {
    block: 'SmartCharging',
    description: 'GetCompositeSchedule names the connector after the chosen one',
  },
  'clear-profile-wrong-id': {
    block: 'SmartCharging',
    description: 'ClearChargingProfile names the profile id after the one to clear',
  },
});
