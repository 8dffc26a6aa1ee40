import { createPublicKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { check } from '../engine/checks.js';
import type { AnyCaseContext, Call201, Ctx16Csms, Ctx201Cs, Ctx201Csms, Request16, Response201 } from './contexts.js';
import { keyIdentifier } from '../pki/der.js';
import { inspectCertificate } from '../pki/inspect.js';
import { BACKDATE_MS, DAY_MS, issueCertificate, randomSerial } from '../pki/issue.js';
import { auditCertificate, certificateHashData, splitPemChain, type CertificateHashData } from '../pki/test-pki.js';
import { expectAfter, mark } from './csms201.js';
import type { GetCertificateIdUseEnumType } from '../protocol/payloads/v201.js';

export { createCsr, parseCsr } from '../pki/csr.js';
export { parseOcspResponse } from '../pki/ocsp.js';
export { keyIdentifier } from '../pki/der.js';
export { inspectCertificate, verifyChain } from '../pki/inspect.js';
export { BACKDATE_MS, DAY_MS, issueCertificate } from '../pki/issue.js';
export { auditCertificate, certDer, certificateHashData, sameHashData, splitPemChain } from '../pki/test-pki.js';
export type { CertificateHashData, HashAlgorithm, IssueVariant } from '../pki/test-pki.js';

/**
 * Certificates: CA certificates made for one case, hash data in notes, certificate renewal
 * (TriggerMessage, SignCertificate, CertificateSigned) and the audit of a chain a CSMS issued,
 * and the harness station's side of certificate management (what it has installed, what it
 * checks in an InstallCertificate). The test PKI itself is ctx.pki.
 */

/**
 * A self-signed certificate (EC P-256) made for this case: a CA unless `leaf` (then a server
 * certificate). Valid from an hour ago for 30 days, or `expired`: ended yesterday, begun
 * `expiredDays` before.
 */
function selfSigned(
  name: { CN: string; O: string },
  serial: Buffer,
  o: { expired?: boolean; expiredDays: number; leaf?: boolean },
): string {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const now = Date.now();
  const keyId = keyIdentifier(publicKey);
  return issueCertificate({
    subject: name,
    publicKey,
    issuer: { name, privateKey, keyId },
    serial,
    notBefore: new Date(o.expired ? now - o.expiredDays * DAY_MS : now - BACKDATE_MS),
    notAfter: new Date(o.expired ? now - DAY_MS : now + 30 * DAY_MS),
    ca: !o.leaf,
    keyUsage: o.leaf ? ['digitalSignature'] : ['keyCertSign', 'cRLSign'],
    ...(o.leaf ? { extKeyUsage: ['serverAuth' as const] } : {}),
    subjectKeyId: keyId,
  });
}

/**
 * A self-signed CA certificate (EC P-256) made for this case: unique to the run, so installing,
 * listing and deleting it is observable. `expired` makes one whose validity ended yesterday.
 */
export function freshRootCertificate(commonName: string, organization: string, o: { expired?: boolean } = {}): string {
  return selfSigned({ CN: commonName, O: organization }, randomSerial(), { expired: o.expired, expiredDays: 60 });
}

/**
 * A new self-signed CA certificate (EC P-256) made for this case (`leaf`: a self-signed end-entity
 * certificate instead, CA:FALSE). Its serial number starts with a zero nibble, so a station that
 * keeps leading zeros in serialNumber shows it.
 */
export function freshRoot(ctx: AnyCaseContext, label: string, o: { expired?: boolean; leaf?: boolean } = {}): string {
  const serial = randomBytes(12);
  serial[0] = 0x01 + ((serial[0] ?? 0) % 0x0f); // 0x01..0x0f: positive, minimal DER, hex begins with '0'
  return selfSigned({ CN: `ocpp-harness ${label} ${serial.subarray(1, 4).toString('hex')}`, O: ctx.organization }, serial, {
    ...o,
    expiredDays: 400,
  });
}

/** A short text for hash data (for notes and failure messages). */
export function hashDataText(h: CertificateHashData): string {
  return `${h.hashAlgorithm} issuerNameHash ${h.issuerNameHash.slice(0, 16)}… issuerKeyHash ${h.issuerKeyHash.slice(0, 16)}… serial ${h.serialNumber}`;
}

/** RFC 6960 hash data of an installed root (its own issuer) or of a certificate under `issuerPem`. */
export function hashDataOfCert(certPem: string, issuerPem = certPem): CertificateHashData {
  return certificateHashData(certPem, issuerPem, 'SHA256');
}

/**
 * Starts a certificate renewal (A02): TriggerMessage SignChargingStationCertificate (Accepted)
 * and the SignCertificate that follows; the SignCertificate is not answered yet.
 */
export async function triggerCsr(ctx: Ctx201Cs, requirement = 'A02.FR.01'): Promise<Call201<'SignCertificate'>> {
  const { csms } = ctx;
  const at = mark(csms);
  const res = await csms.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' }, { requirement });
  ctx.expectOneOf(res.status, ['Accepted'], requirement, 'TriggerMessage SignChargingStationCertificate status');
  return expectAfter(csms, at, 'SignCertificate', { within: ctx.waits.twoMessages, requirement });
}

/**
 * Renews the station certificate (memory state RenewChargingStationCertificate): TriggerMessage,
 * SignCertificate Accepted, a valid CertificateSigned Accepted.
 */
export async function renewStationCertificate(ctx: Ctx201Cs, requirement: string): Promise<void> {
  const { csms } = ctx;
  const sign = await triggerCsr(ctx, requirement);
  await csms.reply(sign, { status: 'Accepted' });
  const res = await csms.call(
    'CertificateSigned',
    { certificateChain: ctx.pki.issueForCsr(sign.payload.csr, 'valid'), certificateType: 'ChargingStationCertificate' },
    { requirement },
  );
  ctx.expectOneOf(res.status, ['Accepted'], requirement, 'CertificateSigned status');
}

/**
 * Audits a chain the CSMS returned in CertificateSigned for a CSR whose key is `privateKeyPem`
 * (A02, CERT-07): key of the CSR, chain to the CSMS root, CN = serial, O = CSO, valid now, not a
 * CA, strong key. Each problem carries the requirement it breaks.
 */
export function issuedCertificateProblems(
  ctx: AnyCaseContext,
  chainText: string,
  privateKeyPem: string,
): { requirement: string; problem: string }[] {
  const chain = splitPemChain(chainText);
  const [leafPem] = chain;
  if (leafPem === undefined) return [{ requirement: 'A02.FR.04', problem: `not a PEM certificate chain: ${chainText.slice(0, 60)}…` }];
  const out: { requirement: string; problem: string }[] = [];
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(leafPem);
  } catch (e) {
    return [{ requirement: 'A00.FR.505', problem: `unreadable certificate: ${(e as Error).message}` }];
  }
  const csrKey = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' });
  if (!leaf.publicKey.export({ type: 'spki', format: 'der' }).equals(csrKey))
    out.push({ requirement: 'A02.FR.04', problem: "the certificate carries a public key other than the CSR's" });
  for (const p of auditCertificate(leafPem, {
    role: 'station',
    commonName: ctx.serialNumber,
    organization: ctx.organization,
    trust: [...chain.slice(1), ctx.pki.csmsRoot],
    now: new Date(ctx.clock.now()),
  })) {
    out.push({
      requirement: p.requirement === 'A00.FR.501' && /not yet valid/.test(p.problem) ? 'A02.FR.06' : p.requirement,
      problem: p.problem,
    });
  }
  return out;
}

