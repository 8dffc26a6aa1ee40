import type { PeerVariant } from '../../../engine/peer-contract.js';

/**
 * The conformant configurations the 2.0.1 reference station is proven in besides its default
 * (TxStartPoint/TxStopPoint PowerPathClosed, AuthorizeRemoteStart false, no authorization cache,
 * one EVSE). Settings are `Component.Variable` device-model values (DeviceModel201.configure) and
 * `evses` (EVSEs beyond the configured one are idle, one connector each).
 *
 * Transaction points: each value of the spec appears as a start point and as a stop point in at
 * least one variant; "EVConnected,Authorized" is the combination stations commonly ship.
 */

/** Cases whose flow runs a transaction (or could, by a remote start). */
const TX_CASES = {
  cases: [
    'TC_C_*_CS',
    'TC_E_*_CS',
    'TC_F_0*_CS',
    'TC_J_*_CS',
    'TC_G_11_CS',
    'TC_G_14_CS',
    'TC_G_17_CS',
    'TC_F_13_CS',
    'TC_F_14_CS',
    'TC_B_21_CS',
    'TC_B_22_CS',
    'TC_B_26_CS',
    'TC_B_27_CS',
  ],
};

const txPoints = (name: string, start: string, stop: string): PeerVariant => ({
  name,
  description: `TxStartPoint ${start}, TxStopPoint ${stop}`,
  settings: { 'TxCtrlr.TxStartPoint': start, 'TxCtrlr.TxStopPoint': stop },
  affects: TX_CASES,
});

export const STATION_201_VARIANTS: PeerVariant[] = [
  txPoints('tx-evconnected', 'EVConnected', 'EVConnected'),
  txPoints('tx-authorized', 'Authorized', 'Authorized'),
  txPoints('tx-evconnected-authorized', 'EVConnected,Authorized', 'EVConnected,Authorized'),
  txPoints('tx-parkingbay-energytransfer', 'ParkingBayOccupancy', 'EnergyTransfer'),
  txPoints('tx-energytransfer-parkingbay', 'EnergyTransfer', 'ParkingBayOccupancy'),
  txPoints('tx-datasigned', 'DataSigned', 'DataSigned'),
  txPoints('tx-powerpath-evconnected-authorized', 'PowerPathClosed', 'EVConnected,Authorized'),
  {
    name: 'authorize-remote-start',
    description: 'AuthCtrlr.AuthorizeRemoteStart true: a remote start is authorized with the CSMS first',
    settings: { 'AuthCtrlr.AuthorizeRemoteStart': 'true' },
    affects: { cases: ['TC_F_0*_CS', 'TC_E_*_CS', 'TC_C_*_CS'] },
  },
  {
    name: 'auth-cache-local-authorize',
    description: 'AuthCacheCtrlr.Enabled, AuthCtrlr.LocalPreAuthorize and AuthCtrlr.LocalAuthorizeOffline true',
    settings: { 'AuthCacheCtrlr.Enabled': 'true', 'AuthCtrlr.LocalPreAuthorize': 'true', 'AuthCtrlr.LocalAuthorizeOffline': 'true' },
    affects: TX_CASES,
  },
  {
    name: 'auth-cache-online-only',
    description: 'AuthCacheCtrlr.Enabled true, LocalPreAuthorize and LocalAuthorizeOffline false',
    settings: { 'AuthCacheCtrlr.Enabled': 'true', 'AuthCtrlr.LocalPreAuthorize': 'false', 'AuthCtrlr.LocalAuthorizeOffline': 'false' },
    affects: { cases: ['TC_C_*_CS', 'TC_E_*_CS', 'TC_F_0*_CS'] },
  },
  {
    name: 'two-evses',
    description: 'two EVSEs: the configured one and an idle second one that reports its own status',
    settings: { evses: '2' },
    affects: { cases: ['TC_B_*_CS', 'TC_G_*_CS', 'TC_F_2*_CS', 'TC_E_*_CS'] },
  },
];
