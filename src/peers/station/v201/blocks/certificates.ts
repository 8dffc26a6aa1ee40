import { X509Certificate } from 'node:crypto';
import { sameHashData } from '../../../../pki/test-pki.js';
import type { Payload } from '../../../rpc.js';
import type { CertStore201 } from '../cert-store.js';
import type { StationState } from '../state.js';

/**
 * Block M (certificate management, M03-M05): the CSMS calls on the certificate store, and the
 * CSMS roots the station trusts, minus the ones a technician removed by hand.
 */

/** SHA-256 fingerprint of a PEM certificate ('' when unreadable). */
export function fingerprint(pem: string): string {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return '';
  }
}

/** The CSMS roots the station trusts (installed, minus any removed by hand). */
export function csmsRoots(st: StationState): string[] {
  return st.store.csmsRoots().filter((pem) => !st.removedRoots.has(fingerprint(pem)));
}

export function installCertificate(st: StationState, p: Payload): Payload {
  const res = st.store.install(p as { certificateType: string; certificate: string }) as Payload;
  if (res.status === 'Accepted') st.removedRoots.delete(fingerprint(p.certificate as string));
  return res;
}

/** GetInstalledCertificateIds without the roots removed by hand. */
export function getInstalledCertificateIds(st: StationState, p: Payload): Payload {
  const res = st.store.getInstalledIds(p as { certificateType?: string[] }) as Payload;
  if (!st.removedRoots.size || !Array.isArray(res.certificateHashDataChain)) return res;
  const hidden = st.store.entries.filter((c) => st.removedRoots.has(fingerprint(c.pem)));
  const left = (res.certificateHashDataChain as Payload[]).filter(
    (e) => !hidden.some((c) => sameHashData(st.store.hashData(c, e.certificateHashData.hashAlgorithm), e.certificateHashData)),
  );
  return left.length ? { ...res, certificateHashDataChain: left } : { status: 'NotFound' };
}

export function deleteCertificate(st: StationState, p: Payload): Payload {
  return st.store.delete(p as Parameters<CertStore201['delete']>[0]) as Payload;
}
