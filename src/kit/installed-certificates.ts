import { randomBytes } from 'node:crypto';
import { check } from '../engine/checks.js';
import type { Ctx16Cs, Ctx201Cs, Response201 } from './contexts.js';
import type {
  CertificateHashDataChainType,
  GetCertificateIdUseEnumType,
  InstallCertificateUseEnumType,
} from '../protocol/payloads/v201.js';
import { certificateHashData, sameHashData, type CertificateHashData, type HashAlgorithm } from '../pki/test-pki.js';
import { answerSecurityMessages16 } from './central-system16.js';
import { freshRootCertificate, hashDataText } from './certificates.js';

/**
 * The harness as CSMS managing a station's CA certificates (2.0.1 block M, 1.6 whitepaper
 * TC_075): InstallCertificate, GetInstalledCertificateIds and DeleteCertificate with the checks
 * every case makes, and RFC 6960 hash data recomputed from the certificate the harness installed.
 */

export type CaUse = InstallCertificateUseEnumType;
export type ListUse = GetCertificateIdUseEnumType;
export type HashChainEntry = CertificateHashDataChainType;
export type ListResult = Response201<'GetInstalledCertificateIds'>;

const ALGORITHMS: HashAlgorithm[] = ['SHA256', 'SHA384', 'SHA512'];

/** RFC 6960 hash data of a self-signed certificate, computed by the harness. */
export function expectedHash(rootPem: string, alg: HashAlgorithm = 'SHA256'): CertificateHashData {
  return certificateHashData(rootPem, rootPem, alg);
}

/** Roots this case already removed itself (cleanUpCertificate): nothing left for the post-condition. */
const removedRoots = (ctx: Ctx201Cs | Ctx16Cs) => ctx.remember<Set<string>>('certificates.removed', () => new Set());

/**
 * Sends InstallCertificate and returns the status. A certificate the station took is removed at
 * case end (a post-condition), pass or fail, unless the case removed it itself.
 */
export async function installCertificate(ctx: Ctx201Cs, certificateType: CaUse, certificate: string, requirement: string): Promise<string> {
  const res = await ctx.csms.call('InstallCertificate', { certificateType, certificate }, { requirement });
  if (res.status === 'Accepted') removeAfterCase201(ctx, certificateType, certificate);
  return String(res.status);
}

/** Post-condition: if the station still lists `rootPem` at case end, it is deleted with the hash data the station reports. */
function removeAfterCase201(ctx: Ctx201Cs, type: CaUse, rootPem: string): void {
  ctx.afterCase(
    `remove the ${type} this case installed`,
    async () => {
      const res = await listInstalledCertificates(ctx, [type], 'M03.FR.01');
      const entry = (res.certificateHashDataChain ?? []).find((e) => isListed([e], rootPem, type));
      if (entry) await cleanUpCertificate(ctx, rootPem, entry.certificateHashData);
    },
    { when: () => !removedRoots(ctx).has(rootPem) },
  );
}

/** 1.6 post-condition: if the charge point still lists `rootPem` (by serial number) at case end, it is deleted. */
export function removeAfterCase16(
  ctx: Ctx16Cs,
  type: 'CentralSystemRootCertificate' | 'ManufacturerRootCertificate',
  rootPem: string,
): void {
  const serial = certificateHashData(rootPem, rootPem, 'SHA256').serialNumber;
  ctx.afterCase(`remove the ${type} this case installed`, async () => {
    const ids = await installedCertificateIds16(ctx, type, 'SECWP16-M04.FR.01');
    const listed = ids.find((h) => h.serialNumber.toLowerCase().replace(/^0+(?=.)/, '') === serial);
    if (!listed) return;
    const del = await ctx.csms.call('DeleteCertificate', { certificateHashData: listed }, { requirement: 'SECWP16-M04.FR.01' });
    if (del.status !== 'Accepted') ctx.note(`DeleteCertificate answered ${del.status}: the test certificate stays installed`);
  });
}

/** InstallCertificate that must be Accepted (a precondition or the case's own check). */
export async function installAccepted(ctx: Ctx201Cs, certificateType: CaUse, certificate: string, requirement: string): Promise<void> {
  const status = await installCertificate(ctx, certificateType, certificate, requirement);
  ctx.expectOneOf(status, ['Accepted'], requirement, `InstallCertificate ${certificateType} status`);
}

/** GetInstalledCertificateIds for the types (all types when omitted). */
export async function listInstalledCertificates(ctx: Ctx201Cs, types: ListUse[] | undefined, requirement: string): Promise<ListResult> {
  const res = await ctx.csms.call('GetInstalledCertificateIds', types ? { certificateType: types } : {}, { requirement });
  return res;
}

