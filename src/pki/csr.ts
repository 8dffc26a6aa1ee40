/**
 * PKCS#10 for the A02/A03 renewal flow (SignCertificate / CertificateSigned): the harness as a
 * station creates CSRs; as a CSMS/CA (A_11, TC_074) it checks and signs the station's CSR.
 * Built by hand (forge ASN.1 + crypto.sign) because forge's CSR code handles RSA keys only.
 */
import { X509Certificate, createPrivateKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { UsageError } from '../core/config.js';
import {
  certParts,
  childrenOf,
  content,
  describeKey,
  decodeName,
  der,
  derToPem,
  encodeName,
  keyIdentifier,
  OID,
  pemToDer,
  publicKeyOf,
  readTlv,
  readTopSequence,
  signatureAlgorithm,
  slice,
  TAG,
  type DistinguishedName,
  type PublicKeyInfo,
} from './der.js';
import { BACKDATE_MS, DAY_MS, issueCertificate, randomSerial, serialFromHex, signedEnvelope } from './issue.js';

export interface CreateCsrOptions {
  /** The station's serial number (A00.FR.405). */
  commonName: string;
  /** SecurityCtrlr.OrganizationName / CpoName (A02.FR.13). */
  org: string;
  keyType: 'rsa' | 'ec';
  /** RSA only; default 2048. Smaller values exist to send deliberately weak CSRs (CERT-06). */
  rsaBits?: number;
}

export interface ParsedCsr {
  subject: DistinguishedName;
  publicKey: PublicKeyInfo;
  /** SPKI PEM, to compare with a returned certificate's key or an older CSR's. */
  publicKeyPem: string;
  signatureAlgorithm: string;
  /** The CSR's self-signature verifies with the key it carries (proof of possession). */
  signatureValid: boolean;
}

export interface SignCsrOptions {
  csrPem: string;
  caCertPem: string;
  caKeyPem: string;
  days: number;
  /** Hex; random when absent. */
  serial?: string;
  now?: () => Date;
}

const CSR_LABELS = ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'];

/** A fresh key pair and a PKCS#10 CSR for it (A02.FR.02: a new key for every request). */
export function createCsr(o: CreateCsrOptions): { csrPem: string; privateKeyPem: string } {
  const { privateKey, publicKey } =
    o.keyType === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: o.rsaBits ?? 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const info = der.seq([
    der.small(0), // v1, the only PKCS#10 version
    encodeName({ O: o.org, CN: o.commonName }),
    der.raw(publicKey.export({ type: 'spki', format: 'der' })),
    der.ctx(0, true, []), // attributes: none, but the field is mandatory
  ]);
  return {
    csrPem: derToPem(signedEnvelope(info, privateKey), 'CERTIFICATE REQUEST'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

interface CsrParts {
  der: Buffer;
  subjectDer: Buffer;
  publicKey: KeyObject;
  parsed: ParsedCsr;
}

function readCsr(pem: string): CsrParts {
  const d = pemToDer(pem, CSR_LABELS);
  const { kids } = readTopSequence(d, 'CSR');
  const [info, alg, sig] = kids;
  if (!info || !alg || !sig || kids.length !== 3 || sig.tag !== TAG.BIT_STRING) {
    throw new Error('CSR: expected certificationRequestInfo, signatureAlgorithm, signature');
  }
  const [version, subject, spki] = childrenOf(d, info);
  if (!version || !subject || !spki) throw new Error('CSR: truncated certificationRequestInfo');
  const publicKey = publicKeyOf(d, spki);
  const algorithm = signatureAlgorithm(d, alg);
  let signatureValid = false;
  if (algorithm.key === publicKey.asymmetricKeyType && d[sig.contentStart] === 0) {
    try {
      signatureValid = verify(algorithm.hash, slice(d, info), publicKey, d.subarray(sig.contentStart + 1, sig.end));
    } catch {
      signatureValid = false; // a malformed signature value is just an invalid signature
    }
  }
  return {
    der: d,
    subjectDer: slice(d, subject),
    publicKey,
    parsed: {
      subject: decodeName(d, subject),
      publicKey: describeKey(publicKey),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      signatureAlgorithm: algorithm.name,
      signatureValid,
    },
  };
}

/** Parses a PEM PKCS#10 CSR; throws only when it is not one. A bad signature is reported, not thrown. */
export function parseCsr(pem: string): ParsedCsr {
  return readCsr(pem).parsed;
}

/**
 * The harness as CA: issues a client certificate (clientAuth) for exactly the subject and key the
 * station asked for. Refuses a CSR whose self-signature does not verify.
 */
export function signCsr(o: SignCsrOptions): string {
  if (!Number.isInteger(o.days) || o.days < 1) throw new UsageError(`signCsr: days must be a positive integer, got ${o.days}`);
  const csr = readCsr(o.csrPem);
  if (!csr.parsed.signatureValid) throw new Error('signCsr: the CSR self-signature does not verify; refusing to sign it');
  const ca = new X509Certificate(o.caCertPem);
  const caKey = createPrivateKey(o.caKeyPem);
  if (!ca.ca) throw new Error(`signCsr: ${ca.subject.replace(/\n/g, ', ')} is not a CA certificate (basicConstraints CA:TRUE)`);
  if (!ca.checkPrivateKey(caKey)) throw new Error('signCsr: caKeyPem is not the private key of caCertPem');
  const caParts = certParts(o.caCertPem);
  // Reuse the CA's own key identifier so AKI matches its SKI even when it was computed differently.
  const caSki = caParts.extensions.get(OID.subjectKeyIdentifier);
  const caKeyId = caSki ? content(caSki, readTlv(caSki)) : keyIdentifier(ca.publicKey);
  const now = (o.now ?? (() => new Date()))().getTime();
  return issueCertificate({
    subject: csr.subjectDer,
    publicKey: csr.publicKey,
    issuer: { name: slice(caParts.der, caParts.subject), privateKey: caKey, keyId: caKeyId },
    serial: o.serial === undefined ? randomSerial() : serialFromHex(o.serial),
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + o.days * DAY_MS),
    ca: false,
    keyUsage: csr.publicKey.asymmetricKeyType === 'rsa' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'],
    extKeyUsage: ['clientAuth'],
    subjectKeyId: keyIdentifier(csr.publicKey),
  });
}
