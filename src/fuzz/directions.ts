import type { OcppVersion } from '../core/versions.js';

/**
 * Which side initiates each action, per version (OCPP 1.6 §4/§5 + Security Whitepaper ed.3;
 * 2.0.1 Part 2 message lists; 2.1 Part 2, including the new 2.1 messages). The schemas only say
 * which actions exist, not who sends them, so this table is the single place that decides what
 * a fuzzer may send to a CSMS ("to-csms": station-initiated actions) or to a station
 * ("to-cs": CSMS-initiated actions). DataTransfer goes both ways in every version.
 */
export type FuzzDirection = 'to-csms' | 'to-cs';

interface DirectionTable {
  /** Initiated by the Charge Point / Charging Station, received by the Central System / CSMS. */
  stationToCsms: readonly string[];
  /** Initiated by the Central System / CSMS, received by the station. */
  csmsToStation: readonly string[];
  /** Sent as SEND [6] (2.1): no response is allowed. */
  send: readonly string[];
}

const V16: DirectionTable = {
  stationToCsms: [
    'Authorize',
    'BootNotification',
    'DataTransfer',
    'DiagnosticsStatusNotification',
    'FirmwareStatusNotification',
    'Heartbeat',
    'MeterValues',
    'StartTransaction',
    'StatusNotification',
    'StopTransaction',
    // Security Whitepaper extensions to 1.6
    'LogStatusNotification',
    'SecurityEventNotification',
    'SignCertificate',
    'SignedFirmwareStatusNotification',
  ],
  csmsToStation: [
    'CancelReservation',
    'ChangeAvailability',
    'ChangeConfiguration',
    'ClearCache',
    'ClearChargingProfile',
    'DataTransfer',
    'GetCompositeSchedule',
    'GetConfiguration',
    'GetDiagnostics',
    'GetLocalListVersion',
    'RemoteStartTransaction',
    'RemoteStopTransaction',
    'ReserveNow',
    'Reset',
    'SendLocalList',
    'SetChargingProfile',
    'TriggerMessage',
    'UnlockConnector',
    'UpdateFirmware',
    // Security Whitepaper extensions to 1.6
    'CertificateSigned',
    'DeleteCertificate',
    'ExtendedTriggerMessage',
    'GetInstalledCertificateIds',
    'GetLog',
    'InstallCertificate',
    'SignedUpdateFirmware',
  ],
  send: [],
};

const V201_STATION = [
  'Authorize',
  'BootNotification',
  'ClearedChargingLimit',
  'DataTransfer',
  'FirmwareStatusNotification',
  'Get15118EVCertificate',
  'GetCertificateStatus',
  'Heartbeat',
  'LogStatusNotification',
  'MeterValues',
  'NotifyChargingLimit',
  'NotifyCustomerInformation',
  'NotifyDisplayMessages',
  'NotifyEVChargingNeeds',
  'NotifyEVChargingSchedule',
  'NotifyEvent',
  'NotifyMonitoringReport',
  'NotifyReport',
  'PublishFirmwareStatusNotification',
  'ReportChargingProfiles',
  'ReservationStatusUpdate',
  'SecurityEventNotification',
  'SignCertificate',
  'StatusNotification',
  'TransactionEvent',
];

const V201_CSMS = [
  'CancelReservation',
  'CertificateSigned',
  'ChangeAvailability',
  'ClearCache',
  'ClearChargingProfile',
  'ClearDisplayMessage',
  'ClearVariableMonitoring',
  'CostUpdated',
  'CustomerInformation',
  'DataTransfer',
  'DeleteCertificate',
  'GetBaseReport',
  'GetChargingProfiles',
  'GetCompositeSchedule',
  'GetDisplayMessages',
  'GetInstalledCertificateIds',
  'GetLocalListVersion',
  'GetLog',
  'GetMonitoringReport',
  'GetReport',
  'GetTransactionStatus',
  'GetVariables',
  'InstallCertificate',
  'PublishFirmware',
  'RequestStartTransaction',
  'RequestStopTransaction',
  'ReserveNow',
  'Reset',
  'SendLocalList',
  'SetChargingProfile',
  'SetDisplayMessage',
  'SetMonitoringBase',
  'SetMonitoringLevel',
  'SetNetworkProfile',
  'SetVariableMonitoring',
  'SetVariables',
  'TriggerMessage',
  'UnlockConnector',
  'UnpublishFirmware',
  'UpdateFirmware',
];

const V201: DirectionTable = { stationToCsms: V201_STATION, csmsToStation: V201_CSMS, send: [] };

const V21: DirectionTable = {
  stationToCsms: [
    ...V201_STATION,
    // New in 2.1
    'BatterySwap', // battery swap station reports a swap
    'ClosePeriodicEventStream',
    'GetCertificateChainStatus', // OCSP status for a whole chain
    'NotifyDERAlarm',
    'NotifyDERStartStop',
    'NotifyPeriodicEventStream', // a SEND, see below
    'NotifyPriorityCharging',
    'NotifySettlement', // payment terminal settlement
    'OpenPeriodicEventStream',
    'PullDynamicScheduleUpdate',
    'ReportDERControl',
    'VatNumberValidation',
  ],
  csmsToStation: [
    ...V201_CSMS,
    // New in 2.1
    'AFRRSignal',
    'AdjustPeriodicEventStream',
    'ChangeTransactionTariff',
    'ClearDERControl',
    'ClearTariffs',
    'GetDERControl',
    'GetPeriodicEventStream',
    'GetTariffs',
    'NotifyAllowedEnergyTransfer',
    'NotifyWebPaymentStarted',
    'RequestBatterySwap',
    'SetDERControl',
    'SetDefaultTariff',
    'UpdateDynamicSchedule',
    'UsePriorityCharging',
  ],
  send: ['NotifyPeriodicEventStream'],
};

const TABLES: Record<OcppVersion, DirectionTable> = { '1.6': V16, '2.0.1': V201, '2.1': V21 };

/** The actions a SUT receives in this direction (sorted, so plans do not depend on table order). */
export function actionsFor(version: OcppVersion, direction: FuzzDirection): string[] {
  const t = TABLES[version];
  return [...(direction === 'to-csms' ? t.stationToCsms : t.csmsToStation)].sort();
}

/** The actions the SUT itself initiates (sending one of these to it is a wrong-direction call). */
export function wrongDirectionActions(version: OcppVersion, direction: FuzzDirection): string[] {
  const receives = new Set(actionsFor(version, direction));
  return actionsFor(version, direction === 'to-csms' ? 'to-cs' : 'to-csms').filter((a) => !receives.has(a));
}

/** True when the action travels as a 2.1 SEND [6] (the receiver must not answer). */
export function isSendAction(version: OcppVersion, action: string): boolean {
  return TABLES[version].send.includes(action);
}
