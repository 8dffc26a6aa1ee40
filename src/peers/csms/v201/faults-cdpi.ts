import { defineFaults } from '../../faults.js';

/**
 * Faults of the 2.0.1 reference CSMS in blocks C (authorization), D (local list), I (tariff and
 * cost) and P (data transfer): each breaks exactly one behaviour of blocks/authorization.ts,
 * blocks/local-list.ts, blocks/tariff-cost.ts or blocks/data-transfer.ts.
 */
export const CSMS_201_CDPI_FAULTS = defineFaults({
  // Authorization (C)
  'authorize-invalid-accepted': { block: 'C', description: 'AuthorizeRequest for a token the CSMS knows as invalid is answered Accepted' },
  'authorize-status-flattened': {
    block: 'C',
    description: 'every rejected token is answered Invalid in AuthorizeResponse: Blocked and Expired are not told apart',
  },
  'txevent-token-needs-authorize': {
    block: 'C',
    description:
      'a token in a TransactionEventRequest that the station did not first send in an AuthorizeRequest (a cached token) is answered Unknown',
  },
  'txevent-cached-token-accepted': {
    block: 'C',
    description:
      'an Updated TransactionEventRequest with triggerReason Authorized (a token from the station cache) is answered Accepted unchecked',
  },
  'clearcache-resent': {
    block: 'C',
    description: 'whatever the station answers to ClearCache, the CSMS sends the same ClearCacheRequest again',
  },
  'groupid-omitted': {
    block: 'C',
    description: 'IdTokenInfo in Authorize and TransactionEvent answers omits the groupIdToken of grouped tokens',
  },
  'masterpass-foreign-tx-rejected': {
    block: 'C',
    description:
      'a TransactionEventRequest with a token other than the one that started the transaction and of another group (a master pass) is answered Invalid',
  },
  'contract-certificate-status-omitted': {
    block: 'C',
    description: 'AuthorizeResponse to a request with ISO 15118 contract certificate data omits certificateStatus',
  },
  'contract-revocation-ignored': {
    block: 'C',
    description: 'an ISO 15118 contract whose certificate the CSMS knows as revoked is authorized Accepted with certificateStatus Accepted',
  },
  // Local authorization list (D)
  'locallist-groupid-omitted': { block: 'D', description: 'SendLocalList entries omit the groupIdToken of grouped tokens' },
  'locallist-update-type-inverted': {
    block: 'D',
    description: 'SendLocalListRequest is sent with the other updateType (Full as Differential and back) than the operator chose',
  },
  'locallist-remove-keeps-info': {
    block: 'D',
    description: 'a Differential removal is sent with idTokenInfo in its entries, so the station updates them instead of removing them',
  },
  'locallist-version-from-station': {
    block: 'D',
    description: 'the next SendLocalList reuses the versionNumber the station reported in GetLocalListVersion instead of a higher one',
  },
  // Tariff and cost (I)
  'costupdated-wrong-txid': {
    block: 'I',
    description: 'CostUpdatedRequest carries the CSMS internal record number instead of the station transactionId',
  },
  'final-cost-omitted': {
    block: 'I',
    description: 'the TransactionEventResponse to an Ended event omits totalCost although the cost is known',
  },
  // Data transfer (P)
  'datatransfer-unknown-accepted': {
    block: 'P',
    description: 'DataTransferRequest of a vendorId the CSMS does not know is answered Accepted',
  },
  'customdata-rejected': {
    block: 'P',
    description: 'a request that carries customData objects is answered with CALLERROR PropertyConstraintViolation',
  },
});
