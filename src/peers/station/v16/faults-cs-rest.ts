import { defineFaults } from '../../faults.js';

/**
 * Faults of the 1.6 reference charge point for the remaining OCTT `_CS` cases of issue 16 (cache,
 * local list use, connection timeout, remote authorization, reservations of the whole charge point,
 * remote trigger, clock-aligned meter values, smart charging). Each breaks one behaviour; `block` is
 * the section of the case that catches it.
 */
export const STATION_16_CS_REST_FAULTS = defineFaults({
  'connection-timeout-ignored': {
    block: 'Transactions',
    description: 'an authorization waiting for the cable never expires: the connector stays Preparing after ConnectionTimeOut',
  },
  'auth-cache-not-used': {
    block: 'Cache',
    description: 'with AuthorizationCacheEnabled and LocalPreAuthorize true, a cached Accepted idTag is still sent in Authorize first',
  },
  'clear-cache-keeps-entries': {
    block: 'Cache',
    description: 'ClearCache is answered Accepted but the authorization cache keeps its entries',
  },
  'local-list-not-used': {
    block: 'LocalAuthList',
    description:
      'with LocalAuthListEnabled and LocalPreAuthorize true, an idTag Accepted in the local list is still sent in Authorize first',
  },
  'remote-authorize-status-ignored': {
    block: 'Authorization',
    description: 'with AuthorizeRemoteTxRequests true, a remote start goes ahead although Authorize answered the idTag Invalid',
  },
  'reserve-zero-unsupported-accepted': {
    block: 'Reservation',
    description: 'ReserveNow for connector 0 is answered Accepted although ReserveConnectorZeroSupported is false',
  },
  'trigger-unknown-connector-accepted': {
    block: 'RemoteTrigger',
    description:
      'TriggerMessage for a connector the charge point does not have is answered Accepted (and the message sent for connector 1)',
  },
  'clock-aligned-meter-values-missing': {
    block: 'MeterValues',
    description: 'no MeterValues with context Sample.Clock are sent at the ClockAlignedDataInterval boundaries',
  },
  'txdefault-profile-rejected': {
    block: 'SmartCharging',
    description: 'SetChargingProfile with a valid TxDefaultProfile is answered Rejected',
  },
  'txprofile-without-tx-accepted': {
    block: 'SmartCharging',
    description: 'SetChargingProfile with a TxProfile for a connector without a running transaction is answered Accepted',
  },
  'txprofile-wrong-txid-accepted': {
    block: 'SmartCharging',
    description: 'SetChargingProfile with a TxProfile naming another transactionId than the running one is answered Accepted',
  },
  'clear-profile-not-removed': {
    block: 'SmartCharging',
    description: 'ClearChargingProfile is answered Accepted but the profile stays installed (a second clear is Accepted again)',
  },
  'remote-start-bad-profile-accepted': {
    block: 'SmartCharging',
    description: 'RemoteStartTransaction carrying a charging profile that is not a TxProfile is answered Accepted',
  },
  'remote-start-profile-ignored': {
    block: 'SmartCharging',
    description: 'the TxProfile a RemoteStartTransaction carries is not installed for the transaction it starts',
  },
  'stack-level-ignored': {
    block: 'SmartCharging',
    description: 'of two active profiles of one purpose the lower stackLevel governs instead of the higher',
  },
  'composite-ignores-max-profile': {
    block: 'SmartCharging',
    description: 'GetCompositeSchedule leaves the ChargePointMaxProfile out of the combined schedule',
  },
  'txdefault-not-applied-to-running-tx': {
    block: 'SmartCharging',
    description: 'a TxDefaultProfile installed while a transaction runs applies only to later transactions, not the running one',
  },
  'txprofile-rejected': {
    block: 'SmartCharging',
    description: 'SetChargingProfile with a TxProfile for the running transaction is answered Rejected',
  },
  'power-loss-stop-not-sent': {
    block: 'PowerFailure',
    description: 'a transaction cut off by a power failure is never reported: no StopTransaction (reason PowerLoss) after the restart',
  },
  'availability-lost-on-reboot': {
    block: 'PowerFailure',
    description: 'a connector made Inoperative comes back Available after a power failure instead of staying Unavailable',
  },
  'ev-disconnect-tx-not-stopped': {
    block: 'Transactions',
    description:
      'with StopTransactionOnEVSideDisconnect true, the EV unplugging suspends the transaction (SuspendedEV) instead of stopping it',
  },
  'ev-reconnect-not-resumed': {
    block: 'Transactions',
    description:
      'a transaction kept through an EV-side disconnect stays SuspendedEV when the EV is plugged in again instead of charging on',
  },
});
