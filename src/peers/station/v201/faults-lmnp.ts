import { defineFaults } from '../../faults.js';

/**
 * Faults of the 2.0.1 reference station's log upload, customer information and data transfer
 * (blocks N and P: blocks/diagnostics.ts, customer-info.ts, data-transfer.ts): each breaks one behaviour.
 */
export const STATION_201_LMNP_FAULTS = defineFaults({
  'log-upload-not-sent': { block: 'N', description: 'GetLog reports the log Uploaded but never sends the file to the remote location' },
  'log-upload-skips-uploading': { block: 'N', description: 'a log upload starts without LogStatusNotification Uploading' },
  'log-failure-reported-uploaded': { block: 'N', description: 'a log upload that failed is reported Uploaded instead of UploadFailure' },
  'log-cancel-not-notified': {
    block: 'N',
    description: 'a log upload canceled by a second GetLog (answered AcceptedCanceled) is never reported AcceptedCanceled',
  },
  'customerinfo-report-not-sent': {
    block: 'N',
    description: 'CustomerInformation with report true is answered Accepted but no NotifyCustomerInformation follows',
  },
  'customerinfo-silent-without-data': {
    block: 'N',
    description: 'a CustomerInformation report about a customer the station knows nothing of sends no NotifyCustomerInformation',
  },
  'customerinfo-clear-not-reported': {
    block: 'N',
    description: 'CustomerInformation with clear and report true clears the data but sends no NotifyCustomerInformation',
  },
  'customerinfo-nameless-accepted': {
    block: 'N',
    description: 'CustomerInformation naming no customer (no idToken, customerIdentifier or certificate) is answered Accepted',
  },
  'customerinfo-clear-rejected': { block: 'N', description: 'CustomerInformation that only clears (report false) is answered Rejected' },
  'customerinfo-identifier-invalid': {
    block: 'N',
    description: 'CustomerInformation naming the customer by customerIdentifier is answered Invalid',
  },
  'datatransfer-unknown-accepted': {
    block: 'P',
    description: 'a DataTransfer for a vendorId the station does not know is answered Accepted',
  },
  'customdata-refused': { block: 'P', description: 'a request carrying customData is answered with a CALLERROR instead of being served' },
});