/** Accepted with a non-empty chain, every entry of one of the requested types. */
export function checkAcceptedOfTypes(ctx: Ctx201Cs, res: ListResult, types: ListUse[] | undefined, requirement: string): HashChainEntry[] {
  ctx.expectOneOf(res.status, ['Accepted'], requirement, 'GetInstalledCertificateIds status');
  const chain = res.certificateHashDataChain ?? [];
  check(chain.length > 0, requirement, 'certificateHashDataChain with the installed certificates', res);
  if (types) {
    const other = chain.filter((e) => !types.includes(e.certificateType));
    check(
      other.length === 0,
      'M03.FR.03',
      `only certificates of type ${types.join(' or ')}`,
      other.map((e) => e.certificateType),
    );
  }
  return chain;
}

const hex = (s: string | undefined): string => String(s ?? '').toLowerCase();

/** Field-by-field differences between reported and recomputed hash data (empty: the same). */
export function hashDifferences(reported: CertificateHashData, expected: CertificateHashData): string[] {
  const out: string[] = [];
  if (reported.hashAlgorithm !== expected.hashAlgorithm)
    out.push(`hashAlgorithm ${reported.hashAlgorithm} (expected ${expected.hashAlgorithm})`);
  if (hex(reported.issuerNameHash) !== expected.issuerNameHash)
    out.push(`issuerNameHash ${reported.issuerNameHash} (expected ${expected.issuerNameHash}, the hash of the DER issuer name)`);
  if (hex(reported.issuerKeyHash) !== expected.issuerKeyHash)
    out.push(
      `issuerKeyHash ${reported.issuerKeyHash} (expected ${expected.issuerKeyHash}, the hash of the issuer's public key BIT STRING value)`,
    );
  if (hex(reported.serialNumber) !== expected.serialNumber)
    out.push(`serialNumber ${reported.serialNumber} (expected ${expected.serialNumber}, hex without leading zeros)`);
  return out;
}

/** The reported hash data differs from the recomputed one only by leading zeroes of the serial. */
function onlySerialLeadingZeros(reported: CertificateHashData, expected: CertificateHashData, diffs: string[]): boolean {
  return (
    diffs.length === 1 &&
    diffs[0].startsWith('serialNumber ') &&
    hex(reported.serialNumber).replace(/^0+(?=.)/, '') === expected.serialNumber
  );
}

/**
 * The entry of `type` whose hash data is exactly the harness's recomputation for `rootPem`
 * (with the algorithm the station chose). Fails naming the field-by-field differences of the
 * closest entry when there is none.
 */
