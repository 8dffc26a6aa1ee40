/**
 * Shared steps of the 2.0.1 block M cases against a charging station (the harness is CSMS):
 * fresh CA certificates to install, InstallCertificate / GetInstalledCertificateIds /
 * DeleteCertificate with the checks every case makes, and RFC 6960 hash data recomputed by the
 * harness from the certificate it installed. Not a case (the catalogue loads TC_* files only).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { CaseContext } from '../../../src/engine/context.js';
import { certificateHashData, type CertificateHashData, type HashAlgorithm } from '../../../src/pki/test-pki.js';
import { keyIdentifier } from '../../../src/pki/der.js';
import { BACKDATE_MS, DAY_MS, issueCertificate } from '../../../src/pki/issue.js';

export type CaUse = 'V2GRootCertificate' | 'MORootCertificate' | 'CSMSRootCertificate' | 'ManufacturerRootCertificate';
export type ListUse = CaUse | 'V2GCertificateChain';

export interface HashChainEntry {
  certificateType: ListUse;
  certificateHashData: CertificateHashData;
  childCertificateHashData?: CertificateHashData[];
}

export interface ListResult {
  status: 'Accepted' | 'NotFound';
  certificateHashDataChain?: HashChainEntry[];
}

const ALGORITHMS: HashAlgorithm[] = ['SHA256', 'SHA384', 'SHA512'];

/**
 * A new self-signed CA certificate (EC P-256) made for this case (`leaf`: a self-signed end-entity
 * certificate instead, CA:FALSE). Its serial number starts with a zero nibble, so a station that
 * keeps leading zeros in serialNumber shows it.
 */
export function freshRoot(ctx: CaseContext, label: string, o: { expired?: boolean; leaf?: boolean } = {}): string {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const now = Date.now();
  const serial = randomBytes(12);
  serial[0] = 0x01 + (serial[0]! % 0x0f); // 0x01..0x0f: positive, minimal DER, hex begins with '0'
  const name = { CN: `ocpp-harness ${label} ${serial.subarray(1, 4).toString('hex')}`, O: ctx.organization };
  const keyId = keyIdentifier(publicKey);
  return issueCertificate({
    subject: name,
    publicKey,
    issuer: { name, privateKey, keyId },
    serial,
    notBefore: new Date(o.expired ? now - 400 * DAY_MS : now - BACKDATE_MS),
    notAfter: new Date(o.expired ? now - DAY_MS : now + 30 * DAY_MS),
    ca: !o.leaf,
    keyUsage: o.leaf ? ['digitalSignature'] : ['keyCertSign', 'cRLSign'],
    ...(o.leaf ? { extKeyUsage: ['serverAuth' as const] } : {}),
    subjectKeyId: keyId,
  });
}

/** RFC 6960 hash data of a self-signed certificate, computed by the harness. */
export function expectedHash(rootPem: string, alg: HashAlgorithm = 'SHA256'): CertificateHashData {
  return certificateHashData(rootPem, rootPem, alg);
}

/** Sends InstallCertificate and returns the status. */
export async function install(ctx: CaseContext, certificateType: CaUse, certificate: string, requirement: string): Promise<string> {
  const res = await ctx.csms.call('InstallCertificate', { certificateType, certificate }, { requirement });
  return String(res.status);
}

/** InstallCertificate that must be Accepted (a precondition or the case's own check). */
export async function installAccepted(ctx: CaseContext, certificateType: CaUse, certificate: string, requirement: string): Promise<void> {
  const status = await install(ctx, certificateType, certificate, requirement);
  ctx.expectOneOf(status, ['Accepted'], requirement, `InstallCertificate ${certificateType} status`);
}

/** GetInstalledCertificateIds for the types (all types when omitted). */
export async function list(ctx: CaseContext, types: ListUse[] | undefined, requirement: string): Promise<ListResult> {
  const res = await ctx.csms.call<ListResult>('GetInstalledCertificateIds', types ? { certificateType: types } : {}, { requirement });
  return res;
}

/** Accepted with a non-empty chain, every entry of one of the requested types. */
export function checkAcceptedOfTypes(ctx: CaseContext, res: ListResult, types: ListUse[] | undefined, requirement: string): HashChainEntry[] {
  ctx.expectOneOf(res.status, ['Accepted'], requirement, 'GetInstalledCertificateIds status');
  const chain = res.certificateHashDataChain ?? [];
  ctx.check(chain.length > 0, requirement, 'certificateHashDataChain with the installed certificates', res);
  if (types) {
    const other = chain.filter((e) => !types.includes(e.certificateType));
    ctx.check(other.length === 0, 'M03.FR.03', `only certificates of type ${types.join(' or ')}`, other.map((e) => e.certificateType));
  }
  return chain;
}

