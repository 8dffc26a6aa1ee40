import type { SutRole } from '../core/meta.js';
import type { OcppVersion } from '../core/versions.js';
import { subprotocolOf } from '../core/versions.js';
import { errorCode, errorCodes, type ErrorKind } from './errors.js';
import { securityEventNames } from './security-events.js';

/**
 * The one place that answers "what does version V say here" for code shared by all versions:
 * version families (1.6 | 2.x), the boot payload, the liveness probe, security event names and
 * error codes. 2.1 is written as its delta on 2.0.1. Code elsewhere asks `versionFacts(v)`
 * instead of testing `v === '1.6'`.
 */
export type VersionFamily = '1.6' | '2.x';

export interface OcppCall {
  action: string;
  payload: Record<string, unknown>;
}

export interface VersionFacts {
  version: OcppVersion;
  family: VersionFamily;
  subprotocol: string;
  /** Every CALLERROR code the version defines. */
  errorCodes: readonly string[];
  /** The version's spelling of a logical error kind (1.6 FormationViolation, 2.x FormatViolation). */
  errorCode(kind: ErrorKind): string;
  securityEventNames: readonly string[];
  /** A valid BootNotification of a station with this model name. */
  bootRequest(model: string, vendor?: string): OcppCall;
  /**
   * A valid call every SUT of the role must answer (any CALLRESULT or CALLERROR counts): the
   * harness sends it to see whether the SUT is still alive. To a CSMS: a BootNotification; to a
   * station: a read of its heartbeat interval.
   */
  livenessProbe(sut: SutRole): OcppCall;
  /**
   * A valid call that proves an established session still serves: to a CSMS (our boot accepted) a
   * Heartbeat, to a station the same read of its heartbeat interval.
   */
  sessionProbe(sut: SutRole): OcppCall;
  /** How the version names the SUT of a role in failure texts ("central system" in 1.6). */
  sutName(sut: SutRole): string;
  /** The call a station sends to report a started transaction. */
  transactionStarted(o: { idToken: string; timestamp: string; transactionId: string }): OcppCall;
  /** The call a CSMS sends to start a transaction remotely. */
  remoteStart(o: { idToken: string }): OcppCall;
}

const VENDOR = 'ocpp-harness';
const HEARTBEAT: OcppCall = { action: 'Heartbeat', payload: {} };

function facts16(): VersionFacts {
  return {
    version: '1.6',
    family: '1.6',
    subprotocol: subprotocolOf('1.6'),
    errorCodes: errorCodes('1.6'),
    errorCode: (kind) => errorCode('1.6', kind),
    securityEventNames: securityEventNames('1.6'),
    bootRequest: (model, vendor = VENDOR) => ({
      action: 'BootNotification',
      payload: { chargePointVendor: vendor, chargePointModel: model },
    }),
    livenessProbe(sut) {
      return sut === 'csms' ? this.bootRequest('LivenessProbe') : this.sessionProbe('cs');
    },
    sessionProbe: (sut) => (sut === 'csms' ? HEARTBEAT : { action: 'GetConfiguration', payload: { key: ['HeartbeatInterval'] } }),
    sutName: (sut) => (sut === 'csms' ? 'central system' : 'charge point'),
    transactionStarted: (o) => ({
      action: 'StartTransaction',
      payload: { connectorId: 1, idTag: o.idToken, meterStart: 0, timestamp: o.timestamp },
    }),
    remoteStart: (o) => ({ action: 'RemoteStartTransaction', payload: { connectorId: 1, idTag: o.idToken } }),
  };
}

function facts201(): VersionFacts {
  return {
    version: '2.0.1',
    family: '2.x',
    subprotocol: subprotocolOf('2.0.1'),
    errorCodes: errorCodes('2.0.1'),
    errorCode: (kind) => errorCode('2.0.1', kind),
    securityEventNames: securityEventNames('2.0.1'),
    bootRequest: (model, vendor = VENDOR) => ({
      action: 'BootNotification',
      payload: { reason: 'PowerUp', chargingStation: { model, vendorName: vendor } },
    }),
    livenessProbe(sut) {
      return sut === 'csms' ? this.bootRequest('LivenessProbe') : this.sessionProbe('cs');
    },
    sessionProbe: (sut) =>
      sut === 'csms'
        ? HEARTBEAT
        : {
            action: 'GetVariables',
            payload: { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
          },
    sutName: (sut) => (sut === 'csms' ? 'CSMS' : 'station'),
    transactionStarted: (o) => ({
      action: 'TransactionEvent',
      payload: {
        eventType: 'Started',
        timestamp: o.timestamp,
        triggerReason: 'Authorized',
        seqNo: 0,
        transactionInfo: { transactionId: o.transactionId },
        evse: { id: 1, connectorId: 1 },
        idToken: { idToken: o.idToken, type: 'ISO14443' },
      },
    }),
    remoteStart: (o) => ({
      action: 'RequestStartTransaction',
      payload: { evseId: 1, remoteStartId: 1, idToken: { idToken: o.idToken, type: 'ISO14443' } },
    }),
  };
}

/** 2.1: what it changes on 2.0.1 (subprotocol and error codes so far). */
function facts21(): VersionFacts {
  return {
    ...facts201(),
    version: '2.1',
    subprotocol: subprotocolOf('2.1'),
    errorCodes: errorCodes('2.1'),
    errorCode: (kind) => errorCode('2.1', kind),
    securityEventNames: securityEventNames('2.1'),
  };
}

const FACTS: Record<OcppVersion, VersionFacts> = { '1.6': facts16(), '2.0.1': facts201(), '2.1': facts21() };

export function versionFacts(version: OcppVersion): VersionFacts {
  return FACTS[version];
}
