/**
 * The device model and certificate store of the independent 2.0.1 station (station201.ts): its
 * own variable table (values unlike our reference station's: TxStartPoint EVConnected,Authorized,
 * AuthorizeRemoteStart true, two EVSEs) and certificate hash data computed with node:crypto
 * rather than the harness's PKI code.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { Payload } from './common.js';

export interface Variable {
  component: string;
  variable: string;
  value: string;
  mutability: 'ReadOnly' | 'ReadWrite' | 'WriteOnly';
  kind: 'integer' | 'boolean' | 'string' | 'points' | 'password';
  evse?: number;
}

const TX_POINTS = ['ParkingBayOccupancy', 'EVConnected', 'Authorized', 'DataSigned', 'PowerPathClosed', 'EnergyTransfer'];

export function deviceModel(evses: number[], txStartPoint: string): Variable[] {
  const v = (
    component: string,
    variable: string,
    value: string,
    mutability: Variable['mutability'] = 'ReadWrite',
    kind: Variable['kind'] = 'integer',
  ): Variable => ({
    component,
    variable,
    value,
    mutability,
    kind,
  });
  return [
    v('OCPPCommCtrlr', 'HeartbeatInterval', '120'),
    v('OCPPCommCtrlr', 'OfflineThreshold', '60'),
    v('OCPPCommCtrlr', 'WebSocketPingInterval', '0'),
    v('OCPPCommCtrlr', 'MessageAttempts', '3'),
    v('OCPPCommCtrlr', 'NetworkConfigurationPriority', '0', 'ReadWrite', 'string'),
    v('TxCtrlr', 'EVConnectionTimeOut', '45'),
    v('TxCtrlr', 'TxStartPoint', txStartPoint, 'ReadWrite', 'points'),
    v('TxCtrlr', 'TxStopPoint', 'EVConnected,Authorized', 'ReadWrite', 'points'),
    v('TxCtrlr', 'StopTxOnEVSideDisconnect', 'true', 'ReadWrite', 'boolean'),
    v('TxCtrlr', 'StopTxOnInvalidId', 'true', 'ReadWrite', 'boolean'),
    v('ChargingStation', 'AllowNewSessionsPendingFWUpdate', 'true', 'ReadWrite', 'boolean'),
    v('AuthCtrlr', 'Enabled', 'true', 'ReadWrite', 'boolean'),
    v('AuthCtrlr', 'AuthorizeRemoteStart', 'true', 'ReadWrite', 'boolean'),
    v('AuthCtrlr', 'LocalPreAuthorize', 'false', 'ReadWrite', 'boolean'),
    v('AuthCtrlr', 'LocalAuthorizeOffline', 'false', 'ReadWrite', 'boolean'),
    v('SampledDataCtrlr', 'TxUpdatedInterval', '0'),
    v('SampledDataCtrlr', 'TxEndedInterval', '0'),
    v('SampledDataCtrlr', 'TxStartedMeasurands', 'Energy.Active.Import.Register', 'ReadWrite', 'string'),
    v('SampledDataCtrlr', 'TxUpdatedMeasurands', 'Energy.Active.Import.Register', 'ReadWrite', 'string'),
    v('SampledDataCtrlr', 'TxEndedMeasurands', 'Energy.Active.Import.Register', 'ReadWrite', 'string'),
    v('AlignedDataCtrlr', 'Interval', '0'),
    v('AlignedDataCtrlr', 'Measurands', 'Energy.Active.Import.Register', 'ReadWrite', 'string'),
    v('AlignedDataCtrlr', 'SendDuringIdle', 'true', 'ReadWrite', 'boolean'),
    v('SecurityCtrlr', 'BasicAuthPassword', '', 'WriteOnly', 'password'),
    v('SecurityCtrlr', 'SecurityProfile', '0', 'ReadOnly'),
    v('SecurityCtrlr', 'OrganizationName', 'Rpc Judges', 'ReadWrite', 'string'),
    v('DeviceDataCtrlr', 'ItemsPerMessage', '8', 'ReadOnly'),
    v('ChargingStation', 'Available', 'true', 'ReadOnly', 'boolean'),
    ...evses.map((id) => ({ ...v('EVSE', 'Available', 'true', 'ReadOnly', 'boolean'), evse: id })),
  ];
}

/** The variable a Get/SetVariables entry names, or the attributeStatus that says why there is none. */
export function lookupVariable(model: Variable[], d: Payload): { base: Payload; def?: Variable; status?: string } {
  const base = { component: d.component, variable: d.variable, ...(d.attributeType ? { attributeType: d.attributeType } : {}) };
  const def = model.find((v) => v.component === d.component.name && v.variable === d.variable.name && v.evse === d.component.evse?.id);
  if (!model.some((v) => v.component === d.component.name)) return { base, status: 'UnknownComponent' };
  if (!def) return { base, status: 'UnknownVariable' };
  if ((d.attributeType ?? 'Actual') !== 'Actual') return { base, status: 'NotSupportedAttributeType' };
  return { base, def };
}