/**
 * Checks an InstallCertificate.req as a charge point would before storing it: the requested type,
 * a single readable PEM certificate that is a CA (basicConstraints cA) and valid now. Returns the
 * certificate PEM.
 */
export function checkInstallCertificate(
  ctx: AnyCaseContext,
  payload: Request16<'InstallCertificate'>,
  type: 'CentralSystemRootCertificate' | 'ManufacturerRootCertificate',
  requirement: string,
): string {
  check(
    payload.certificateType === type,
    requirement,
    `certificateType = ${type}`,
    `certificateType = ${JSON.stringify(payload.certificateType)}`,
  );
  const pems = splitPemChain(payload.certificate);
  const [pem] = pems;
  check(
    pem !== undefined && pems.length === 1,
    requirement,
    'certificate = one PEM encoded X.509 certificate',
    `${pems.length} PEM certificates`,
  );
  let info: ReturnType<typeof inspectCertificate>;
  try {
    info = inspectCertificate(pem);
  } catch (err) {
    return check(false, requirement, 'a readable X.509 certificate', (err as Error).message) as never;
  }
  check(
    info.isCA,
    requirement,
    `a CA certificate (basicConstraints cA = TRUE) as ${type}`,
    `a leaf certificate (CN ${JSON.stringify(info.subject.CN ?? null)})`,
  );
  const now = new Date(ctx.clock.now());
  check(
    info.notBefore <= now && now <= info.notAfter,
    requirement,
    'a certificate valid now',
    `valid ${info.notBefore.toISOString()} to ${info.notAfter.toISOString()}`,
  );
  return pem;
}

