import { defineFaults } from '../../faults.js';

/** Faults of the 2.0.1 reference station's authorization (block C, blocks/authorization.ts): each breaks one behaviour. */
export const STATION_201_AUTH_FAULTS = defineFaults({
  'auth-not-accepted-starts': {
    block: 'C',
    description: 'a token the CSMS answers Invalid, Blocked, Expired or Unknown in AuthorizeResponse is treated as accepted',
  },
  'cache-preauthorize-ignored': {
    block: 'C',
    description: 'with LocalPreAuthorize true a token cached as Accepted is still sent to the CSMS in Authorize before charging',
  },
  'cache-preauthorize-always': {
    block: 'C',
    description: 'a token cached as Accepted is authorized from the cache without Authorize even though LocalPreAuthorize is false',
  },
  'cache-post-authorize-skipped': {
    block: 'C',
    description: 'a token cached with a status other than Accepted is refused locally instead of being authorized again with the CSMS',
  },
  'post-authorize-not-disabled': {
    block: 'C',
    description: 'a token cached as not Accepted is sent in Authorize even though AuthCacheCtrlr.DisablePostAuthorize is true',
  },
  'cache-not-updated-on-authorize': {
    block: 'C',
    description: 'the authorization cache keeps its old entry when an AuthorizeResponse gives the token a new status',
  },
  'cache-not-updated-on-tx-response': {
    block: 'C',
    description: 'the authorization cache keeps its old entry when a TransactionEventResponse gives the token a new status',
  },
  'cache-lifetime-ignored': { block: 'C', description: 'cache entries never expire: AuthCacheCtrlr.LifeTime is not applied' },
  'cache-lost-on-reboot': { block: 'C', description: 'the authorization cache is emptied by a reboot' },
  'clearcache-keeps-entries': { block: 'C', description: 'ClearCache is answered Accepted but the cached tokens stay' },
  'clearcache-accepted-when-disabled': {
    block: 'C',
    description: 'ClearCache is answered Accepted although the authorization cache is disabled (AuthCacheCtrlr.Enabled false)',
  },
  'group-stop-ignored': {
    block: 'C',
    description: 'a different token of the same groupIdToken as the one that started the transaction does not stop it',
  },
  'group-stop-ignores-status': {
    block: 'C',
    description: 'a different token of the transaction group stops the transaction even when its status is not Accepted',
  },
  'other-group-stops': { block: 'C', description: 'any accepted token stops the running transaction, even one of another groupIdToken' },
  'masterpass-ignored': { block: 'C', description: 'a token of the MasterPassGroupId presented during a transaction does not stop it' },
  'masterpass-starts-tx': { block: 'C', description: 'a token of the MasterPassGroupId presented at an idle EVSE starts a session' },
  'stop-tx-on-invalid-inverted': {
    block: 'C',
    description:
      'a running transaction whose token the CSMS refuses in a TransactionEventResponse is handled as if TxCtrlr.StopTxOnInvalidId had the other value',
  },
});
