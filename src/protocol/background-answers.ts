import type { OcppVersion } from '../core/versions.js';
import { versionFacts } from './version-facts.js';

/**
 * What a conformant peer answers to a CALL nobody in the case claimed. A real SUT keeps working
 * between the steps a case cares about (a station authorizes, a CSMS asks for charging profiles
 * after a remote start); leaving its calls unanswered makes it retry, block its queue or hold a
 * connector, and later cases fail for it. Each answer is schema-valid for its version (pinned by
 * test/background-answers.test.ts) and conservative: the harness accepts what keeps a session
 * going (boot, heartbeats, notifications) and declines what would start work it cannot follow
 * up (a CSR to sign, a remote start, a firmware update). Actions without a row get the CALLERROR
 * a peer sends for an action it knows but does not support (NotImplemented for one the version
 * does not define).
 */

/** Facts a background answer needs from the run's configuration. */
export interface BackgroundFacts {
  /** OCPP timestamp now. */
  now(): string;
  /** HeartbeatInterval handed out in an accepted boot, seconds. */
  heartbeatIntervalS: number;
  /** Id tokens the mock CSMS accepts; every other token is answered Invalid. */
  acceptedTokens: readonly string[];
}

export type BackgroundAnswer =
  { kind: 'result'; payload: Record<string, unknown> } | { kind: 'error'; errorCode: string; errorDescription: string };

type Payload = Record<string, any>;
type Row = (request: Payload, facts: BackgroundFacts) => Payload;

const status =
  (value: string): Row =>
  () => ({ status: value });
const empty: Row = () => ({});

/** A CSMS (either family) answering a station. */
const csmsCommon: Record<string, Row> = {
  Heartbeat: (_r, f) => ({ currentTime: f.now() }),
  BootNotification: (_r, f) => ({ currentTime: f.now(), interval: f.heartbeatIntervalS, status: 'Accepted' }),
  StatusNotification: empty,
  MeterValues: empty,
  FirmwareStatusNotification: empty,
  SecurityEventNotification: empty,
  LogStatusNotification: empty,
  DataTransfer: status('UnknownVendorId'),
  SignCertificate: status('Rejected'),
};

const tokenStatus = (token: unknown, f: BackgroundFacts) =>
  typeof token === 'string' && f.acceptedTokens.includes(token) ? 'Accepted' : 'Invalid';

const csms16: Record<string, Row> = {
  ...csmsCommon,
  Authorize: (r, f) => ({ idTagInfo: { status: tokenStatus(r.idTag, f) } }),
  // A transaction the harness did not ask for still needs an id; 1.6 has no way to refuse one.
  StartTransaction: (r, f) => ({ transactionId: 1, idTagInfo: { status: tokenStatus(r.idTag, f) } }),
  StopTransaction: empty,
  DiagnosticsStatusNotification: empty,
  SignedFirmwareStatusNotification: empty,
};

const csms2: Record<string, Row> = {
  ...csmsCommon,
  Authorize: (r, f) => ({ idTokenInfo: { status: tokenStatus(r.idToken?.idToken, f) } }),
  TransactionEvent: (r, f) => (r.idToken?.idToken !== undefined ? { idTokenInfo: { status: tokenStatus(r.idToken.idToken, f) } } : {}),
  NotifyEvent: empty,
  NotifyReport: empty,
  NotifyMonitoringReport: empty,
  NotifyChargingLimit: empty,
  ClearedChargingLimit: empty,
  NotifyCustomerInformation: empty,
  NotifyDisplayMessages: empty,
  NotifyEVChargingNeeds: status('Rejected'),
  NotifyEVChargingSchedule: status('Rejected'),
  ReportChargingProfiles: empty,
  ReservationStatusUpdate: empty,
  PublishFirmwareStatusNotification: empty,
  GetCertificateStatus: status('Failed'),
  Get15118EVCertificate: () => ({ status: 'Failed', exiResponse: '' }),
};

