/**
 * The 2.0.1 reference station's store of CA certificates (use cases M03-M05): InstallCertificate,
 * GetInstalledCertificateIds and DeleteCertificate, and the CSMS roots its TLS dial trusts.
 * Acts from its own contents and the configured faults only (the block M faults of faults.ts).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { certificateHashData, sameHashData, type CertificateHashData, type HashAlgorithm, type TestPki } from '../../../pki/test-pki.js';
import { certParts, content, slice } from '../../../pki/der.js';
import type { ActiveFaults } from '../../faults.js';
import type { Station201Fault } from './faults.js';

export type InstallCertificateUse = 'V2GRootCertificate' | 'MORootCertificate' | 'CSMSRootCertificate' | 'ManufacturerRootCertificate';

export interface StoredCertificate {
  use: InstallCertificateUse;
  pem: string;
}

export interface CertStoreOptions {
  pki?: TestPki;
  faults: ActiveFaults<Station201Fault>;
  now: () => Date;
  /** SecurityCtrlr.CertificateEntries maxLimit: how many CA certificates fit. */
  maxEntries?: number;
  /**
   * The station's own certificate (ChargingStationCertificate) and its issuer, which
   * DeleteCertificate must refuse to remove (M04.FR.06). Default: the PKI's 'station' artifact.
   */
  stationCertificate?: { certPem: string; issuerPem: string };
}

type StatusInfo = { reasonCode: string; additionalInfo?: string };

const HASH_NAMES: Record<HashAlgorithm, string> = { SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };
const ALGORITHMS: readonly string[] = ['SHA256', 'SHA384', 'SHA512'];

export class CertStore201 {
  private readonly certs: StoredCertificate[] = [];
  private station: { certPem: string; issuerPem: string } | undefined;
  private stationCertDeleted = false;

  constructor(private readonly o: CertStoreOptions) {
    // Factory state: the CSO's CSMS root and the manufacturer's root (what certification assumes installed).
    if (o.pki) {
      this.certs.push({ use: 'CSMSRootCertificate', pem: o.pki.csmsRoot });
      this.certs.push({ use: 'ManufacturerRootCertificate', pem: o.pki.artifact('manufacturer-root').certPem });
    }
    this.station =
      o.stationCertificate ??
      (o.pki?.has('station') ? { certPem: o.pki.artifact('station').certPem, issuerPem: o.pki.stationCa } : undefined);
  }

  get entries(): readonly StoredCertificate[] {
    return this.certs;
  }

  /** The station now authenticates with another certificate (after CertificateSigned, A02/A03). */
  setStationCertificate(certPem: string, issuerPem: string): void {
    this.station = { certPem, issuerPem };
    this.stationCertDeleted = false;
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
    const expired = now > new Date(x.validTo);
    if (now < new Date(x.validFrom) || (expired && !this.o.faults.has('install-accepts-expired-root'))) {
      return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidCertificate', additionalInfo: 'outside its validity period' } };
    }
    if (!x.ca) return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidCertificate', additionalInfo: 'not a CA certificate' } };
    let use = p.certificateType as InstallCertificateUse;
    if (use === 'CSMSRootCertificate' && this.o.faults.has('csms-root-install-requires-old-signer')) {
      const signed = this.csmsRoots().some((pem) => {
        const old = new X509Certificate(pem);
        return x.checkIssued(old) && x.verify(old.publicKey);
      });
      if (!signed)
        return {
          status: 'Rejected',
          statusInfo: { reasonCode: 'InvalidCertificate', additionalInfo: 'not signed by the installed CSMS root' },
        };
    }
    if (use === 'ManufacturerRootCertificate' && this.o.faults.has('manufacturer-root-stored-as-csms-root')) use = 'CSMSRootCertificate';
    const present = this.certs.some((c) => c.use === use && new X509Certificate(c.pem).fingerprint256 === x.fingerprint256);
    if (present) return { status: 'Accepted' };
    if (this.certs.length >= (this.o.maxEntries ?? 20)) return { status: 'Rejected', statusInfo: { reasonCode: 'CertificateStoreFull' } };
    this.certs.push({ use, pem: p.certificate });
    return { status: 'Accepted' };
  }

