import { createPublicKey, X509Certificate } from 'node:crypto';
import { stationSerialOf } from '../../../../core/config.js';
import { createCsr } from '../../../../pki/csr.js';
import { inspectCertificate, verifyChain } from '../../../../pki/inspect.js';
import { splitPemChain, type CertificateHashData } from '../../../../pki/test-pki.js';
import type { Payload } from '../../../rpc.js';
import { AFTER_REPLY_MS, type ChargePoint16 } from '../charge-point.js';
import type { CertUse16 } from '../cert-store.js';
import { redial } from '../connection.js';
import { securityEvent } from './security-log.js';

/**
 * Certificates of the 1.6 reference charge point (whitepaper A02 and M03-M05): its own
 * certificate from a CSR (SignCertificate / CertificateSigned, checked before use) and the CA
 * certificate store (InstallCertificate, GetInstalledCertificateIds, DeleteCertificate).
 */

/** Whether two public keys (PEM, any form X509/SPKI/private) are the same key. */
function sameKey(a: string, b: string): boolean {
  try {
    const ka = createPublicKey(a).export({ type: 'spki', format: 'der' });
    const kb = createPublicKey(b).export({ type: 'spki', format: 'der' });
    return ka.equals(kb);
  } catch {
    return false;
  }
}

/**
 * A02.FR.06: checks a CertificateSigned chain before it is used: the leaf chains to a trusted
 * CentralSystemRootCertificate (through the intermediates sent along), is within its validity,
 * is not a CA, names this charge point (CN = serial number) and carries the key of the CSR.
 */
export function certificateSignedProblem(
  chainText: string,
  o: { roots: string[]; keyPem: string; serial: string; now: Date; maxChainSize: number },
): string | undefined {
  if (chainText.length > o.maxChainSize)
    return `chain of ${chainText.length} characters exceeds CertificateSignedMaxChainSize ${o.maxChainSize}`;
  const chain = splitPemChain(chainText);
  if (!chain.length) return 'no PEM certificate in certificateChain';
  const [leaf, ...rest] = chain as [string, ...string[]];
  let intermediates: string[];
  try {
    // A self-signed certificate sent along is never a trust anchor: only installed roots are.
    intermediates = rest.filter((pem) => {
      const x = new X509Certificate(pem);
      return !(x.subject === x.issuer && x.verify(x.publicKey));
    });
  } catch {
    return 'unreadable certificate in the chain';
  }
  const path = verifyChain(leaf, [...intermediates, ...o.roots], o.now);
  if (!path.valid) return `chain does not verify: ${path.reason}`;
  let info;
  try {
    info = inspectCertificate(leaf);
  } catch (e) {
    return `unreadable leaf: ${(e as Error).message}`;
  }
  if (info.isCA) return 'the leaf is a CA certificate';
  if (info.subject.CN !== o.serial)
    return `CN ${JSON.stringify(info.subject.CN ?? null)} is not the serial number ${JSON.stringify(o.serial)}`;
  if (!sameKey(leaf, o.keyPem)) return 'the certificate does not carry the key of the CSR';
  return undefined;
}

/** A02: a new key pair and a CSR (CN = serial number, O = CpoName) in SignCertificate. */
export async function requestCertificate(cp: ChargePoint16): Promise<void> {
  const { csrPem, privateKeyPem } = createCsr({ commonName: stationSerialOf(cp.o.config), org: cp.cfg.get('CpoName'), keyType: 'ec' });
  cp.pendingKeyPem = privateKeyPem;
  const res = await cp.send('SignCertificate', { csr: csrPem });
  if (res?.status !== 'Accepted') cp.log(`SignCertificate answered ${JSON.stringify(res?.status)}`);
}

/** CertificateSigned (A02.FR.06-08): verify, then use the new certificate; an invalid one is discarded with an event. */
export function onCertificateSigned(cp: ChargePoint16, p: Payload): Payload {
  const chain = String(p.certificateChain);
  const keyPem = cp.pendingKeyPem;
  const problem = !keyPem
    ? 'no certificate signing request is outstanding'
    : cp.faults.has('accepts-invalid-cp-certificate')
      ? undefined
      : certificateSignedProblem(chain, {
          roots: cp.store.roots('CentralSystemRootCertificate'),
          keyPem,
          serial: stationSerialOf(cp.o.config),
          now: new Date(cp.o.clock.now()),
          maxChainSize: cp.cfg.int('CertificateSignedMaxChainSize'),
        });
  if (problem || !keyPem) {
    cp.log(`CertificateSigned rejected: ${problem}`);
    securityEvent(cp, 'InvalidChargePointCertificate', problem);
    return { status: 'Rejected' };
  }
  cp.pendingKeyPem = undefined;
  if (!cp.faults.has('renewed-cert-not-used')) cp.client = { chainPem: chain, keyPem };
  if (cp.profile === 3) cp.later(AFTER_REPLY_MS, () => redial(cp));
  return { status: 'Accepted' };
}

export function onInstallCertificate(cp: ChargePoint16, p: Payload): Payload {
  const use = p.certificateType as CertUse16;
  const r = cp.store.install(use, String(p.certificate), new Date(cp.o.clock.now()));
  if (r.status !== 'Accepted') {
    cp.log(`InstallCertificate ${use} ${r.status}: ${r.reason}`);
    if (use === 'CentralSystemRootCertificate' && r.reason !== 'certificate store full')
      securityEvent(cp, 'InvalidCentralSystemCertificate', `InstallCertificate refused: ${r.reason}`);
  }
  return { status: r.status };
}

export function onGetInstalledCertificateIds(cp: ChargePoint16, p: Payload): Payload {
  const ids = cp.store.ids(p.certificateType as CertUse16);
  return ids.length ? { status: 'Accepted', certificateHashData: ids } : { status: 'NotFound' };
}

export function onDeleteCertificate(cp: ChargePoint16, p: Payload): Payload {
  return { status: cp.store.delete(p.certificateHashData as CertificateHashData) };
}