/** Whether `value` fits the variable (SetVariables answers Rejected otherwise). */
export function validValue(def: Variable, value: string): boolean {
  switch (def.kind) {
    case 'integer':
      return /^\d{1,9}$/.test(value);
    case 'boolean':
      return value === 'true' || value === 'false';
    case 'points':
      return value.split(',').every((p) => TX_POINTS.includes(p.trim()));
    case 'password':
      return /^[A-Za-z0-9*\-_=:+|@.~]{16,40}$/.test(value);
    default:
      return value.length <= 1000;
  }
}

/** The NotifyReport entry of one variable (Actual attribute; a WriteOnly value is never shown). */
export function reportEntry(def: Variable): Payload {
  return {
    component: { name: def.component, ...(def.evse !== undefined ? { evse: { id: def.evse } } : {}) },
    variable: { name: def.variable },
    variableAttribute: [{ type: 'Actual', mutability: def.mutability, ...(def.mutability === 'WriteOnly' ? {} : { value: def.value }) }],
    variableCharacteristics: {
      dataType: def.kind === 'points' ? 'MemberList' : def.kind === 'password' ? 'string' : def.kind,
      supportsMonitoring: false,
    },
  };
}

/** One DER TLV: where its content starts and where it ends. */
function tlv(buf: Buffer, at: number): { start: number; contentStart: number; end: number } {
  let len = buf[at + 1];
  let head = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[at + 2 + i];
    head += n;
  }
  return { start: at, contentStart: at + head, end: at + head + len };
}

/** Whether the certificate is inside its validity period now. */
export function currentlyValid(pem: string): boolean {
  const cert = new X509Certificate(pem);
  const t = Date.now();
  return Date.parse(cert.validFrom) <= t && t <= Date.parse(cert.validTo);
}

/** CertificateHashData (SHA256) of a self-issued root: issuer name and key hash over the cert itself. */
export function rootHashData(pem: string): Payload {
  const cert = new X509Certificate(pem);
  const der = cert.raw;
  const tbs = tlv(der, tlv(der, 0).contentStart);
  let at = tbs.contentStart;
  if (der[at] === 0xa0) at = tlv(der, at).end; // [0] version
  const serial = tlv(der, at);
  const sigAlg = tlv(der, serial.end);
  const issuer = tlv(der, sigAlg.end);
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  const alg = tlv(spki, tlv(spki, 0).contentStart);
  const bits = tlv(spki, alg.end);
  const h = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  return {
    hashAlgorithm: 'SHA256',
    issuerNameHash: h(der.subarray(issuer.start, issuer.end)),
    issuerKeyHash: h(spki.subarray(bits.contentStart + 1, bits.end)),
    serialNumber: der
      .subarray(serial.contentStart, serial.end)
      .toString('hex')
      .replace(/^0+(?=.)/, ''),
  };
}

export interface InstalledRoot {
  certificateType: string;
  pem: string;
}

/** M03-M05: install, list and delete CA certificates (the judge keeps them in memory). */
export function certificateHandlers(on: (action: string, fn: (params: Payload) => unknown) => void, roots: InstalledRoot[]): void {
  on('InstallCertificate', (p) => {
    try {
      const pem = String(p.certificate);
      if (!pem.includes('BEGIN CERTIFICATE') || !currentlyValid(pem)) return { status: 'Rejected' };
      if (!new X509Certificate(pem).ca) return { status: 'Rejected' }; // M05.FR.06: only CA certificates
      const hash = rootHashData(pem);
      if (!roots.some((r) => rootHashData(r.pem).serialNumber === hash.serialNumber))
        roots.push({ certificateType: p.certificateType, pem });
      return { status: 'Accepted' };
    } catch {
      return { status: 'Rejected' };
    }
  });
  on('GetInstalledCertificateIds', (p) => {
    const hits = roots.filter((r) => !p.certificateType?.length || p.certificateType.includes(r.certificateType));
    if (!hits.length) return { status: 'NotFound' };
    return {
      status: 'Accepted',
      certificateHashDataChain: hits.map((r) => ({ certificateType: r.certificateType, certificateHashData: rootHashData(r.pem) })),
    };
  });
  on('DeleteCertificate', (p) => {
    const n = (s: string) =>
      String(s)
        .toLowerCase()
        .replace(/^0+(?=.)/, '');
    const want = p.certificateHashData;
    const i = roots.findIndex((r) => {
      const h = rootHashData(r.pem);
      return (
        h.hashAlgorithm === want.hashAlgorithm &&
        n(h.issuerNameHash) === n(want.issuerNameHash) &&
        n(h.issuerKeyHash) === n(want.issuerKeyHash) &&
        n(h.serialNumber) === n(want.serialNumber)
      );
    });
    if (i < 0) return { status: 'NotFound' };
    roots.splice(i, 1);
    return { status: 'Accepted' };
  });
}
