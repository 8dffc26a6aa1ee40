import { organizationOf, stationSerialOf } from '../../../../core/config.js';
import { parseCsr, type ParsedCsr } from '../../../../pki/csr.js';
import { certificateHashData, type CertificateHashData } from '../../../../pki/test-pki.js';
import type { Payload } from '../../../rpc.js';
import type { CentralSystem16, OperatorRequest, StationSession } from '../central-system.js';

/**
 * Certificates in the 1.6 reference central system (whitepaper A02 and M03-M05): the CSMS as CA
 * for the charge point's CSR (SignCertificate, then CertificateSigned), and the operator's
 * InstallCertificate, GetInstalledCertificateIds and DeleteCertificate (with the hash data the
 * charge point reported).
 *
 * SignCertificate: the CSR must verify, name the serial (CN) and the CSO (O), and carry an RSA
 * key of 2048+ bits or an EC key of 224+ bits; then Accepted and CertificateSigned follows.
 */

const CERTIFICATE_USES = ['CentralSystemRootCertificate', 'ManufacturerRootCertificate'];

class CertificateError16 extends Error {}

/** Why a CSR cannot be signed for this charge point, or the parsed CSR (A02: the CA checks the CSR). */
function csrProblem(cs: CentralSystem16, identity: string, csrPem: unknown): { problem: string } | { csr: ParsedCsr; pem: string } {
  if (typeof csrPem !== 'string') return { problem: 'no csr' };
  let csr: ParsedCsr;
  try {
    csr = parseCsr(csrPem);
  } catch (e) {
    return { problem: `not a PEM PKCS#10 CSR: ${(e as Error).message}` };
  }
  if (!csr.signatureValid) return { problem: 'the CSR self-signature does not verify' };
  const serial = identity === cs.o.config.stationId ? stationSerialOf(cs.o.config) : undefined;
  if (serial !== undefined && csr.subject.CN !== serial)
    return { problem: `CN ${JSON.stringify(csr.subject.CN ?? null)} is not the serial number ${JSON.stringify(serial)}` };
  const org = organizationOf(cs.o.config);
  if (csr.subject.O !== org) return { problem: `O ${JSON.stringify(csr.subject.O ?? null)} is not the CSO ${JSON.stringify(org)}` };
  const k = csr.publicKey;
  const strong = (k.type === 'rsa' && (k.bits ?? 0) >= 2048) || (k.type === 'ec' && (k.bits ?? 0) >= 224);
  if (!strong) return { problem: `${k.type} key of ${k.bits ?? '?'} bits is too weak (RSA 2048+ or EC 224+)` };
  return { csr, pem: csrPem };
}

/** The certificate chain (leaf + station CA) for an accepted CSR. */
function issueFor(cs: CentralSystem16, csrPem: string): string {
  if (!cs.o.pki) throw new CertificateError16('no PKI to sign with');
  return cs.o.pki.issueForCsr(csrPem, cs.faults.has('certificate-signed-other-key') ? 'other-key' : 'valid');
}

export function onSignCertificate(cs: CentralSystem16, s: StationSession, p: Payload): Payload {
  const verdict = csrProblem(cs, s.identity, p.csr);
  if ('problem' in verdict) {
    cs.log(`SignCertificate rejected: ${verdict.problem}`);
    return { status: 'Rejected' };
  }
  // The CA signs after the answer went out; CertificateSigned follows on the same connection.
  setTimeout(() => {
    let certificateChain: string;
    try {
      certificateChain = issueFor(cs, verdict.pem);
    } catch (err) {
      return cs.log(`cannot sign the CSR: ${(err as Error).message}`);
    }
    if (s.rpc.closed) return cs.log('CertificateSigned not sent: the charge point disconnected');
    s.rpc.call('CertificateSigned', { certificateChain }).then(
      (res) => cs.log(`CertificateSigned answered ${JSON.stringify(res)}`),
      (err: Error) => cs.log(`CertificateSigned failed: ${err.message}`),
    );
  }, 20);
  return { status: 'Accepted' };
}

