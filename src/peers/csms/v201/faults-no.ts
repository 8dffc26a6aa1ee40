import { defineFaults } from '../../faults.js';

/**
 * Faults of the 2.0.1 reference CSMS in blocks N (logs, monitoring, events, customer information)
 * and O (display messages); each breaks exactly one behaviour of blocks/diagnostics.ts,
 * blocks/monitoring.ts or blocks/display-messages.ts.
 */
export const CSMS_201_NO_FAULTS = defineFaults({
  // Logs (N01)
  'getlog-always-security': { block: 'N', description: 'a diagnostics log request is sent as GetLogRequest logType SecurityLog' },
  'getlog-always-diagnostics': { block: 'N', description: 'a security log request is sent as GetLogRequest logType DiagnosticsLog' },
  'getlog-rejected-resent': {
    block: 'N',
    description: 'when a station answers GetLog Rejected, the CSMS sends the same GetLog again at once',
  },
  'logstatus-canceled-error': {
    block: 'N',
    description: 'a LogStatusNotificationRequest with status AcceptedCanceled (a log request replaced by a newer one) gets a CALLERROR',
  },
  // Customer information (N09, N10)
  'customerinfo-report-flag-dropped': { block: 'N', description: 'CustomerInformationRequest is always sent with report false' },
  'customerinfo-clear-flag-dropped': { block: 'N', description: 'CustomerInformationRequest is always sent with clear false' },
  'customerinfo-clear-only-reports': {
    block: 'N',
    description: 'a request to erase customer data without a report is sent with report true',
  },
  'customerinfo-identifier-dropped': {
    block: 'N',
    description: 'CustomerInformationRequest omits the customerIdentifier the operator named',
  },
  'customerinfo-certificate-dropped': {
    block: 'N',
    description: 'CustomerInformationRequest omits the customerCertificate hash data the operator named',
  },
  'notifycustomerinfo-tbc-error': { block: 'N', description: 'a NotifyCustomerInformationRequest with tbc=true gets a CALLERROR' },
  'notifycustomerinfo-empty-data-error': { block: 'N', description: 'a NotifyCustomerInformationRequest with empty data gets a CALLERROR' },
  // Events (N07, N08)
  'notifyevent-hardwired-error': { block: 'N', description: 'a NotifyEventRequest of a HardWiredMonitor gets a CALLERROR' },
  'notifyevent-repeat-dropped': {
    block: 'N',
    description: 'a NotifyEventRequest for a component/variable that already raised an event on the connection is dropped unanswered',
  },
  'notifyevent-empty-value-error': {
    block: 'N',
    description: 'a NotifyEventRequest whose actualValue is empty (write-only variable) gets a CALLERROR',
  },
  'notifyevent-cleared-error': {
    block: 'N',
    description: 'a NotifyEventRequest reporting a cleared alert (cleared true) gets a CALLERROR',
  },
  'notifyevent-periodic-error': { block: 'N', description: 'a NotifyEventRequest with trigger Periodic gets a CALLERROR' },
  // Monitoring (N02-N06)
  'monitoringreport-criteria-dropped': {
    block: 'N',
    description: 'GetMonitoringReportRequest omits the monitoringCriteria the operator chose',
  },
  'monitoringreport-evse-dropped': {
    block: 'N',
    description: 'GetMonitoringReportRequest omits the EVSE of the components the operator named',
  },
  'monitoringreport-first-component-only': {
    block: 'N',
    description: 'GetMonitoringReportRequest carries only the first of several component/variable pairs',
  },
  'notifymonitoringreport-tbc-error': { block: 'N', description: 'a NotifyMonitoringReportRequest with tbc=true gets a CALLERROR' },
  'monitoringbase-hardwired-as-factory': { block: 'N', description: 'SetMonitoringBase HardWiredOnly is sent as FactoryDefault' },
  'setmonitoring-evse-dropped': { block: 'N', description: 'SetVariableMonitoringRequest omits the EVSE of an EVSE component' },
  'setmonitoring-first-only': { block: 'N', description: 'SetVariableMonitoringRequest carries only the first of several monitors' },
  'monitoringlevel-default-severity': {
    block: 'N',
    description: 'SetMonitoringLevelRequest carries the CSMS default severity 8 instead of the level the operator chose',
  },
  'monitoringlevel-rejected-resent': {
    block: 'N',
    description: 'when a station answers SetMonitoringLevel Rejected, the CSMS sends the same request again at once',
  },
  'clearmonitoring-ignores-items-per-message': {
    block: 'N',
    description: 'ClearVariableMonitoringRequest carries every monitor id in one message, whatever ItemsPerMessage the station reports',
  },
  'clearmonitoring-rejected-resent': {
    block: 'N',
    description: 'when a station answers ClearVariableMonitoring Rejected for a monitor, the CSMS sends the same request again at once',
  },
  // Display messages (O)
  'displaymessage-state-dropped': { block: 'O', description: 'SetDisplayMessageRequest omits the state the operator chose' },
  'displaymessage-txid-dropped': { block: 'O', description: 'SetDisplayMessageRequest for a transaction omits its transactionId' },
  'displaymessage-refusal-resent': {
    block: 'O',
    description: 'when a station refuses a SetDisplayMessage (any status but Accepted), the CSMS sends it again at once',
  },
  'displaymessage-replace-new-id': { block: 'O', description: 'a message that replaces a configured one is sent with a new id' },
  'displaymessage-start-dropped': { block: 'O', description: 'SetDisplayMessageRequest omits the startDateTime the operator chose' },
  'displaymessage-end-dropped': { block: 'O', description: 'SetDisplayMessageRequest omits the endDateTime the operator chose' },
  'getdisplaymessages-stray-filter': {
    block: 'O',
    description: 'a GetDisplayMessagesRequest for all messages carries a priority filter NormalCycle',
  },
  'getdisplaymessages-unknown-resent': {
    block: 'O',
    description: 'when a station answers GetDisplayMessages Unknown, the CSMS sends the same request again at once',
  },
  'getdisplaymessages-id-dropped': { block: 'O', description: 'GetDisplayMessagesRequest omits the message ids the operator asked for' },
  'getdisplaymessages-priority-dropped': {
    block: 'O',
    description: 'GetDisplayMessagesRequest omits the priority filter the operator chose',
  },
  'getdisplaymessages-state-dropped': { block: 'O', description: 'GetDisplayMessagesRequest omits the state filter the operator chose' },
  'cleardisplay-wrong-id': { block: 'O', description: 'ClearDisplayMessageRequest names the id after the one the operator chose' },
  'cleardisplay-unknown-resent': {
    block: 'O',
    description: 'when a station answers ClearDisplayMessage Unknown, the CSMS sends the same request again at once',
  },
});
