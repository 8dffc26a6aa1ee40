import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 requirements the station-side (_CS) cases of blocks N (log upload, customer
 * information) and P (data transfer) check. Our words; the numbering was read from a secondary
 * rendering of Part 2, not the primary text, hence inferred.
 */
export const OCPP201_LMNP_CS = defineRequirements('OCPP201', [
  ['N01.FR.04', 'MUST', 'Asked for its DiagnosticsLog, the station uploads its diagnostics log to the location in the GetLogRequest.', I],
  [
    'N01.FR.07',
    'MUST',
    'Every LogStatusNotificationRequest about a log upload carries the requestId of the GetLogRequest that started that upload.',
    I,
  ],
  ['N01.FR.08', 'MUST', 'When the station starts uploading a log it sends LogStatusNotificationRequest with status Uploading.', I],
  ['N01.FR.09', 'MUST', 'When a log upload succeeds the station sends LogStatusNotificationRequest with status Uploaded.', I],
  [
    'N01.FR.10',
    'MUST',
    'When a log upload fails the station sends LogStatusNotificationRequest with a failure status (UploadFailure, BadMessage, PermissionDenied or NotSupportedOperation), never Uploaded.',
    I,
  ],
  [
    'N01.FR.12',
    'SHOULD',
    'A GetLogRequest that arrives while a log is still being prepared or uploaded cancels that upload and is answered AcceptedCanceled.',
    I,
  ],
  [
    'N01.FR.20',
    'MUST',
    'A station that canceled an upload for a newer GetLogRequest reports the canceled upload with LogStatusNotificationRequest AcceptedCanceled and its requestId.',
    I,
  ],
  [
    'N09.FR.02',
    'MUST',
    'A station able to handle a CustomerInformationRequest answers it Accepted (whether or not it holds data about the customer).',
    I,
  ],
  [
    'N09.FR.03',
    'MUST',
    'A CustomerInformationRequest the station cannot process is not Accepted: it is answered Rejected, or Invalid when it names no customer (no idToken, customerCertificate or customerIdentifier).',
    I,
  ],
  [
    'N09.FR.06',
    'MUST',
    'A station that accepted a report request about a customer it holds no data of still sends a NotifyCustomerInformationRequest, saying that nothing was found.',
    I,
  ],
  [
    'N10.FR.03',
    'MUST',
    'Asked to clear and report a customer it holds data of, the station erases that data (not the local authorization list) and reports what it cleared in NotifyCustomerInformationRequest messages.',
    I,
  ],
  [
    'N10.FR.04',
    'MUST',
    'Asked to clear and report a customer it holds no data of, the station sends a NotifyCustomerInformationRequest saying that nothing was found.',
    I,
  ],
  [
    'N10.FR.06',
    'MUST',
    'Asked only to clear the data of a customer (report false), a station able to do so accepts the request and erases that data, except the local authorization list.',
    I,
  ],
  [
    'P01.FR.05',
    'MUST',
    'A DataTransferRequest for a vendorId the station has no implementation for is answered with status UnknownVendorId.',
    I,
  ],
]);
