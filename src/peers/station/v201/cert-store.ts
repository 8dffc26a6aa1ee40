/**
 * The 2.0.1 reference station's store of CA certificates (use cases M03-M05): InstallCertificate,
 * GetInstalledCertificateIds and DeleteCertificate, and the CSMS roots its TLS dial trusts.
 * Acts from its own contents and the configured faults only.
 */
import { X509Certificate } from 'node:crypto';
import { certificateHashData, sameHashData, type CertificateHashData, type HashAlgorithm, type TestPki } from '../../../pki/test-pki.js';

export type InstallCertificateUse = 'V2GRootCertificate' | 'MORootCertificate' | 'CSMSRootCertificate' | 'ManufacturerRootCertificate';

export interface StoredCertificate {
  use: InstallCertificateUse;
  pem: string;
}

export interface CertStoreOptions {
  pki?: TestPki;
  faults: ReadonlySet<string>;
  now: () => Date;
  /** SecurityCtrlr.CertificateEntries maxLimit: how many CA certificates fit. */
  maxEntries?: number;
}

type StatusInfo = { reasonCode: string; additionalInfo?: string };

export class CertStore201 {
  private readonly certs: StoredCertificate[] = [];

  constructor(private readonly o: CertStoreOptions) {
    // Factory state: the CSO's CSMS root and the manufacturer's root (what certification assumes installed).
    if (o.pki) {
      this.certs.push({ use: 'CSMSRootCertificate', pem: o.pki.csmsRoot });
      this.certs.push({ use: 'ManufacturerRootCertificate', pem: o.pki.artifact('manufacturer-root').certPem });
    }
  }

  private fault(name: string): boolean {
    return this.o.faults.has(name);
  }

  get entries(): readonly StoredCertificate[] {
    return this.certs;
  }

  /** CSMSRootCertificate PEMs: the TLS trust anchors for the CSMS (profiles 2/3). */
  csmsRoots(): string[] {
    return this.certs.filter((c) => c.use === 'CSMSRootCertificate').map((c) => c.pem);
  }

  /** InstallCertificate (M05): a readable, currently valid CA certificate is stored. */
  install(p: { certificateType: string; certificate: string }): { status: 'Accepted' | 'Rejected' | 'Failed'; statusInfo?: StatusInfo } {
    let x: X509Certificate;
    try {
      x = new X509Certificate(p.certificate);
    } catch {
      return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidCertificate', additionalInfo: 'not a PEM X.509 certificate' } };
    }
    const now = this.o.now();
    if (now < new Date(x.validFrom) || now > new Date(x.validTo)) return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidCertificate', additionalInfo: 'outside its validity period' } };
    if (!x.ca) return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidCertificate', additionalInfo: 'not a CA certificate' } };
    if (this.certs.length >= (this.o.maxEntries ?? 20)) return { status: 'Rejected', statusInfo: { reasonCode: 'CertificateStoreFull' } };
    if (!this.certs.some((c) => c.use === p.certificateType && new X509Certificate(c.pem).fingerprint256 === x.fingerprint256)) {
      this.certs.push({ use: p.certificateType as InstallCertificateUse, pem: p.certificate });
    }
    return { status: 'Accepted' };
  }

  /** Hash data of a stored certificate (its issuer is itself: roots only are stored). */
  hashData(c: StoredCertificate, alg: HashAlgorithm = 'SHA256'): CertificateHashData {
    return certificateHashData(c.pem, c.pem, alg);
  }

  /** GetInstalledCertificateIds (M03): every stored certificate of the requested types (all when none). */
  getInstalledIds(p: { certificateType?: string[] }): { status: 'Accepted' | 'NotFound'; certificateHashDataChain?: { certificateType: string; certificateHashData: CertificateHashData }[] } {
    const types = p.certificateType?.length ? p.certificateType : undefined;
    const hits = this.certs.filter((c) => !types || types.includes(c.use));
    if (!hits.length) return { status: 'NotFound' };
    return { status: 'Accepted', certificateHashDataChain: hits.map((c) => ({ certificateType: c.use, certificateHashData: this.hashData(c) })) };
  }

  /**
   * DeleteCertificate (M04): removes the matching certificate. The CSMS root this station
   * trusts for its connection is not deleted when it is the last one (M04.FR.06).
   */
  delete(p: { certificateHashData: CertificateHashData }): { status: 'Accepted' | 'Failed' | 'NotFound' } {
    const i = this.certs.findIndex((c) => sameHashData(this.hashData(c, p.certificateHashData.hashAlgorithm as HashAlgorithm), p.certificateHashData));
    if (i < 0) return { status: 'NotFound' };
    const c = this.certs[i]!;
    if (c.use === 'CSMSRootCertificate' && this.csmsRoots().length === 1) return { status: 'Failed' };
    this.certs.splice(i, 1);
    return { status: 'Accepted' };
  }
}