export function installCertificateRequest(cs: CentralSystem16, d: Record<string, unknown>): OperatorRequest {
  const pki = cs.o.pki;
  const type = typeof d.certificateType === 'string' && d.certificateType !== '' ? d.certificateType : undefined;
  if (!type || !CERTIFICATE_USES.includes(type))
    return { error: `InstallCertificate needs certificateType, one of ${CERTIFICATE_USES.join(', ')}` };
  if (!pki) return { error: 'the reference central system has no PKI to install certificates from' };
  if (type === 'ManufacturerRootCertificate') {
    const certificateType = cs.faults.has('install-cert-type-swapped') ? 'CentralSystemRootCertificate' : type;
    return { payload: { certificateType, certificate: pki.artifact('manufacturer-root').certPem } };
  }
  const certificate = cs.faults.has('install-csms-root-sends-server-cert') ? pki.artifact('csms-server-rsa').certPem : pki.csmsRoot;
  return { payload: { certificateType: type, certificate } };
}

export function getInstalledCertificateIdsRequest(d: Record<string, unknown>): OperatorRequest {
  const type = typeof d.certificateType === 'string' && d.certificateType !== '' ? d.certificateType : undefined;
  if (!type || !CERTIFICATE_USES.includes(type))
    return { error: `GetInstalledCertificateIds needs certificateType, one of ${CERTIFICATE_USES.join(', ')}` };
  return { payload: { certificateType: type } };
}

export function deleteCertificateRequest(cs: CentralSystem16, identity: string, d: Record<string, unknown>): OperatorRequest {
  const hash = hashDataToDelete(cs, identity, d);
  if ('error' in hash) return hash;
  let data = { ...hash.data };
  if (cs.faults.has('delete-cert-issuer-hashes-swapped'))
    data = { ...data, issuerNameHash: hash.data.issuerKeyHash, issuerKeyHash: hash.data.issuerNameHash };
  return { payload: { certificateHashData: data } };
}

function hashDataToDelete(
  cs: CentralSystem16,
  identity: string,
  d: Record<string, unknown>,
): { data: CertificateHashData } | { error: string } {
  const known = cs.reported.get(identity);
  const all = known ? [...known.values()].flat() : [];
  if (typeof d.serialNumber === 'string') {
    const want = d.serialNumber.toLowerCase().replace(/^0+(?=.)/, '');
    const hit = all.find((h) => h.serialNumber.toLowerCase().replace(/^0+(?=.)/, '') === want);
    if (!hit)
      return {
        error: `the charge point reported no certificate with serial number ${d.serialNumber} (ask GetInstalledCertificateIds first)`,
      };
    return { data: hit };
  }
  const type = typeof d.certificateType === 'string' ? d.certificateType : undefined;
  if (!type || !CERTIFICATE_USES.includes(type))
    return { error: 'DeleteCertificate needs serialNumber (of a reported certificate) or certificateType' };
  const ofType = known?.get(type) ?? [];
  if (ofType.length === 1) return { data: ofType[0]! };
  if (ofType.length > 1) return { error: `the charge point reported ${ofType.length} ${type}s; name one by serialNumber` };
  // Nothing reported: the certificate this central system installs for that type.
  if (!cs.o.pki) return { error: 'no reported certificate and no PKI to compute hash data from' };
  const root = type === 'ManufacturerRootCertificate' ? cs.o.pki.artifact('manufacturer-root').certPem : cs.o.pki.csmsRoot;
  return { data: certificateHashData(root, root, 'SHA256') };
}

/** Registers an operator call that is on its way (see settle). */
export function track(cs: CentralSystem16, identity: string, message: string, done: Promise<unknown>): void {
  const set = cs.inflight.get(identity) ?? new Set();
  const entry = { message, done: done.catch(() => undefined) };
  set.add(entry);
  cs.inflight.set(identity, set);
  void entry.done.then(() => set.delete(entry));
}

/**
 * Before `message` is built: waits (at most `ms`) for the answers it depends on, as a back office
 * processes a charge point's answers in order (DeleteCertificate uses the listed hash data).
 */
export async function settle(cs: CentralSystem16, identity: string, message: string, ms: number): Promise<void> {
  if (message !== 'DeleteCertificate') return;
  const waits = [...(cs.inflight.get(identity) ?? [])].filter((e) => e.message === 'GetInstalledCertificateIds').map((e) => e.done);
  if (waits.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(waits), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** GetInstalledCertificateIds answered: remembers the hash data per certificate type. */
export function onCertificateIdsAnswer(cs: CentralSystem16, identity: string, message: string, request: Payload, response: Payload): void {
  if (message === 'GetInstalledCertificateIds' && Array.isArray(response.certificateHashData)) {
    const byType = cs.reported.get(identity) ?? new Map<string, CertificateHashData[]>();
    byType.set(String(request.certificateType), response.certificateHashData as CertificateHashData[]);
    cs.reported.set(identity, byType);
  }
}