/** The harness station's installed CA certificates: certificate type → PKI artifact. */
export const STATION_INSTALLED_ROOTS: Partial<Record<GetCertificateIdUseEnumType, string>> = {
  CSMSRootCertificate: 'csms-root',
  ManufacturerRootCertificate: 'manufacturer-root',
  V2GRootCertificate: 'v2g-root',
};

/**
 * M03 from the station side: the operator makes the CSMS ask for the installed certificates of the
 * given types (undefined: all); the request must name exactly those types (or none for all).
 * Returns the call, not yet answered.
 */
export async function expectGetInstalledCertificateIds(
  ctx: Ctx201Csms,
  types: GetCertificateIdUseEnumType[] | undefined,
  requirement: string,
): Promise<Call201<'GetInstalledCertificateIds'>> {
  const { station, config } = ctx;
  await ctx.manual(
    'csmsSend',
    { message: 'GetInstalledCertificateIds', stationId: config.stationId, ...(types ? { certificateType: types } : {}) },
    `Make the CSMS ask station ${config.stationId} for its installed certificates${types ? ` of type ${types.join(', ')}` : ' (all types)'}`,
  );
  const req = await station.expectCall('GetInstalledCertificateIds', { requirement });
  const sent = req.payload.certificateType;
  if (types) {
    const same = Array.isArray(sent) && sent.length === types.length && types.every((t) => sent.includes(t));
    check(
      same,
      requirement,
      `certificateType = [${types.join(', ')}]`,
      sent === undefined ? 'no certificateType (all types)' : `[${sent.join(', ')}]`,
    );
  } else {
    const all: GetCertificateIdUseEnumType[] = [
      'V2GRootCertificate',
      'MORootCertificate',
      'CSMSRootCertificate',
      'V2GCertificateChain',
      'ManufacturerRootCertificate',
    ];
    check(
      sent === undefined || all.every((t) => sent.includes(t)),
      requirement,
      'no certificateType (all types) or every type',
      `[${(sent ?? []).join(', ')}]`,
    );
  }
  return req;
}

/** The CertificateHashDataChain entries the harness station reports for these types (undefined: all). */
export function installedCertificateChain(
  ctx: AnyCaseContext,
  types: GetCertificateIdUseEnumType[] | undefined,
): NonNullable<Response201<'GetInstalledCertificateIds'>['certificateHashDataChain']> {
  return (Object.entries(STATION_INSTALLED_ROOTS) as [GetCertificateIdUseEnumType, string][])
    .filter(([type]) => !types || types.includes(type))
    .map(([certificateType, artifact]) => ({ certificateType, certificateHashData: ctx.pki.hashDataOf(artifact) }));
}

/**
 * TC_075_1/TC_075_2 (central system side): the operator installs a root of `type`, then lists
 * the installed ones; the requests must be well formed and name that type.
 */
export async function installRootThenList16(
  ctx: Ctx16Csms,
  type: 'ManufacturerRootCertificate' | 'CentralSystemRootCertificate',
): Promise<void> {
  const { station, config } = ctx;
  await ctx.given('Booted');

  ctx.step(`The operator installs a ${type}: the central system sends InstallCertificate`);
  await ctx.manual(
    'csmsSend',
    { message: 'InstallCertificate', stationId: config.stationId, certificateType: type },
    `Make the central system install its ${type} on ${config.stationId} (InstallCertificate).`,
  );
  const install = await station.expectCall('InstallCertificate', { requirement: 'SECWP16-M05.FR.01' });
  const installed = checkInstallCertificate(ctx, install.payload, type, 'SECWP16-M05.FR.01');

  ctx.step('The charge point stores the certificate and answers Accepted');
  await station.reply(install, { status: 'Accepted' });

  ctx.step(`The operator lists the installed ${type}s: the central system sends GetInstalledCertificateIds`);
  await ctx.manual(
    'csmsSend',
    { message: 'GetInstalledCertificateIds', stationId: config.stationId, certificateType: type },
    `Make the central system ask ${config.stationId} for its installed ${type}s (GetInstalledCertificateIds).`,
  );
  const list = await station.expectCall('GetInstalledCertificateIds', { requirement: 'SECWP16-M03.FR.01' });
  check(
    list.payload.certificateType === type,
    'SECWP16-M03.FR.01',
    `certificateType = ${type}`,
    `certificateType = ${JSON.stringify(list.payload.certificateType)}`,
  );
  await station.reply(list, { status: 'Accepted', certificateHashData: [hashDataOfCert(installed)] });
}