  /** The stored certificate that issued `pem` (itself for a root; itself when its issuer is not stored). */
  private issuerOf(pem: string): string {
    const x = new X509Certificate(pem);
    const hit = this.certs.find((c) => {
      const i = new X509Certificate(c.pem);
      return x.checkIssued(i) && x.verify(i.publicKey);
    });
    return hit?.pem ?? pem;
  }

  /** RFC 6960 CertID hash data of a certificate, with the hash-data faults applied. */
  private hashOf(pem: string, issuerPem: string, alg: HashAlgorithm): CertificateHashData {
    const data = certificateHashData(pem, issuerPem, alg);
    if (this.o.faults.has('hash-serial-leading-zero')) {
      const parts = certParts(pem);
      data.serialNumber = content(parts.der, parts.serial).toString('hex');
    }
    if (this.o.faults.has('issuer-key-hash-over-spki')) {
      const issuer = certParts(issuerPem);
      data.issuerKeyHash = createHash(HASH_NAMES[alg]).update(slice(issuer.der, issuer.spki)).digest('hex');
    }
    return data;
  }

  /** Hash data of a stored certificate. */
  hashData(c: StoredCertificate, alg: HashAlgorithm = 'SHA256'): CertificateHashData {
    return this.hashOf(c.pem, this.issuerOf(c.pem), alg);
  }

  /** GetInstalledCertificateIds (M03): every stored certificate of the requested types (all when none). */
  getInstalledIds(p: { certificateType?: string[] }): {
    status: 'Accepted' | 'NotFound';
    certificateHashDataChain?: { certificateType: string; certificateHashData: CertificateHashData }[];
  } {
    let types = p.certificateType?.length ? p.certificateType : undefined;
    if (!types && this.o.faults.has('list-without-type-finds-nothing')) return { status: 'NotFound' };
    if (types && this.o.faults.has('list-only-first-type')) types = types.slice(0, 1);
    if (this.o.faults.has('list-ignores-type-filter')) types = undefined;
    // Only CA certificates are stored: V2GCertificateChain (and the station's own certificate,
    // which GetCertificateIdUseEnumType cannot name in 2.0.1) never appear.
    const hits = this.certs.filter((c) => !types || types.includes(c.use));
    if (!hits.length) return { status: 'NotFound' };
    return {
      status: 'Accepted',
      certificateHashDataChain: hits.map((c) => ({ certificateType: c.use, certificateHashData: this.hashData(c) })),
    };
  }

  private matches(stored: CertificateHashData, asked: CertificateHashData): boolean {
    if (!this.o.faults.has('delete-matches-serial-only')) return sameHashData(stored, asked);
    const n = (s: string) => s.toLowerCase().replace(/^0+(?=.)/, '');
    return n(stored.serialNumber) === n(asked.serialNumber);
  }

  /**
   * DeleteCertificate (M04): removes the matching certificate. The station's own certificate is
   * not deletable this way (M04.FR.06), nor the CSMS root it trusts for its connection when it
   * is the last one.
   */
  delete(p: { certificateHashData: CertificateHashData }): { status: 'Accepted' | 'Failed' | 'NotFound'; statusInfo?: StatusInfo } {
    const asked = p.certificateHashData;
    if (!ALGORITHMS.includes(asked.hashAlgorithm)) return { status: 'NotFound' };
    const alg = asked.hashAlgorithm as HashAlgorithm;
    if (this.station && !this.stationCertDeleted && this.matches(this.hashOf(this.station.certPem, this.station.issuerPem, alg), asked)) {
      if (!this.o.faults.has('station-cert-deletable'))
        return {
          status: 'Failed',
          statusInfo: {
            reasonCode: 'NotDeletable',
            additionalInfo: 'the ChargingStationCertificate cannot be deleted with DeleteCertificate',
          },
        };
      this.stationCertDeleted = true;
      return { status: 'Accepted' };
    }
    const i = this.certs.findIndex((c) => this.matches(this.hashData(c, alg), asked));
    if (i < 0) return { status: 'NotFound' };
    const c = this.certs[i]!;
    if (c.use === 'CSMSRootCertificate' && this.csmsRoots().length === 1) {
      return { status: 'Failed', statusInfo: { reasonCode: 'InUse', additionalInfo: 'the only CSMS root, used for the connection' } };
    }
    if (!this.o.faults.has('delete-accepted-but-kept')) this.certs.splice(i, 1);
    return { status: 'Accepted' };
  }
}
