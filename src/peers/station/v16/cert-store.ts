/**
 * The CA certificate store of the 1.6 reference charge point ("Improved security for OCPP 1.6-J"
 * whitepaper, M03-M05) and its TLS client credential. Acts from its own state and the
 * configured faults only.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { ActiveFaults } from '../../faults.js';
import { certificateHashData, sameHashData, type CertificateHashData, type HashAlgorithm, type TestPki } from '../../../pki/test-pki.js';
import type { Station16Fault } from './faults.js';

export type CertUse16 = 'CentralSystemRootCertificate' | 'ManufacturerRootCertificate';

export interface StoredCertificate16 {
  use: CertUse16;
  pem: string;
}

/** A TLS client certificate: chain (leaf first, then intermediates) and its key. Holds a private key. */
export interface ClientCredential {
  chainPem: string;
  keyPem: string;
}

const within = (x: X509Certificate, now: Date) => now >= new Date(x.validFrom) && now <= new Date(x.validTo);

/** The charge point's CA certificate store (InstallCertificate, GetInstalledCertificateIds, DeleteCertificate). */
export class CertStore16 {
  readonly certs: StoredCertificate16[] = [];

  constructor(
    private readonly faults: ActiveFaults<Station16Fault>,
    pki: TestPki | undefined,
    private readonly maxEntries: () => number,
  ) {
    // Factory state: the CSO's root and the manufacturer's root.
    if (pki) {
      this.certs.push({ use: 'CentralSystemRootCertificate', pem: pki.csmsRoot });
      this.certs.push({ use: 'ManufacturerRootCertificate', pem: pki.artifact('manufacturer-root').certPem });
    }
  }

  roots(use: CertUse16): string[] {
    return this.certs.filter((c) => c.use === use).map((c) => c.pem);
  }

  /** Why a certificate may not be installed, or undefined. */
  problem(pem: string, now: Date): string | undefined {
    let x: X509Certificate;
    try {
      x = new X509Certificate(pem);
    } catch {
      return 'not a PEM X.509 certificate';
    }
    if (!within(x, now) && !this.faults.has('installs-expired-root')) return `outside its validity period (${x.validFrom} to ${x.validTo})`;
    if (!x.ca) return 'not a CA certificate';
    if (x.subject === x.issuer && !x.verify(x.publicKey)) return 'self-signature does not verify';
    return undefined;
  }

  install(use: CertUse16, pem: string, now: Date): { status: 'Accepted' | 'Rejected' | 'Failed'; reason?: string } {
    const problem = this.problem(pem, now);
    if (problem) return { status: 'Rejected', reason: problem };
    const x = new X509Certificate(pem);
    if (this.certs.some((c) => c.use === use && new X509Certificate(c.pem).fingerprint256 === x.fingerprint256))
      return { status: 'Accepted' };
    if (this.certs.length >= this.maxEntries()) return { status: 'Rejected', reason: 'certificate store full' };
    if (use === 'ManufacturerRootCertificate' && this.faults.has('install-manufacturer-root-not-stored')) return { status: 'Accepted' };
    this.certs.push({ use, pem });
    return { status: 'Accepted' };
  }

  /** RFC 6960 hash data of a stored root (its own issuer). */
  hashData(c: StoredCertificate16, alg: HashAlgorithm = 'SHA256'): CertificateHashData {
    const hd = certificateHashData(c.pem, c.pem, alg);
    if (this.faults.has('cert-hash-over-whole-spki')) {
      // The classic mistake: hashing the whole SubjectPublicKeyInfo instead of the key's BIT STRING.
      const spki = new X509Certificate(c.pem).publicKey.export({ type: 'spki', format: 'der' });
      hd.issuerKeyHash = createHash(alg.toLowerCase()).update(spki).digest('hex');
    }
    return hd;
  }

  ids(use: CertUse16): CertificateHashData[] {
    return this.certs.filter((c) => c.use === use).map((c) => this.hashData(c));
  }

  delete(hd: CertificateHashData): 'Accepted' | 'Failed' | 'NotFound' {
    const i = this.certs.findIndex((c) => sameHashData(this.hashData(c, hd.hashAlgorithm), hd));
    if (i < 0) return 'NotFound';
    const c = this.certs[i]!;
    // The last CentralSystemRootCertificate is what the connection relies on (M04.FR.06).
    if (c.use === 'CentralSystemRootCertificate' && this.roots('CentralSystemRootCertificate').length === 1) return 'Failed';
    if (this.faults.has('delete-certificate-not-removed')) return 'Accepted';
    this.certs.splice(i, 1);
    return 'Accepted';
  }
}
