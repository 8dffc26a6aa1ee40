import type { OcppVersion } from './versions.js';

/**
 * Optional features a SUT declares (its PICS), by id. A case that needs one names it in its
 * metadata (`features`); a run whose config does not declare it makes the case not-applicable.
 * A SUT that refuses a call of an undeclared feature (CALLERROR NotImplemented/NotSupported,
 * status NotSupported) makes the case not-applicable naming the feature; for a declared feature
 * the same answer stays a fail.
 *
 * 1.6 ids are the feature profile names of OCPP 1.6 §3 (what a station lists in its
 * SupportedFeatureProfiles key), plus the parts of the 1.6 security whitepaper a station may
 * leave out. 2.0.1 ids are the optional certification profiles of Part 5 and the few PICS
 * items the catalogue's cases depend on.
 */
export interface FeatureSpec {
  id: string;
  versions: readonly OcppVersion[];
  title: string;
  /** CALL actions that belong to the feature (either direction): a refusal of one names it. */
  actions: readonly string[];
}

const V16: readonly OcppVersion[] = ['1.6'];
const V2: readonly OcppVersion[] = ['2.0.1', '2.1'];

export const FEATURES: readonly FeatureSpec[] = [
  {
    id: 'FirmwareManagement',
    versions: V16,
    title: '1.6 Firmware Management profile',
    actions: ['UpdateFirmware', 'GetDiagnostics', 'FirmwareStatusNotification', 'DiagnosticsStatusNotification'],
  },
  {
    id: 'LocalAuthListManagement',
    versions: [...V16, ...V2],
    title: 'Local authorization list',
    actions: ['SendLocalList', 'GetLocalListVersion'],
  },
  { id: 'Reservation', versions: [...V16, ...V2], title: 'Reservation', actions: ['ReserveNow', 'CancelReservation'] },
  {
    id: 'SmartCharging',
    versions: [...V16, ...V2],
    title: 'Smart charging',
    actions: ['SetChargingProfile', 'ClearChargingProfile', 'GetCompositeSchedule', 'GetChargingProfiles', 'ReportChargingProfiles'],
  },
  { id: 'RemoteTrigger', versions: V16, title: '1.6 Remote Trigger profile', actions: ['TriggerMessage'] },
  {
    id: 'Security.CertificateManagement',
    versions: V16,
    title: '1.6 security whitepaper: CA certificate management (M03-M05)',
    actions: ['InstallCertificate', 'DeleteCertificate', 'GetInstalledCertificateIds'],
  },
  {
    id: 'Security.CertificateSigning',
    versions: V16,
    title: '1.6 security whitepaper: station certificate renewal (A02, A03)',
    actions: ['ExtendedTriggerMessage', 'SignCertificate', 'CertificateSigned'],
  },
  {
    id: 'Security.SecurityLog',
    versions: V16,
    title: '1.6 security whitepaper: security log (N01)',
    actions: ['GetLog', 'LogStatusNotification'],
  },
  {
    id: 'Security.SecureFirmwareUpdate',
    versions: V16,
    title: '1.6 security whitepaper: signed firmware update (L01)',
    actions: ['SignedUpdateFirmware', 'SignedFirmwareStatusNotification'],
  },
  {
    id: 'Security.SecurityProfileUpgrade',
    versions: V16,
    title: '1.6 security whitepaper: raising the SecurityProfile key (A05)',
    actions: [],
  },
  {
    id: 'AdvancedSecurity',
    versions: V2,
    title: '2.0.1 Advanced Security profile: station certificate renewal, profile 3',
    actions: ['SignCertificate', 'CertificateSigned'],
  },
  {
    id: 'NetworkProfiles',
    versions: V2,
    title: '2.0.1 SetNetworkProfile and security profile upgrade (B09, A05)',
    actions: ['SetNetworkProfile'],
  },
  {
    id: 'AdvancedDeviceManagement',
    versions: V2,
    title: '2.0.1 Advanced Device Management profile: monitoring (N02-N08)',
    actions: [
      'GetMonitoringReport',
      'SetMonitoringBase',
      'SetVariableMonitoring',
      'SetMonitoringLevel',
      'ClearVariableMonitoring',
      'NotifyMonitoringReport',
    ],
  },
  {
    id: 'DisplayMessage',
    versions: V2,
    title: '2.0.1 Advanced User Interface profile: display messages (O01-O06)',
    actions: ['SetDisplayMessage', 'GetDisplayMessages', 'ClearDisplayMessage', 'NotifyDisplayMessages'],
  },
  { id: 'C-16', versions: V2, title: 'CSMS PICS C-16: GetTransactionStatus', actions: ['GetTransactionStatus'] },
  { id: 'C-17', versions: V2, title: 'CSMS PICS C-17: GetBaseReport ConfigurationInventory', actions: [] },
  { id: 'C-50', versions: V2, title: 'CSMS PICS C-50: GetBaseReport FullInventory', actions: [] },
  { id: 'C-15', versions: V2, title: 'CSMS PICS C-15: firmware update at a scheduled retrieve or install time', actions: [] },
  {
    id: 'C-60',
    versions: V2,
    title: 'Charging Station PICS C-60: cancels an ongoing firmware update (TC_L_10; not declared: TC_L_11)',
    actions: [],
  },
  {
    id: 'LocalController',
    versions: V2,
    title: '2.0.1 local controller: publishing firmware for its stations (L03, L04; in no certification profile)',
    actions: ['PublishFirmware', 'UnpublishFirmware', 'PublishFirmwareStatusNotification'],
  },
  {
    id: 'ISO15118',
    versions: V2,
    title: '2.0.1 ISO 15118 support profile: contract certificates (Plug & Charge) and V2G certificate management',
    actions: ['Get15118EVCertificate', 'GetCertificateStatus'],
  },
  { id: 'TariffCost', versions: V2, title: '2.0.1 Advanced User Interface profile: tariff and cost (I)', actions: ['CostUpdated'] },
  { id: 'SC-4', versions: V2, title: 'CSMS PICS SC-4: a TxDefaultProfile set on EVSE 0 (every EVSE)', actions: [] },
  {
    id: 'ISO15118SmartCharging',
    versions: V2,
    title: '2.0.1 ISO 15118 load levelling (K15-K17): EV charging needs and schedules',
    actions: ['NotifyEVChargingNeeds', 'NotifyEVChargingSchedule'],
  },
  { id: 'C-44', versions: V2, title: 'CSMS PICS C-44: BootNotification answered Pending', actions: [] },
  { id: 'C-49', versions: V2, title: 'Station PICS C-49: authorization cache (AuthCacheCtrlr)', actions: ['ClearCache'] },
  { id: 'C-13', versions: V2, title: 'Station PICS C-13: Reset of a single EVSE (Reset with evseId, EVSE.AllowReset)', actions: [] },
  { id: 'MasterPass', versions: V2, title: 'Station: master pass tokens (AuthCtrlr.MasterPassGroupId, C16)', actions: [] },
  {
    id: 'UnlockOnEVSideDisconnect',
    versions: V2,
    title: 'Station: the station-side cable unlocks when the EV side is disconnected and the transaction is deauthorized (E09)',
    actions: [],
  },
  // Station PICS C-09.x / C-10.x: the TxStartPoint / TxStopPoint values the station supports (E01, E06).
  ...['ParkingBayOccupancy', 'EVConnected', 'Authorized', 'DataSigned', 'PowerPathClosed', 'EnergyTransfer'].map((v) => ({
    id: `TxStartPoint.${v}`,
    versions: V2,
    title: `Station PICS C-09: TxCtrlr.TxStartPoint ${v} supported`,
    actions: [],
  })),
  ...['ParkingBayOccupancy', 'EVConnected', 'Authorized', 'PowerPathClosed', 'EnergyTransfer'].map((v) => ({
    id: `TxStopPoint.${v}`,
    versions: V2,
    title: `Station PICS C-10: TxCtrlr.TxStopPoint ${v} supported`,
    actions: [],
  })),
];

export const FEATURE_IDS: readonly string[] = FEATURES.map((f) => f.id);

export function featureSpec(id: string): FeatureSpec | undefined {
  return FEATURES.find((f) => f.id === id);
}

/** The optional feature a CALL action of `version` belongs to; undefined for a mandatory one. */
export function featureOfAction(version: OcppVersion, action: string): FeatureSpec | undefined {
  return FEATURES.find((f) => f.versions.includes(version) && f.actions.includes(action));
}

/** Ids in `ids` that are not features: a typo in a config or a case. */
export function unknownFeatures(ids: readonly string[]): string[] {
  return ids.filter((id) => !FEATURE_IDS.includes(id));
}