export function findListed(
  ctx: Ctx201Cs,
  chain: HashChainEntry[],
  type: ListUse,
  rootPem: string,
  requirement: string,
  what: string,
): HashChainEntry {
  const ofType = chain.filter((e) => e.certificateType === type);
  let best: { entry: HashChainEntry; diffs: string[] } | undefined;
  for (const entry of ofType) {
    const alg = entry.certificateHashData?.hashAlgorithm;
    const expected = expectedHash(rootPem, ALGORITHMS.includes(alg) ? alg : 'SHA256');
    const diffs = hashDifferences(entry.certificateHashData, expected);
    if (!diffs.length) return entry;
    if (onlySerialLeadingZeros(entry.certificateHashData, expected, diffs)) {
      // A serial copied from the DER INTEGER keeps its sign octet (00…): the spec says without
      // leading zeroes, but the certificate is unambiguous; a lenient run accepts it.
      ctx.quirk(
        requirement,
        `serialNumber ${expected.serialNumber} (hex without leading zeroes)`,
        `serialNumber ${entry.certificateHashData.serialNumber}`,
        'the serial number keeps the leading zero octets of its DER encoding',
      );
      return entry;
    }
    if (!best || diffs.length < best.diffs.length) best = { entry, diffs };
  }
  const sha256 = expectedHash(rootPem);
  check(
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
export async function deleteCertificate(ctx: Ctx201Cs, hashData: CertificateHashData, requirement: string): Promise<string> {
  const res = await ctx.csms.call('DeleteCertificate', { certificateHashData: hashData }, { requirement });
  return String(res.status);
}

/**
 * Leaves the station as the case found it: deletes a certificate the case installed (with the
 * station's own hash data when it listed it). Best effort: a refusal is noted, not judged.
 */
export async function cleanUpCertificate(ctx: Ctx201Cs, rootPem: string, listed?: CertificateHashData): Promise<void> {
  const hashData = listed ?? expectedHash(rootPem);
  removedRoots(ctx).add(rootPem);
  try {
    const res = await ctx.csms.callMayError(
      'DeleteCertificate',
      { certificateHashData: hashData },
      { requirement: 'M04.FR.02', schema: false },
    );
    if (res.kind !== 'result' || res.payload.status !== 'Accepted')
      ctx.note(
        `clean-up: the certificate installed by this case was not deleted (${JSON.stringify(res.kind === 'result' ? res.payload : res)})`,
      );
  } catch (e) {
    ctx.note(`clean-up: DeleteCertificate for the certificate installed by this case got no answer (${(e as Error).message})`);
  }
}

/** Reads the installed certificates of a type; [] when the charge point answers NotFound. */
export async function installedCertificateIds16(
  ctx: Ctx16Cs,
  certificateType: 'CentralSystemRootCertificate' | 'ManufacturerRootCertificate',
  requirement: string,
): Promise<CertificateHashData[]> {
  const res = await ctx.csms.call('GetInstalledCertificateIds', { certificateType }, { requirement });
  ctx.expectOneOf(res.status, ['Accepted', 'NotFound'], requirement, 'GetInstalledCertificateIds.conf status');
  return res.status === 'Accepted' ? (res.certificateHashData ?? []) : [];
}

/**
 * TC_075_1/TC_075_2: install a fresh root of `type`, find it in GetInstalledCertificateIds with
 * the RFC 6960 hash data the harness computes, and delete it again.
 */
export async function installRootAndFindIt16(
  ctx: Ctx16Cs,
  type: 'ManufacturerRootCertificate' | 'CentralSystemRootCertificate',
): Promise<void> {
  const { csms } = ctx;
  await ctx.given('Booted');
  answerSecurityMessages16(ctx);
  const root = freshRootCertificate(`ocpp-harness ${ctx.meta.id} ${randomBytes(4).toString('hex')}`, ctx.organization);
  const expected = certificateHashData(root, root, 'SHA256');

  ctx.step(`The harness installs a new root certificate as ${type}; the charge point accepts it`);
  const res = await csms.call('InstallCertificate', { certificateType: type, certificate: root }, { requirement: 'SECWP16-M05.FR.01' });
  if (res.status === 'Accepted') removeAfterCase16(ctx, type, root);
  ctx.expectOneOf(res.status, ['Accepted'], 'SECWP16-M05.FR.01', 'InstallCertificate.conf status');

  ctx.step(`GetInstalledCertificateIds(${type}) lists the new certificate with RFC 6960 hash data the harness recomputes`);
  const ids = await installedCertificateIds16(ctx, type, 'SECWP16-M03.FR.01');
  const sameSerial = ids.filter((h) => h.serialNumber.toLowerCase().replace(/^0+(?=.)/, '') === expected.serialNumber);
  check(
    sameSerial.length > 0,
    'SECWP16-M05.FR.01',
    `an entry with serial number ${expected.serialNumber} (the installed certificate)`,
    ids.length ? ids.map(hashDataText).join('; ') : 'no certificates of this type',
  );
  const match = sameSerial.find((h) => sameHashData(h, certificateHashData(root, root, h.hashAlgorithm as HashAlgorithm)));
  check(
    match !== undefined,
    'SECWP16-M03.FR.01',
    `hash data of the installed certificate as RFC 6960 defines it: ${hashDataText(certificateHashData(root, root, (sameSerial[0]?.hashAlgorithm as HashAlgorithm | undefined) ?? 'SHA256'))}`,
    sameSerial.map(hashDataText).join('; '),
  );
  ctx.note(`listed as ${hashDataText(match)}`);

  ctx.step('The harness removes the certificate it installed again');
  const del = await csms.call('DeleteCertificate', { certificateHashData: match ?? expected }, { requirement: 'SECWP16-M04.FR.01' });
  if (del.status !== 'Accepted') ctx.note(`DeleteCertificate answered ${del.status}: the test certificate stays installed`);
}

/**
 * Precondition of a move to security profile 2 or 3 (A05.FR.02-04, whitepaper A05): the station
 * trusts the run's CSMS root. Checked first, installed when missing (and left installed: the
 * station needs it from then on); a station that refuses it makes the case inconclusive.
 */
export async function ensureCsmsRoot(ctx: Ctx201Cs | Ctx16Cs): Promise<void> {
  const root = ctx.pki.csmsRoot;
  const missing = (why: string) => ctx.inconclusive(`precondition CSMS root certificate installed not reached: ${why}`);
  if (ctx.ocpp === '1.6') {
    const c = ctx as Ctx16Cs;
    const serial = certificateHashData(root, root, 'SHA256').serialNumber;
    const ids = await installedCertificateIds16(c, 'CentralSystemRootCertificate', 'SECWP16-M03.FR.01');
    if (ids.some((h) => h.serialNumber.toLowerCase().replace(/^0+(?=.)/, '') === serial)) return;
    const res = await c.csms.call(
      'InstallCertificate',
      { certificateType: 'CentralSystemRootCertificate', certificate: root },
      { requirement: 'SECWP16-M05.FR.01' },
    );
    if (res.status !== 'Accepted') missing(`InstallCertificate CentralSystemRootCertificate answered ${res.status}`);
    return;
  }
  const c = ctx as Ctx201Cs;
  const listed = await listInstalledCertificates(c, ['CSMSRootCertificate'], 'M03.FR.01');
  if (isListed(listed.certificateHashDataChain, root, 'CSMSRootCertificate')) return;
  const res = await c.csms.call(
    'InstallCertificate',
    { certificateType: 'CSMSRootCertificate', certificate: root },
    { requirement: 'M05.FR.02' },
  );
  if (res.status !== 'Accepted') missing(`InstallCertificate CSMSRootCertificate answered ${res.status}`);
}