const hex = (s: string | undefined): string => String(s ?? '').toLowerCase();

/** Field-by-field differences between reported and recomputed hash data (empty: the same). */
export function hashDifferences(reported: CertificateHashData, expected: CertificateHashData): string[] {
  const out: string[] = [];
  if (reported.hashAlgorithm !== expected.hashAlgorithm) out.push(`hashAlgorithm ${reported.hashAlgorithm} (expected ${expected.hashAlgorithm})`);
  if (hex(reported.issuerNameHash) !== expected.issuerNameHash) out.push(`issuerNameHash ${reported.issuerNameHash} (expected ${expected.issuerNameHash}, the hash of the DER issuer name)`);
  if (hex(reported.issuerKeyHash) !== expected.issuerKeyHash) out.push(`issuerKeyHash ${reported.issuerKeyHash} (expected ${expected.issuerKeyHash}, the hash of the issuer's public key BIT STRING value)`);
  if (hex(reported.serialNumber) !== expected.serialNumber) out.push(`serialNumber ${reported.serialNumber} (expected ${expected.serialNumber}, hex without leading zeros)`);
  return out;
}

/**
 * The entry of `type` whose hash data is exactly the harness's recomputation for `rootPem`
 * (with the algorithm the station chose). Fails naming the field-by-field differences of the
 * closest entry when there is none.
 */
export function findListed(ctx: CaseContext, chain: HashChainEntry[], type: ListUse, rootPem: string, requirement: string, what: string): HashChainEntry {
  const ofType = chain.filter((e) => e.certificateType === type);
  let best: { entry: HashChainEntry; diffs: string[] } | undefined;
  for (const entry of ofType) {
    const alg = entry.certificateHashData?.hashAlgorithm;
    const expected = expectedHash(rootPem, ALGORITHMS.includes(alg) ? alg : 'SHA256');
    const diffs = hashDifferences(entry.certificateHashData, expected);
    if (!diffs.length) return entry;
    if (!best || diffs.length < best.diffs.length) best = { entry, diffs };
  }
  const sha256 = expectedHash(rootPem);
  ctx.check(
    false,
    requirement,
    `an entry of type ${type} for ${what} with hash data ${JSON.stringify(sha256)} (or the same fields under SHA384/SHA512)`,
    best && best.diffs.length <= 2
      ? `closest ${type} entry differs: ${best.diffs.join('; ')}`
      : `${ofType.length} ${type} entries, none for this certificate: ${JSON.stringify(ofType.map((e) => e.certificateHashData))}${chain.length > ofType.length ? `; other types listed: ${[...new Set(chain.filter((e) => e.certificateType !== type).map((e) => e.certificateType))].join(', ')}` : ''}`,
  );
  throw new Error('unreachable');
}

/** Whether an entry for the certificate (any algorithm, exact fields) is in the chain at all. */
export function isListed(chain: HashChainEntry[] | undefined, rootPem: string, type?: ListUse): boolean {
  return (chain ?? []).some((e) => {
    if (type && e.certificateType !== type) return false;
    const alg = e.certificateHashData?.hashAlgorithm;
    return ALGORITHMS.includes(alg) && hashDifferences(e.certificateHashData, expectedHash(rootPem, alg)).length === 0;
  });
}

/** Sends DeleteCertificate and returns the status. */
export async function remove(ctx: CaseContext, hashData: CertificateHashData, requirement: string): Promise<string> {
  const res = await ctx.csms.call('DeleteCertificate', { certificateHashData: hashData }, { requirement });
  return String(res.status);
}

/**
 * Leaves the station as the case found it: deletes a certificate the case installed (with the
 * station's own hash data when it listed it). Best effort: a refusal is noted, not judged.
 */
export async function cleanUp(ctx: CaseContext, rootPem: string, listed?: CertificateHashData): Promise<void> {
  const hashData = listed ?? expectedHash(rootPem);
  try {
    const res = await ctx.csms.callMayError('DeleteCertificate', { certificateHashData: hashData }, { requirement: 'M04.FR.02', schema: false });
    if (res.kind !== 'result' || res.payload.status !== 'Accepted') ctx.note(`clean-up: the certificate installed by this case was not deleted (${JSON.stringify(res.kind === 'result' ? res.payload : res)})`);
  } catch (e) {
    ctx.note(`clean-up: DeleteCertificate for the certificate installed by this case got no answer (${(e as Error).message})`);
  }
}
