import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 functional requirements of the blocks N (diagnostics: logs, monitoring, events,
 * customer information) and O (display messages), as the CSMS cases use them.
 */
export const OCPP201_NO = defineRequirements('OCPP201', [
  [
    'N01.FR.01',
    'MUST',
    'The CSMS asks for a log with GetLogRequest naming the log type the operator wanted, a requestId and a remote location to upload it to.',
    I,
  ],
  [
    'N01.FR.02',
    'MUST',
    'The CSMS answers every LogStatusNotificationRequest of a log request, whatever its status (Uploading, Uploaded, AcceptedCanceled ...).',
    I,
  ],
  ['N01.FR.06', 'MUST', 'A GetLog the station answers Rejected is final: the CSMS does not send it again on its own.', I],
  [
    'N02.FR.05',
    'MUST',
    'A GetMonitoringReportRequest carries the monitoring criteria and the component/variable list the operator chose; leaving both out asks for every monitor.',
    I,
  ],
  [
    'N02.FR.09',
    'MUST',
    'The CSMS answers every NotifyMonitoringReportRequest of a requested report, each part of a multi-part report too.',
    I,
  ],
  [
    'N03.FR.01',
    'MUST',
    'A SetMonitoringBaseRequest carries the monitoring base the operator chose (All, FactoryDefault or HardWiredOnly).',
    I,
  ],
  [
    'N04.FR.01',
    'MUST',
    'A SetVariableMonitoringRequest carries one setMonitoringData element per monitor to set, each with the component (and EVSE), variable, type, value and severity chosen.',
    I,
  ],
  ['N04.FR.17', 'SHOULD', 'A Delta monitor on a variable that is not numeric is set with value 1.'],
  ['N05.FR.01', 'MUST', 'A SetMonitoringLevelRequest carries the severity level the operator chose.', I],
  ['N05.FR.02', 'MUST', 'A SetMonitoringLevel the station answers Rejected is final: the CSMS does not send it again on its own.', I],
  [
    'N06.FR.01',
    'MUST',
    'A ClearVariableMonitoringRequest names the monitor ids to remove; a Rejected result is final, not retried at once.',
    I,
  ],
  [
    'N06.FR.04',
    'MUST',
    'The CSMS puts no more monitor ids in one ClearVariableMonitoringRequest than the station allows (MonitoringCtrlr ItemsPerMessage, instance ClearVariableMonitoring).',
  ],
  ['N07.FR.03', 'MUST', 'The CSMS answers every NotifyEventRequest (alerts of any monitor kind) with an empty NotifyEventResponse.'],
  ['N08.FR.02', 'MUST', 'The CSMS answers every periodic NotifyEventRequest with an empty NotifyEventResponse, however often they come.'],
  ['N09.FR.01', 'MUST', 'A CustomerInformationRequest that asks for the customer data sets report to true.'],
  [
    'N09.FR.04',
    'MUST',
    'A CustomerInformationRequest names the customer by exactly the reference the operator chose: an idToken, a customerIdentifier or a customerCertificate.',
  ],
  [
    'N09.FR.05',
    'MUST',
    'The CSMS answers every NotifyCustomerInformationRequest, each part of a multi-part answer and an answer without data too.',
    I,
  ],
  [
    'N10.FR.01',
    'MUST',
    'A CustomerInformationRequest that erases the customer data sets clear to true, and report only when a report is wanted.',
    I,
  ],
  [
    'N10.FR.08',
    'MUST',
    'A CustomerInformationRequest that erases customer data names the customer by an idToken, customerCertificate or customerIdentifier.',
  ],
  [
    'O01.FR.01',
    'MUST',
    'A SetDisplayMessageRequest carries a message id the CSMS chose and the priority, state, format and content the operator chose.',
    I,
  ],
  ['O01.FR.04', 'MUST', 'A display message that belongs to no transaction is sent without transactionId.'],
  ['O01.FR.05', 'MUST', 'A display message given a start or end time carries it as startDateTime or endDateTime.', I],
  [
    'O01.FR.06',
    'MUST',
    'A SetDisplayMessage the station refuses (NotSupportedPriority, NotSupportedState, NotSupportedMessageFormat, Rejected, UnknownTransaction) is final: not sent again unchanged.',
    I,
  ],
  ['O02.FR.01', 'MUST', 'A display message for a transaction carries the transactionId of that running transaction.', I],
  ['O03.FR.01', 'MUST', 'A GetDisplayMessagesRequest for every message carries a requestId and no id, priority or state filter.', I],
  [
    'O03.FR.03',
    'MUST',
    'A GetDisplayMessages answered Unknown (no message configured, or none matching) is final: the CSMS does not repeat it on its own.',
    I,
  ],
  ['O03.FR.05', 'MUST', 'The CSMS answers every NotifyDisplayMessagesRequest of a request, each part of a multi-part answer too.', I],
  [
    'O04.FR.01',
    'MUST',
    'A GetDisplayMessagesRequest for specific messages carries exactly the id, priority or state filter the operator chose.',
    I,
  ],
  ['O05.FR.01', 'MUST', 'A ClearDisplayMessageRequest names the id of the message to remove; an Unknown answer is final.', I],
  ['O06.FR.01', 'MUST', 'A message that replaces a configured one is sent with the id of the message it replaces.', I],
]);
