/**
 * Certificate issuing: the TBSCertificate is built with forge's ASN.1 helpers and signed with
 * Node's crypto.sign. One path serves every key type, because forge's own certificate code only
 * handles RSA subject keys and RSA signers (the ECDSA server certificate and the ECDSA V2G root
 * need the others), and Node can't issue certificates at all.
 */
import { randomBytes, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { OID, der, derToPem, encodeName, ipBytes, type DistinguishedName } from './der.js';

type Asn1 = forge.asn1.Asn1;

export type KeyUsageBit =
  'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'dataEncipherment' | 'keyAgreement' | 'keyCertSign' | 'cRLSign';
const KEY_USAGE_BITS: KeyUsageBit[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
];

export type ExtendedKeyUsage = 'serverAuth' | 'clientAuth' | 'codeSigning';
const EKU_OIDS: Record<ExtendedKeyUsage, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
};

export interface CertificateSpec {
  /** A Name to encode, or an encoded Name copied verbatim (a CSR's subject, a CA's subject). */
  subject: DistinguishedName | Buffer;
  publicKey: KeyObject;
  issuer: { name: DistinguishedName | Buffer; privateKey: KeyObject; keyId: Buffer };
  /** Positive, minimally encoded INTEGER contents; random 16 bytes when absent. */
  serial?: Buffer;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  pathLen?: number;
  keyUsage: KeyUsageBit[];
  extKeyUsage?: ExtendedKeyUsage[];
  san?: { dns?: string[]; ip?: string[] };
  subjectKeyId: Buffer;
}

/** Leaves are backdated so a peer whose clock runs a little behind still accepts them. */
export const BACKDATE_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

export function randomSerial(): Buffer {
  const b = randomBytes(16);
  b[0] = (b[0]! & 0x7f) | 0x40; // positive and no leading zero byte, so the DER INTEGER is minimal
  return b;
}

/** Hex serial (as a CA operator writes it) -> DER INTEGER contents. */
export function serialFromHex(hex: string): Buffer {
  const clean = hex.replace(/[\s:]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(clean)) throw new Error(`serial: "${hex}" is not hexadecimal`);
  let b = Buffer.from(clean.length % 2 ? `0${clean}` : clean, 'hex');
  while (b.length > 1 && b[0] === 0 && b[1]! < 0x80) b = b.subarray(1);
  if (b.length === 1 && b[0] === 0) throw new Error('serial: must be positive (RFC 5280 4.1.2.2)');
  if (b[0]! >= 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  if (b.length > 20) throw new Error('serial: at most 20 octets (RFC 5280 4.1.2.2)');
  return b;
}

/** The AlgorithmIdentifier and digest for signing with this key (SHA-256 for RSA and P-256). */
export function signingAlgorithm(privateKey: KeyObject): { algId: Asn1; hash: string } {
  if (privateKey.asymmetricKeyType === 'rsa') {
    return { algId: der.seq([der.oid('1.2.840.113549.1.1.11'), der.nul()]), hash: 'sha256' };
  }
  if (privateKey.asymmetricKeyType === 'ec') {
    const curve = privateKey.asymmetricKeyDetails?.namedCurve;
    const [oid, hash] =
      curve === 'secp384r1'
        ? ['1.2.840.10045.4.3.3', 'sha384']
        : curve === 'secp521r1'
          ? ['1.2.840.10045.4.3.4', 'sha512']
          : ['1.2.840.10045.4.3.2', 'sha256'];
    return { algId: der.seq([der.oid(oid)]), hash }; // ECDSA identifiers carry no parameters (RFC 5758)
  }
  throw new Error(`cannot sign with a ${privateKey.asymmetricKeyType} key; use RSA or EC`);
}

/** Signs `toBeSigned` and wraps it as the SEQUENCE {data, algorithm, signature} X.509 and PKCS#10 share. */
export function signedEnvelope(toBeSigned: Asn1, privateKey: KeyObject): Buffer {
  const { algId, hash } = signingAlgorithm(privateKey);
  const body = der.encode(toBeSigned);
  const signature = sign(hash, body, privateKey);
  return der.encode(der.seq([der.raw(body), algId, der.bits(signature)]));
}

function keyUsageBits(bits: KeyUsageBit[]): Asn1 {
  const set = bits.map((b) => KEY_USAGE_BITS.indexOf(b));
  const highest = Math.max(...set);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const i of set) bytes[Math.floor(i / 8)]! |= 0x80 >> (i % 8);
  // DER drops trailing zero bits of a named bit list (X.690 11.2.2).
  return der.bits(bytes, bytes.length * 8 - 1 - highest);
}

function extension(oid: string, critical: boolean, value: Asn1): Asn1 {
  const parts = [der.oid(oid)];
  if (critical) parts.push(der.bool(true));
  parts.push(der.octets(der.encode(value)));
  return der.seq(parts);
}

const nameNode = (n: DistinguishedName | Buffer): Asn1 => (Buffer.isBuffer(n) ? der.raw(n) : encodeName(n));

export function issueCertificate(spec: CertificateSpec): string {
  const { algId } = signingAlgorithm(spec.issuer.privateKey);
  const basic: Asn1[] = spec.ca ? [der.bool(true)] : []; // CA:FALSE is the DEFAULT, so DER omits it
  if (spec.ca && spec.pathLen !== undefined) basic.push(der.small(spec.pathLen));
  const exts: Asn1[] = [extension(OID.basicConstraints, true, der.seq(basic)), extension(OID.keyUsage, true, keyUsageBits(spec.keyUsage))];
  if (spec.extKeyUsage?.length) exts.push(extension(OID.extKeyUsage, false, der.seq(spec.extKeyUsage.map((e) => der.oid(EKU_OIDS[e])))));
  const names = [
    ...(spec.san?.dns ?? []).map((d) => der.ctx(2, false, d)),
    ...(spec.san?.ip ?? []).map((ip) => der.ctx(7, false, ipBytes(ip).toString('binary'))),
  ];
  if (names.length) exts.push(extension(OID.subjectAltName, false, der.seq(names)));
  exts.push(extension(OID.subjectKeyIdentifier, false, der.octets(spec.subjectKeyId)));
  exts.push(extension(OID.authorityKeyIdentifier, false, der.seq([der.ctx(0, false, spec.issuer.keyId.toString('binary'))])));

  const tbs = der.seq([
    der.ctx(0, true, [der.small(2)]), // v3
    der.int(spec.serial ?? randomSerial()),
    algId,
    nameNode(spec.issuer.name),
    der.seq([der.time(spec.notBefore), der.time(spec.notAfter)]),
    nameNode(spec.subject),
    der.raw(spec.publicKey.export({ type: 'spki', format: 'der' })),
    der.ctx(3, true, [der.seq(exts)]),
  ]);
  return derToPem(signedEnvelope(tbs, spec.issuer.privateKey), 'CERTIFICATE');
}