/** A 1.6 charge point answering a central system. */
const station16: Record<string, Row> = {
  ChangeAvailability: status('Rejected'),
  ChangeConfiguration: status('Rejected'),
  ClearCache: status('Rejected'),
  GetConfiguration: (r) => ({ configurationKey: [], ...(Array.isArray(r.key) && r.key.length ? { unknownKey: r.key } : {}) }),
  Reset: status('Rejected'),
  RemoteStartTransaction: status('Rejected'),
  RemoteStopTransaction: status('Rejected'),
  UnlockConnector: status('NotSupported'),
  DataTransfer: status('UnknownVendorId'),
  TriggerMessage: status('Rejected'),
  GetLocalListVersion: () => ({ listVersion: 0 }),
  SendLocalList: status('Failed'),
  ReserveNow: status('Rejected'),
  CancelReservation: status('Rejected'),
  SetChargingProfile: status('Rejected'),
  ClearChargingProfile: status('Unknown'),
  GetCompositeSchedule: status('Rejected'),
  GetDiagnostics: empty,
  UpdateFirmware: empty,
  ExtendedTriggerMessage: status('Rejected'),
  CertificateSigned: status('Rejected'),
  InstallCertificate: status('Rejected'),
  DeleteCertificate: status('NotFound'),
  GetInstalledCertificateIds: status('NotFound'),
  GetLog: status('Rejected'),
  SignedUpdateFirmware: status('Rejected'),
};

/** A 2.0.1 / 2.1 station answering a CSMS. */
const station2: Record<string, Row> = {
  ChangeAvailability: status('Rejected'),
  ClearCache: status('Rejected'),
  Reset: status('Rejected'),
  RequestStartTransaction: status('Rejected'),
  RequestStopTransaction: status('Rejected'),
  UnlockConnector: status('UnlockFailed'),
  DataTransfer: status('UnknownVendorId'),
  TriggerMessage: status('Rejected'),
  GetLocalListVersion: () => ({ versionNumber: 0 }),
  SendLocalList: status('Failed'),
  ReserveNow: status('Rejected'),
  CancelReservation: status('Rejected'),
  SetChargingProfile: status('Rejected'),
  GetChargingProfiles: status('NoProfiles'),
  ClearChargingProfile: status('Unknown'),
  GetCompositeSchedule: status('Rejected'),
  GetVariables: (r) => ({
    getVariableResult: (Array.isArray(r.getVariableData) ? r.getVariableData : []).map((d: Payload) => ({
      attributeStatus: 'UnknownVariable',
      component: d.component,
      variable: d.variable,
    })),
  }),
  SetVariables: (r) => ({
    setVariableResult: (Array.isArray(r.setVariableData) ? r.setVariableData : []).map((d: Payload) => ({
      attributeStatus: 'Rejected',
      component: d.component,
      variable: d.variable,
    })),
  }),
  GetBaseReport: status('Rejected'),
  GetReport: status('Rejected'),
  GetMonitoringReport: status('Rejected'),
  SetMonitoringBase: status('Rejected'),
  SetMonitoringLevel: status('Rejected'),
  SetNetworkProfile: status('Rejected'),
  GetTransactionStatus: () => ({ messagesInQueue: false }),
  CertificateSigned: status('Rejected'),
  InstallCertificate: status('Rejected'),
  DeleteCertificate: status('NotFound'),
  GetInstalledCertificateIds: status('NotFound'),
  GetLog: status('Rejected'),
  UpdateFirmware: status('Rejected'),
  PublishFirmware: status('Rejected'),
  UnpublishFirmware: status('NoFirmware'),
  CustomerInformation: status('Rejected'),
  SetDisplayMessage: status('Rejected'),
  GetDisplayMessages: status('Unknown'),
  ClearDisplayMessage: status('Unknown'),
  CostUpdated: empty,
};

function table(version: OcppVersion, answering: 'csms' | 'station'): Record<string, Row> {
  const oneSix = versionFacts(version).family === '1.6';
  if (answering === 'csms') return oneSix ? csms16 : csms2;
  return oneSix ? station16 : station2;
}

/** The actions `answering` has a background answer for in this version (tests iterate it). */
export function backgroundActions(version: OcppVersion, answering: 'csms' | 'station'): string[] {
  return Object.keys(table(version, answering));
}

/** The answer a conformant `answering` peer gives to an unclaimed CALL. */
export function backgroundAnswer(
  version: OcppVersion,
  answering: 'csms' | 'station',
  action: string,
  request: unknown,
  facts: BackgroundFacts,
  /** Whether the version defines the action (NotSupported) or not (NotImplemented). */
  actionKnown = true,
): BackgroundAnswer {
  const row = Object.hasOwn(table(version, answering), action) ? table(version, answering)[action] : undefined;
  if (row) {
    const payload = request !== null && typeof request === 'object' && !Array.isArray(request) ? (request as Payload) : {};
    return { kind: 'result', payload: row(payload, facts) };
  }
  return {
    kind: 'error',
    errorCode: actionKnown ? 'NotSupported' : 'NotImplemented',
    errorDescription: `the harness ${answering === 'csms' ? 'CSMS' : 'station'} does not serve ${action.slice(0, 60)} outside a case step`,
  };
}
