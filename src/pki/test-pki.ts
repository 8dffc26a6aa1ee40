/**
 * The test PKI as cases and reference peers use it at run time: artifacts by name, the harness
 * acting as CA for a station's CSR (A02/A03, TC_074), deliberately wrong certificates for the
 * negative cases (CERT-03, TC_A_14, TC_077), RFC 6960 certificate hash data (M03, TC_075) and
 * certificate audits against the OCPP certificate properties (A00.FR.5xx).
 * Holds private keys: never log or report this object or its artifacts' keyPem.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { content, certParts, keyIdentifier, OID, pemToDer, readTlv, slice, type CertParts } from './der.js';
import { parseCsr } from './csr.js';
import { BACKDATE_MS, DAY_MS, issueCertificate, randomSerial } from './issue.js';
import { inspectCertificate, verifyChain, type CertificateInfo } from './inspect.js';
import { artifactChain, readPkiManifest, type PkiArtifact, type PkiManifest } from './pki.js';

export interface LoadedArtifact {
  name: string;
  role: PkiArtifact['role'];
  valid: boolean;
  defect: PkiArtifact['defect'];
  /** The certificate alone. */
  certPem: string;
  /** The private key (PKCS#8 PEM). Secret. */
  keyPem: string;
  /** The certificate followed by its issuers below the root (what a TLS peer presents). */
  chainPem: string;
  /** The self-signed certificate at the top of its chain. */
  rootPem: string;
}

/** How a certificate the harness issues for a CSR is deliberately wrong (CERT-03, TC_A_14, TC_077). */
export type IssueVariant =
  | 'valid'
  /** notAfter in the past. */
  | 'expired'
  /** notBefore in the future (A02.FR.06 errata). */
  | 'not-yet-valid'
  /** Signed by a CA the station does not trust. */
  | 'unknown-issuer'
  /** CN is not the station's serial number. */
  | 'wrong-cn'
  /** Carries a public key other than the CSR's. */
  | 'other-key'
  /** Signed by its own (new) key. */
  | 'self-signed';

export interface IssueOptions {
  /** Validity in days from now (valid variants); default 30. */
  days?: number;
  /** Signing CA artifact; default 'station-ca'. */
  issuer?: string;
  now?: Date;
}

export type HashAlgorithm = 'SHA256' | 'SHA384' | 'SHA512';

/** OCPP CertificateHashDataType (RFC 6960 CertID fields). */
export interface CertificateHashData {
  hashAlgorithm: HashAlgorithm;
  issuerNameHash: string;
  issuerKeyHash: string;
  serialNumber: string;
}

export interface AuditExpectation {
  /** What the certificate is for. */
  role: 'csms-server' | 'station' | 'root';
  /** Expected CN: the CSMS host (server) or the station serial number (client). */
  commonName?: string;
  /** Expected O: the CSO's organisation name (A00.FR.404, A02.FR.13). */
  organization?: string;
  /** Trust anchors and intermediates the chain must reach. */
  trust?: string[];
  now?: Date;
}

/** One way a certificate misses an OCPP rule, with the rule's id. */
export interface AuditProblem {
  requirement: string;
  problem: string;
}

const HASH_NAMES: Record<HashAlgorithm, string> = { SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };

/** The PEM blocks in a chain text, in order. */
export function splitPemChain(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)?.map((s) => `${s}\n`) ?? [];
}

/** RFC 6960 CertID hash data of `certPem`, whose issuer is `issuerPem` (itself for a root). */
export function certificateHashData(certPem: string, issuerPem: string, algorithm: HashAlgorithm = 'SHA256'): CertificateHashData {
  const cert = certParts(certPem);
  const issuer = certParts(issuerPem);
  const h = (b: Buffer) => createHash(HASH_NAMES[algorithm]).update(b).digest('hex');
  // issuerKeyHash covers the BIT STRING value of the issuer's subjectPublicKey, without the unused-bits octet.
  const spkiKids = subjectPublicKeyBits(issuer);
  const bitString = spkiKids.subarray(1);
  return {
    hashAlgorithm: algorithm,
    issuerNameHash: h(slice(cert.der, cert.issuer)),
    issuerKeyHash: h(bitString),
    serialNumber: content(cert.der, cert.serial)
      .toString('hex')
      .replace(/^0+(?=.)/, ''),
  };
}

function subjectPublicKeyBits(p: CertParts): Buffer {
  // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
  const spki = p.der.subarray(p.spki.start, p.spki.end);
  const top = readTlv(spki);
  const alg = readTlv(spki, top.contentStart);
  const bits = readTlv(spki, alg.end);
  return spki.subarray(bits.contentStart, bits.end);
}

/** Whether two hash-data records name the same certificate (hex compared case-insensitively). */
export function sameHashData(a: CertificateHashData, b: CertificateHashData): boolean {
  const n = (s: string) => s.toLowerCase().replace(/^0+(?=.)/, '');
  return (
    a.hashAlgorithm === b.hashAlgorithm &&
    n(a.issuerNameHash) === n(b.issuerNameHash) &&
    n(a.issuerKeyHash) === n(b.issuerKeyHash) &&
    n(a.serialNumber) === n(b.serialNumber)
  );
}

