import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 functional requirements the CSMS cases of blocks C (authorization, cache, groups,
 * master pass, ISO 15118 contracts), D (local authorization list), I (tariff and cost) and
 * P (data transfer) name, in our own words.
 */
export const OCPP201_CDPI = defineRequirements('OCPP201', [
  [
    'C01.FR.07',
    'MUST',
    'The status in an AuthorizeResponse says whether the idToken is accepted or, if not, why (Invalid, Blocked, Expired, Unknown ...).',
    I,
  ],
  [
    'C07.FR.04',
    'MUST',
    'Asked to authorize an ISO 15118 contract (an eMAID with contract certificate data), the CSMS answers with the idToken status and the result of the certificate check (certificateStatus).',
    I,
  ],
  ['C07.FR.05', 'MUST', 'The CSMS checks the validity of the contract certificate and its chain, with real-time or cached OCSP data.', I],
  [
    'C07.FR.16',
    'MUST',
    'When the contract certificate chain is revoked, the CSMS answers the AuthorizeRequest with certificateStatus CertificateRevoked and idTokenInfo status Invalid.',
    I,
  ],
  [
    'C09.FR.02',
    'MUST',
    'Tokens of one authorization group share one groupIdToken in their IdTokenInfo, wherever the CSMS gives it (Authorize, TransactionEvent, local list).',
    I,
  ],
  [
    'C12.FR.03',
    'MUST',
    'When a station starts or authorizes a transaction from its authorization cache, the CSMS checks the idToken it carries in the TransactionEventRequest and answers with its actual status.',
    I,
  ],
  [
    'D01.FR.01',
    'MUST',
    'A SendLocalListRequest carries the kind of update (Full or Differential) and the version number the station associates with its list after the update.',
    I,
  ],
  [
    'D01.FR.02',
    'MUST',
    'A Full update replaces the whole local list with the entries sent; a Full update without entries empties the list.',
    I,
  ],
  [
    'D01.FR.04',
    'MUST',
    'A Differential update adds or replaces the entries that carry idTokenInfo and leaves the rest of the list as it was.',
    I,
  ],
  [
    'D01.FR.17',
    'MUST',
    'In a Differential update an entry without idTokenInfo removes that idToken from the local list; an entry to keep carries its idTokenInfo.',
    I,
  ],
  [
    'D01.FR.18',
    'MUST',
    'The versionNumber of a SendLocalListRequest is greater than 0 (0 means "no list") and, for a new list content, greater than the version the station holds.',
    I,
  ],
  [
    'D02.FR.01',
    'MUST',
    'The CSMS can ask a station for the version of its local list with GetLocalListVersionRequest; the answer 0 means the station has no list.',
    I,
  ],
  [
    'I02.FR.01',
    'MUST',
    'While a transaction runs, the CSMS gives the running total cost at relevant moments: in a CostUpdatedRequest for that transaction or as totalCost in a TransactionEventResponse.',
    I,
  ],
  [
    'I03.FR.01',
    'MUST',
    'When a transaction ends and its total cost is known, the CSMS gives it as totalCost in the TransactionEventResponse to the Ended event.',
    I,
  ],
  [
    'P02.FR.02',
    'MUST',
    'The CSMS answers a DataTransferRequest whose vendorId it does not know with status UnknownVendorId (and one whose messageId it does not know with UnknownMessageId).',
    I,
  ],
]);
