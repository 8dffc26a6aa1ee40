/**
 * Certificate facts for the TLS and certificate audit cases (TLS-05, TLS-11, CERT-07): what the
 * certificate says (inspectCertificate) and whether it chains to given trust anchors (verifyChain).
 * Key sizes, CN/host and a leaf's CA flag are policy, left to the caller: OpenSSL at the default
 * security level accepts RSA-1024 and CA:TRUE leaves, so the harness must judge those itself.
 */
import { X509Certificate } from 'node:crypto';
import {
  EKU_NAMES,
  OID,
  certParts,
  childrenOf,
  content,
  decodeName,
  describeKey,
  formatIp,
  oidOf,
  readTlv,
  signatureAlgorithm,
  validityOf,
  type CertParts,
  type DistinguishedName,
} from './der.js';

export interface CertificateInfo {
  subject: DistinguishedName;
  issuer: DistinguishedName;
  /** Hex, lower case, no leading zeros (as in OCPP CertificateHashData). */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** 'rsa', 'ec', 'ed25519', ... */
  keyType: string;
  /** RSA modulus length or EC curve size. */
  keyBits?: number;
  /** EC only, OpenSSL name (P-256 = 'prime256v1'). */
  curve?: string;
  /** basicConstraints cA = TRUE. */
  isCA: boolean;
  /** 'DNS:name', 'IP:1.2.3.4', 'email:...', 'URI:...'. */
  san: string[];
  /** Issued by its own key: issuer = subject and the signature verifies with its own public key. */
  selfSigned: boolean;
  signatureAlgorithm: string;
  /** Extended key usages by name ('serverAuth', 'clientAuth', ...) or OID; empty when absent. */
  extKeyUsage: string[];
}

function sanOf(p: CertParts): string[] {
  const ext = p.extensions.get(OID.subjectAltName);
  if (!ext) return [];
  const out: string[] = [];
  for (const gn of childrenOf(ext, readTlv(ext))) {
    const v = content(ext, gn);
    // GeneralName is a CHOICE of context tags (RFC 5280 4.2.1.6): [1] email, [2] DNS, [6] URI, [7] IP.
    const tag = gn.tag & 0x1f;
    if (tag === 2) out.push(`DNS:${v.toString('latin1')}`);
    else if (tag === 7) out.push(`IP:${formatIp(v)}`);
    else if (tag === 1) out.push(`email:${v.toString('latin1')}`);
    else if (tag === 6) out.push(`URI:${v.toString('latin1')}`);
  }
  return out;
}

function ekuOf(p: CertParts): string[] {
  const ext = p.extensions.get(OID.extKeyUsage);
  if (!ext) return [];
  return childrenOf(ext, readTlv(ext)).map((t) => {
    const oid = oidOf(ext, t);
    return EKU_NAMES[oid] ?? oid;
  });
}

/** basicConstraints cA as written; Node's X509Certificate.ca also demands keyCertSign, which a CA:TRUE leaf lacks. */
function basicConstraintsCa(p: CertParts): boolean {
  const ext = p.extensions.get(OID.basicConstraints);
  if (!ext) return false;
  const first = childrenOf(ext, readTlv(ext))[0];
  return first?.tag === 0x01 && content(ext, first)[0] !== 0;
}

const sameBytes = (p: CertParts): boolean =>
  p.der.subarray(p.issuer.start, p.issuer.end).equals(p.der.subarray(p.subject.start, p.subject.end));

function isSelfSigned(x: X509Certificate, p: CertParts): boolean {
  return sameBytes(p) && x.verify(x.publicKey);
}

export function inspectCertificate(pem: string): CertificateInfo {
  const p = certParts(pem);
  const x = new X509Certificate(p.der);
  const key = describeKey(x.publicKey);
  const serial = content(p.der, p.serial)
    .toString('hex')
    .replace(/^0+(?=.)/, '');
  return {
    subject: decodeName(p.der, p.subject),
    issuer: decodeName(p.der, p.issuer),
    serialNumber: serial,
    ...validityOf(p),
    keyType: key.type,
    keyBits: key.bits,
    curve: key.curve,
    isCA: basicConstraintsCa(p),
    san: sanOf(p),
    selfSigned: isSelfSigned(x, p),
    signatureAlgorithm: signatureAlgorithm(p.der, p.sigAlg).name,
    extKeyUsage: ekuOf(p),
  };
}

export interface ChainResult {
  valid: boolean;
  reason?: string;
}

const MAX_DEPTH = 10;

/**
 * Path validation (a subset of RFC 5280 6.1, enough for OCPP's shallow hierarchies): builds the
 * chain from `leafPem` through `caPems` (trust anchors and intermediates alike, as with
 * `openssl verify -CAfile`) to a self-signed certificate among them, checking every signature,
 * every validity period at `now`, and that every issuer is a CA.
 */
export function verifyChain(leafPem: string, caPems: string[], now: Date = new Date()): ChainResult {
  let leaf: { x: X509Certificate; p: CertParts };
  let cas: Array<{ x: X509Certificate; p: CertParts }>;
  try {
    leaf = { x: new X509Certificate(leafPem), p: certParts(leafPem) };
    cas = caPems.map((pem) => ({ x: new X509Certificate(pem), p: certParts(pem) }));
  } catch (e) {
    return { valid: false, reason: `unreadable certificate: ${(e as Error).message}` };
  }
  const label = (x: X509Certificate, depth: number): string =>
    `${depth === 0 ? 'certificate' : 'issuer'} ${x.subject.replace(/\n/g, ', ')}`;
  const trusted = (x: X509Certificate): boolean => cas.some((c) => c.x.fingerprint256 === x.fingerprint256);

  let cur = leaf;
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const { notBefore, notAfter } = validityOf(cur.p);
    if (now < notBefore) return { valid: false, reason: `${label(cur.x, depth)} is not yet valid (notBefore ${notBefore.toISOString()})` };
    if (now > notAfter) return { valid: false, reason: `${label(cur.x, depth)} has expired (notAfter ${notAfter.toISOString()})` };
    if (isSelfSigned(cur.x, cur.p)) {
      if (trusted(cur.x)) return { valid: true };
      return {
        valid: false,
        reason:
          depth === 0
            ? 'self-signed certificate that is not a trust anchor'
            : `chain ends at an untrusted root ${cur.x.subject.replace(/\n/g, ', ')}`,
      };
    }
    const named = cas.filter((c) => cur.x.checkIssued(c.x));
    const issuer = named.find((c) => cur.x.verify(c.x.publicKey));
    if (!issuer) {
      const who = cur.x.issuer.replace(/\n/g, ', ');
      return { valid: false, reason: named.length ? `signature does not verify with the key of ${who}` : `unknown issuer ${who}` };
    }
    // X509Certificate.ca: basicConstraints CA and, when keyUsage is present, keyCertSign.
    if (!issuer.x.ca) return { valid: false, reason: `issuer ${issuer.x.subject.replace(/\n/g, ', ')} is not a CA` };
    cur = issuer;
  }
  return { valid: false, reason: `chain longer than ${MAX_DEPTH}` };
}
