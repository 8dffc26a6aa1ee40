import type { PeerVariant } from '../../../engine/peer-contract.js';

/**
 * The conformant configurations the 1.6 reference charge point is proven in besides its default
 * (AuthorizeRemoteTxRequests false, StopTransactionOnEVSideDisconnect and StopTransactionOnInvalidId
 * true, no authorization cache, one connector). Settings are configuration keys (ConfigStore.configure)
 * and `connectors` (connectors beyond the configured one stay idle).
 */

/** Cases whose flow runs (or could start) a transaction or authorizes an idTag. */
const TX_CASES = [
  'TC_003_CS',
  'TC_004_*_CS',
  'TC_01*_CS',
  'TC_023_*_CS',
  'TC_007_*_CS',
  'TC_061_*_CS',
  'TC_008_*_CS',
  'TC_026_CS',
  'TC_046_*_CS',
  'TC_053_1_CS',
  'TC_068_CS',
  'TC_069_CS',
];

export const STATION_16_VARIANTS: PeerVariant[] = [
  {
    name: 'authorize-remote-tx-requests',
    description: 'AuthorizeRemoteTxRequests true: a remote start is authorized with the central system first',
    settings: { AuthorizeRemoteTxRequests: 'true' },
    affects: { cases: TX_CASES },
  },
  {
    name: 'ev-side-disconnect-keeps-tx',
    description: 'StopTransactionOnEVSideDisconnect and UnlockConnectorOnEVSideDisconnect false',
    settings: { StopTransactionOnEVSideDisconnect: 'false', UnlockConnectorOnEVSideDisconnect: 'false' },
    affects: { cases: TX_CASES },
  },
  {
    name: 'invalid-id-keeps-tx',
    description: 'StopTransactionOnInvalidId false',
    settings: { StopTransactionOnInvalidId: 'false' },
    affects: { cases: TX_CASES },
  },
  {
    name: 'auth-cache-local-authorize',
    description: 'AuthorizationCacheEnabled, LocalPreAuthorize and LocalAuthorizeOffline true',
    settings: { AuthorizationCacheEnabled: 'true', LocalPreAuthorize: 'true', LocalAuthorizeOffline: 'true' },
    affects: { cases: TX_CASES },
  },
  {
    name: 'two-connectors',
    description: 'two connectors: the configured one and an idle second one',
    settings: { connectors: '2' },
    affects: { cases: ['TC_0*_CS'] },
  },
  {
    name: 'no-reservation-of-connector-zero',
    description: 'ReserveConnectorZeroSupported false: ReserveNow for connector 0 is Rejected',
    settings: { ReserveConnectorZeroSupported: 'false' },
    affects: { cases: ['TC_049_CS', 'TC_050_*_CS'] },
  },
];
