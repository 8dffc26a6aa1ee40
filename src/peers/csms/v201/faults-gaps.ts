import { defineFaults } from '../../faults.js';

/**
 * Faults of the 2.0.1 reference CSMS for the cases of issue 14's gap slice (blocks E, F, G, J):
 * each breaks exactly one behaviour, in the handler of its block. Spread into CSMS_201_FAULTS.
 */
export const CSMS_201_GAP_FAULTS = defineFaults({
  // Transactions (E)
  'txevent-started-power-on-refused': {
    block: 'E',
    description:
      'a Started TransactionEventRequest whose chargingState is already Charging or SuspendedEV (a late start point) is answered with a CALLERROR',
  },
  'txevent-trigger-restricted': {
    block: 'E',
    description:
      'a TransactionEventRequest with a triggerReason of the optional start/stop points (EVDetected, EVDeparted, SignedDataReceived, EVConnectTimeout) is answered with a CALLERROR',
  },
  'txevent-ended-while-connected-refused': {
    block: 'E',
    description: 'an Ended TransactionEventRequest whose chargingState says the EV is still connected is answered with a CALLERROR',
  },
  'txevent-stopauthorized-no-idtokeninfo': {
    block: 'E',
    description: 'the TransactionEventResponse to an Updated event with triggerReason StopAuthorized omits idTokenInfo',
  },
  'txevent-ended-evdisconnected-refused': {
    block: 'E',
    description: 'an Ended TransactionEventRequest with stoppedReason EVDisconnected is answered with a CALLERROR',
  },
  'txevent-suspended-closed': {
    block: 'E',
    description:
      'an Updated event with triggerReason EVCommunicationLost closes the transaction: its later events are answered with a CALLERROR',
  },
  'txevent-suspendedev-refused': {
    block: 'E',
    description: 'an Updated TransactionEventRequest with chargingState SuspendedEV is answered with a CALLERROR',
  },
  'txstatus-txid-added': {
    block: 'E',
    description: 'a GetTransactionStatusRequest the operator sent without transactionId names the newest transaction of the station',
  },
  // Provisioning (B)
  'boot-registered-pending-accepted': {
    block: 'B',
    description: 'a station the operator registered as Pending is answered Accepted at its first BootNotification',
  },
  'accepts-calls-while-pending': {
    block: 'B',
    description: 'calls of a station whose BootNotification was answered Pending are processed instead of refused with SecurityError',
  },
  'subprotocol-first-offered': {
    block: 'B',
    description: 'an upgrade offering several subprotocols gets the first one offered selected, even one the CSMS does not serve',
  },
  'networkprofile-slot-ignored': {
    block: 'B',
    description: 'SetNetworkProfileRequest always names configurationSlot 1, whatever slot the operator chose',
  },
  'networkprofile-failed-resent': {
    block: 'B',
    description: 'when a station answers SetNetworkProfile Failed, the CSMS sends the same SetNetworkProfileRequest again at once',
  },
  'getreport-criteria-dropped': {
    block: 'B',
    description: 'GetReportRequest carries only the component/variable list, without the componentCriteria the operator chose',
  },
  // Remote control (F)
  'remotestart-txevent-no-idtokeninfo': {
    block: 'F',
    description: 'the TransactionEventResponse to a Started event with triggerReason RemoteStart omits idTokenInfo',
  },
  'trigger-evse-added': {
    block: 'F',
    description: 'a TriggerMessageRequest the operator meant for the whole station names the first EVSE the station reported',
  },
  'trigger-connector-dropped': {
    block: 'F',
    description: 'a TriggerMessageRequest for one connector names only its EVSE (evse.connectorId omitted)',
  },
  'trigger-unknown-as-heartbeat': {
    block: 'F',
    description:
      'a TriggerMessageRequest for a message other than BootNotification, Heartbeat, MeterValues, StatusNotification or TransactionEvent asks for Heartbeat',
  },
  'trigger-notimplemented-retried': {
    block: 'F',
    description: 'when a station answers TriggerMessage NotImplemented, the CSMS sends the same TriggerMessageRequest again at once',
  },
  // Availability (G)
  'notifyevent-problem-refused': {
    block: 'G',
    description: 'a NotifyEventRequest reporting a Problem variable (such as a connector lock failure) is answered with a CALLERROR',
  },
  // ISO 15118 certificates (M)
  'installcert-v2g-sends-csms-root': {
    block: 'M',
    description: 'InstallCertificate for the V2G root sends the CSMS root certificate under certificateType V2GRootCertificate',
  },
  // Meter values (J)
  'meter-clock-in-txevent-refused': {
    block: 'J',
    description: 'a TransactionEventRequest carrying clock-aligned values (context Sample.Clock) is answered with a CALLERROR',
  },
  'meter-signed-refused': {
    block: 'J',
    description: 'a sampledValue with a signedMeterValue is answered with a CALLERROR, in MeterValues and TransactionEvent alike',
  },
  'txevent-started-requires-evse': {
    block: 'J',
    description: 'a Started TransactionEventRequest without evse (the EVSE not known yet) is answered with a CALLERROR',
  },
});
