import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 block C (authorization) requirements the station-side (_CS) cases check: the
 * authorization cache (C10-C12), group ids (C09), the master pass (C16) and the handling of a
 * token the CSMS refuses (C01, E05). Our words; the numbering could not be checked against the
 * primary text, hence inferred.
 */
export const OCPP201_C_CS = defineRequirements('OCPP201', [
  [
    'C01.FR.03',
    'MUST',
    'The station charges for a presented token only when the CSMS answers it Accepted; any other status starts nothing.',
    I,
  ],
  [
    'C09.FR.03',
    'MUST',
    'A different token with the same groupIdToken as the token that started a transaction may stop that transaction.',
    I,
  ],
  ['C09.FR.04', 'MUST', 'An accepted token of another group than the transaction token does not stop the transaction.', I],
  [
    'C10.FR.01',
    'MUST',
    'With the authorization cache enabled, the station keeps the idTokenInfo of each AuthorizeResponse in the cache, replacing an older entry of the token.',
    I,
  ],
  [
    'C10.FR.02',
    'MUST',
    'With the authorization cache enabled, the station updates a token cache entry from the idTokenInfo of a TransactionEventResponse.',
    I,
  ],
  [
    'C10.FR.03',
    'MUST',
    'A presented token cached with a status other than Accepted is authorized with the CSMS again, unless AuthCacheCtrlr.DisablePostAuthorize is true, in which case it is refused without asking.',
    I,
  ],
  ['C10.FR.04', 'MUST', 'The authorization cache keeps its entries over a reboot of the station.', I],
  [
    'C10.FR.07',
    'MUST',
    'A cache entry whose validity has passed (its cacheExpiryDateTime, else AuthCacheCtrlr.LifeTime after it was stored) is not used to authorize locally.',
    I,
  ],
  [
    'C11.FR.01',
    'MUST',
    'The CSMS has a station clear its authorization cache with ClearCache; the station then removes every entry of that cache.',
    I,
  ],
  [
    'C11.FR.02',
    'MUST',
    'The station answers ClearCache with Accepted once its authorization cache is cleared (Rejected when it cannot clear it); that answer settles the request, so the CSMS does not repeat it.',
    I,
  ],
  ['C11.FR.04', 'MUST', 'With the authorization cache disabled the station answers ClearCache with Rejected.', I],
  [
    'C12.FR.02',
    'MUST',
    'A token cached as Accepted is authorized from the cache without Authorize only when AuthCtrlr.LocalPreAuthorize is true; otherwise it is sent in Authorize.',
    I,
  ],
  ['C12.FR.05', 'MUST', 'A cached token that is not Accepted starts charging only when the CSMS accepts it in a new AuthorizeResponse.', I],
  [
    'C16.FR.01',
    'MUST',
    'A token whose groupIdToken is AuthCtrlr.MasterPassGroupId stops the ongoing transactions (stoppedReason MasterPass); the CSMS authorizes it with that groupIdToken and accepts the transactions it ends.',
    I,
  ],
  ['C16.FR.02', 'MUST', 'A master pass token never starts a transaction.', I],
  [
    'E05.FR.03',
    'MUST',
    'With TxCtrlr.StopTxOnInvalidId false, a transaction whose token the CSMS refuses in a TransactionEventResponse stays open: the station does not end it.',
    I,
  ],
]);