const looksLikeUrlOrIp = (s: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^\d{1,3}(\.\d{1,3}){3}$/.test(s) || s.includes(':');

/**
 * Checks a certificate against the OCPP certificate properties (A00.FR.501-512) and, for leaves,
 * the role's name rules (CSMS: CN = FQDN, A00.FR.507; station: CN = serial, O = CSO, A00.FR.404/405).
 * Returns every problem; empty means the certificate meets them.
 */
export function auditCertificate(pem: string, expect: AuditExpectation): AuditProblem[] {
  const out: AuditProblem[] = [];
  let info: CertificateInfo;
  try {
    info = inspectCertificate(pem);
  } catch (e) {
    return [{ requirement: 'A00.FR.505', problem: `not a readable X.509 PEM certificate: ${(e as Error).message}` }];
  }
  const now = expect.now ?? new Date();
  if (info.keyType === 'rsa' && (info.keyBits ?? 0) < 2048)
    out.push({ requirement: 'A00.FR.503', problem: `RSA key of ${info.keyBits} bits (at least 2048 required)` });
  if (info.keyType === 'ec' && (info.keyBits ?? 0) < 224)
    out.push({ requirement: 'A00.FR.503', problem: `EC key of ${info.keyBits} bits (at least 224 required)` });
  if (!['rsa', 'ec', 'rsa-pss'].includes(info.keyType))
    out.push({ requirement: 'A00.FR.502', problem: `key type ${info.keyType} is not RSA or ECDSA` });
  if (/sha1|md5/i.test(info.signatureAlgorithm))
    out.push({ requirement: 'A00.FR.504', problem: `signed with ${info.signatureAlgorithm} (SHA-256 or better expected)` });
  if (!info.serialNumber || info.serialNumber === '0') out.push({ requirement: 'A00.FR.506', problem: 'no serial number' });
  if (now < info.notBefore) out.push({ requirement: 'A00.FR.501', problem: `not yet valid (notBefore ${info.notBefore.toISOString()})` });
  if (now > info.notAfter) out.push({ requirement: 'A00.FR.501', problem: `expired (notAfter ${info.notAfter.toISOString()})` });
  if (expect.role !== 'root' && info.isCA)
    out.push({ requirement: 'A00.FR.512', problem: 'a leaf certificate with basicConstraints CA:TRUE' });
  if (expect.role !== 'root' && info.selfSigned) out.push({ requirement: 'A00.FR.501', problem: 'self-signed leaf certificate' });
  const cn = info.subject.CN;
  const o = info.subject.O;
  if (expect.organization !== undefined && o !== expect.organization)
    out.push({
      requirement: expect.role === 'station' ? 'A00.FR.404' : 'A00.FR.508',
      problem: `O = ${JSON.stringify(o ?? null)} (expected ${JSON.stringify(expect.organization)})`,
    });
  if (expect.role === 'station') {
    if (expect.commonName !== undefined && cn !== expect.commonName)
      out.push({
        requirement: 'A00.FR.405',
        problem: `CN = ${JSON.stringify(cn ?? null)} (expected the serial number ${JSON.stringify(expect.commonName)})`,
      });
    if (cn !== undefined && looksLikeUrlOrIp(cn))
      out.push({ requirement: 'A00.FR.509', problem: `CN ${JSON.stringify(cn)} looks like a URL or IP address` });
  }
  if (expect.role === 'csms-server' && expect.commonName !== undefined) {
    const names = [cn, ...info.san.map((s) => s.replace(/^(DNS|IP):/, ''))];
    if (!names.includes(expect.commonName))
      out.push({
        requirement: 'A00.FR.507',
        problem: `neither CN ${JSON.stringify(cn ?? null)} nor SAN [${info.san.join(', ')}] names ${JSON.stringify(expect.commonName)}`,
      });
    if (names.some((n) => n?.startsWith('*.'))) out.push({ requirement: 'A00.FR.507', problem: 'wildcard certificate' });
  }
  if (expect.trust?.length) {
    const chain = verifyChain(pem, expect.trust, now);
    if (!chain.valid)
      out.push({ requirement: expect.role === 'station' ? 'A00.FR.403' : 'A00.FR.411', problem: `chain does not verify: ${chain.reason}` });
  }
  return out;
}

/** A PKI directory made by `certs init`, loaded for use in cases and peers. */
export class TestPki {
  private readonly cache = new Map<string, LoadedArtifact>();

  private constructor(
    readonly dir: string,
    readonly manifest: PkiManifest,
  ) {}

  static load(dir: string): TestPki {
    const abs = resolve(dir);
    return new TestPki(abs, readPkiManifest(abs));
  }

  has(name: string): boolean {
    return this.manifest.artifacts.some((a) => a.name === name);
  }

  /** Names of the artifacts with this role (and, optionally, this validity). */
  names(role: PkiArtifact['role'], valid?: boolean): string[] {
    return this.manifest.artifacts.filter((a) => a.role === role && (valid === undefined || a.valid === valid)).map((a) => a.name);
  }

  artifact(name: string): LoadedArtifact {
    const hit = this.cache.get(name);
    if (hit) return hit;
    const chain = artifactChain(this.manifest, name);
    const read = (a: PkiArtifact, what: 'cert' | 'key') => readFileSync(join(this.dir, what === 'cert' ? a.cert : a.key), 'utf8');
    const head = chain[0]!;
    const top = chain[chain.length - 1]!;
    const below = chain.filter((a) => a !== top || chain.length === 1);
    const loaded: LoadedArtifact = {
      name: head.name,
      role: head.role,
      valid: head.valid,
      defect: head.defect,
      certPem: read(head, 'cert'),
      keyPem: read(head, 'key'),
      chainPem: below.map((a) => read(a, 'cert')).join(''),
      rootPem: read(top, 'cert'),
    };
    this.cache.set(name, loaded);
    return loaded;
  }

  /** The CSMS root certificate (what stations trust for the CSMS, CSMSRootCertificate). */
  get csmsRoot(): string {
    return this.artifact('csms-root').certPem;
  }

  /** The CA that signs station certificates (issued by the CSMS root). */
  get stationCa(): string {
    return this.artifact('station-ca').certPem;
  }

  /** What a CSMS trusts for station client certificates. */
  get clientTrust(): string[] {
    return [this.stationCa, this.csmsRoot];
  }

  /**
   * The harness as CA: a certificate chain (leaf + station CA) for the CSR's subject and key, or a
   * deliberately wrong one. The CSR's self-signature is not checked here; cases check it first.
   */
  issueForCsr(csrPem: string, variant: IssueVariant = 'valid', o: IssueOptions = {}): string {
    const csr = parseCsr(csrPem);
    const now = (o.now ?? new Date()).getTime();
    const days = o.days ?? 30;
    let notBefore = new Date(now - BACKDATE_MS);
    let notAfter = new Date(now + days * DAY_MS);
    if (variant === 'expired') {
      notBefore = new Date(now - 60 * DAY_MS);
      notAfter = new Date(now - DAY_MS);
    } else if (variant === 'not-yet-valid') {
      notBefore = new Date(now + 10 * DAY_MS);
      notAfter = new Date(now + 40 * DAY_MS);
    }
    const caName = variant === 'unknown-issuer' ? 'unknown-ca' : (o.issuer ?? 'station-ca');
    const ca = this.artifact(caName);
    const caParts = certParts(ca.certPem);
    const caSki = caParts.extensions.get(OID.subjectKeyIdentifier);
    let publicKey: KeyObject = createPublicKey(csr.publicKeyPem);
    let issuerKey = createPrivateKey(ca.keyPem);
    let issuerName: Buffer | { CN?: string; O?: string } = slice(caParts.der, caParts.subject);
    let keyId = caSki ? content(caSki, readTlv(caSki)) : keyIdentifier(new X509Certificate(ca.certPem).publicKey);
    let subject: Buffer | { CN?: string; O?: string } = {
      ...(csr.subject.O !== undefined ? { O: csr.subject.O } : {}),
      CN: csr.subject.CN,
    };
    if (variant === 'wrong-cn')
      subject = { ...(csr.subject.O !== undefined ? { O: csr.subject.O } : {}), CN: `${csr.subject.CN ?? 'station'}-OTHER` };
    if (variant === 'other-key' || variant === 'self-signed') {
      const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      publicKey = pair.publicKey;
      if (variant === 'self-signed') {
        issuerKey = pair.privateKey;
        issuerName = subject;
        keyId = keyIdentifier(pair.publicKey);
      }
    }
    const leaf = issueCertificate({
      subject,
      publicKey,
      issuer: { name: issuerName, privateKey: issuerKey, keyId },
      serial: randomSerial(),
      notBefore,
      notAfter,
      ca: false,
      keyUsage: publicKey.asymmetricKeyType === 'rsa' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'],
      extKeyUsage: ['clientAuth'],
      subjectKeyId: keyIdentifier(publicKey),
    });
    return variant === 'self-signed' ? leaf : leaf + ca.chainPem;
  }

  /** RFC 6960 hash data of an artifact (issuer taken from the PKI). */
  hashDataOf(name: string, algorithm: HashAlgorithm = 'SHA256'): CertificateHashData {
    const chain = artifactChain(this.manifest, name);
    const issuer = chain[1] ?? chain[0]!;
    return certificateHashData(this.artifact(name).certPem, this.artifact(issuer.name).certPem, algorithm);
  }
}

/** The DER of a PEM certificate (for comparisons that must ignore line wrapping). */
export function certDer(pem: string): Buffer {
  return pemToDer(pem, ['CERTIFICATE']);
}
