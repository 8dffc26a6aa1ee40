/**
 * Small DER/PEM toolkit shared by the PKI modules.
 *
 * Building uses node-forge's ASN.1 objects; reading uses a raw TLV walker on Buffers, because
 * signatures cover the exact received bytes (re-encoding a parsed tree could change them) and
 * forge's X.509 parser only understands RSA keys.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

const asn1 = forge.asn1;
type Asn1 = forge.asn1.Asn1;

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

/** Signature algorithms we can check (and, for sha256/384 RSA and ECDSA, produce). */
const SIGNATURE_ALGS: Record<string, { name: string; hash: string | null; key: string }> = {
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1', key: 'rsa' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256', key: 'rsa' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384', key: 'rsa' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512', key: 'rsa' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1', key: 'ec' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256', key: 'ec' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384', key: 'ec' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512', key: 'ec' },
  '1.3.101.112': { name: 'ed25519', hash: null, key: 'ed25519' },
};

export const EKU_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
};

/** Attribute short names used in subjects; others are reported by OID. */
const NAME_ATTRS: Record<string, string> = {
  CN: '2.5.4.3',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  serialNumber: '2.5.4.5',
  emailAddress: '1.2.840.113549.1.9.1',
};
const NAME_BY_OID: Record<string, string> = Object.fromEntries(Object.entries(NAME_ATTRS).map(([k, v]) => [v, k]));

/** Bit lengths of the curves a station or CSMS might use (Node reports only the curve name). */
const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521, secp224r1: 224, secp256k1: 256 };

/** A subject or issuer, keyed by short name (CN, O, ...) or OID; insertion order is RDN order. */
export interface DistinguishedName {
  CN?: string;
  O?: string;
  [attribute: string]: string | undefined;
}

export interface PublicKeyInfo {
  /** Node's asymmetricKeyType: 'rsa', 'ec', 'ed25519', 'rsa-pss', ... */
  type: string;
  /** RSA modulus length, or the EC curve size. */
  bits?: number;
  /** EC only, OpenSSL name (P-256 = 'prime256v1'). */
  curve?: string;
}

export function describeKey(key: KeyObject): PublicKeyInfo {
  const type = key.asymmetricKeyType ?? 'unknown';
  const d = key.asymmetricKeyDetails ?? {};
  if (d.namedCurve) return { type, bits: CURVE_BITS[d.namedCurve], curve: d.namedCurve };
  return d.modulusLength ? { type, bits: d.modulusLength } : { type };
}

// ---------------------------------------------------------------- PEM

export function pemToDer(pem: string, labels: string[]): Buffer {
  for (const label of labels) {
    const m = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]*)-----END ${label}-----`).exec(pem);
    if (m) return Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
  }
  throw new Error(`not a PEM ${labels[0]}`);
}

export function derToPem(der: Buffer, label: string): string {
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

// ---------------------------------------------------------------- reading (raw TLV)

export interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  contentStart: number;
  end: number;
}

export const TAG = { INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, OID: 0x06, SEQUENCE: 0x30, SET: 0x31 } as const;

export function readTlv(buf: Buffer, off = 0, limit = buf.length): Tlv {
  if (off + 2 > limit) throw new Error('DER: truncated element');
  const tag = buf[off]!;
  if ((tag & 0x1f) === 0x1f) throw new Error('DER: multi-byte tags are not supported');
  let len = buf[off + 1]!;
  let p = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > limit) throw new Error('DER: bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
  }
  const end = p + len;
  if (end > limit) throw new Error('DER: element runs past its container');
  return { tag, start: off, contentStart: p, end };
}

export function childrenOf(buf: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let off = parent.contentStart; off < parent.end;) {
    const t = readTlv(buf, off, parent.end);
    out.push(t);
    off = t.end;
  }
  return out;
}

/** Reads a whole DER document whose outer element must be a SEQUENCE spanning every byte. */
export function readTopSequence(der: Buffer, what: string): { top: Tlv; kids: Tlv[] } {
  const top = readTlv(der);
  if (top.tag !== TAG.SEQUENCE || top.end !== der.length) throw new Error(`${what}: not a DER SEQUENCE`);
  return { top, kids: childrenOf(der, top) };
}

export const slice = (buf: Buffer, t: Tlv): Buffer => buf.subarray(t.start, t.end);
export const content = (buf: Buffer, t: Tlv): Buffer => buf.subarray(t.contentStart, t.end);
export const oidOf = (buf: Buffer, t: Tlv): string => asn1.derToOid(content(buf, t).toString('binary'));

export function decodeName(buf: Buffer, name: Tlv): DistinguishedName {
  const dn: DistinguishedName = {};
  for (const rdn of childrenOf(buf, name)) {
    for (const atv of childrenOf(buf, rdn)) {
      const [type, value] = childrenOf(buf, atv);
      if (!type || !value) continue;
      const oid = oidOf(buf, type);
      const key = NAME_BY_OID[oid] ?? oid;
      const raw = content(buf, value);
      // UTF8String and BMPString need decoding; the other string types are ASCII/Latin-1.
      const text =
        value.tag === 0x0c
          ? raw.toString('utf8')
          : value.tag === 0x1e
            ? Buffer.from(raw).swap16().toString('utf16le')
            : raw.toString('latin1');
      dn[key] = dn[key] === undefined ? text : `${dn[key]}, ${text}`;
    }
  }
  return dn;
}

export function dnToString(dn: DistinguishedName): string {
  return Object.entries(dn)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** Looks up a signature AlgorithmIdentifier; unknown ones are reported by OID. */
export function signatureAlgorithm(buf: Buffer, algId: Tlv): { name: string; hash: string | null; key: string } {
  const [oidTlv] = childrenOf(buf, algId);
  if (!oidTlv) throw new Error('DER: empty AlgorithmIdentifier');
  const oid = oidOf(buf, oidTlv);
  return SIGNATURE_ALGS[oid] ?? { name: oid, hash: null, key: 'unknown' };
}

/** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING value. */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const bits = childrenOf(spki, readTlv(spki))[1];
  if (!bits) throw new Error('DER: bad SubjectPublicKeyInfo');
  return createHash('sha1')
    .update(spki.subarray(bits.contentStart + 1, bits.end))
    .digest();
}

/** The parts of a certificate the PKI modules read, located but not interpreted. */
export interface CertParts {
  der: Buffer;
  tbs: Tlv;
  serial: Tlv;
  issuer: Tlv;
  validity: Tlv;
  subject: Tlv;
  spki: Tlv;
  sigAlg: Tlv;
  /** extnID -> extnValue contents. */
  extensions: Map<string, Buffer>;
}

export function certParts(pem: string): CertParts {
  const der = pemToDer(pem, ['CERTIFICATE']);
  const { kids } = readTopSequence(der, 'certificate');
  const [tbs, sigAlg] = kids;
  if (!tbs || !sigAlg || kids.length !== 3) throw new Error('certificate: expected tbsCertificate, signatureAlgorithm, signature');
  const fields = childrenOf(der, tbs);
  const i = fields[0]?.tag === 0xa0 ? 1 : 0; // version is optional (absent = v1)
  const [serial, , issuer, validity, subject, spki] = fields.slice(i);
  if (!serial || !issuer || !validity || !subject || !spki) throw new Error('certificate: truncated tbsCertificate');
  const extensions = new Map<string, Buffer>();
  const ext = fields.find((f) => f.tag === 0xa3);
  const list = ext ? childrenOf(der, ext)[0] : undefined;
  for (const e of list ? childrenOf(der, list) : []) {
    const parts = childrenOf(der, e);
    const value = parts[parts.length - 1];
    if (parts[0] && value) extensions.set(oidOf(der, parts[0]), content(der, value));
  }
  return { der, tbs, serial, issuer, validity, subject, spki, sigAlg, extensions };
}

export function validityOf(p: CertParts): { notBefore: Date; notAfter: Date } {
  const [nb, na] = childrenOf(p.der, p.validity);
  if (!nb || !na) throw new Error('certificate: bad validity');
  const time = (t: Tlv): Date => {
    const s = content(p.der, t).toString('latin1');
    return t.tag === 0x17 ? asn1.utcTimeToDate(s) : asn1.generalizedTimeToDate(s);
  };
  return { notBefore: time(nb), notAfter: time(na) };
}

export function publicKeyOf(der: Buffer, spki: Tlv): KeyObject {
  return createPublicKey({ key: slice(der, spki), format: 'der', type: 'spki' });
}

// ---------------------------------------------------------------- building (forge ASN.1)

const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;
const bin = (b: Buffer): string => b.toString('binary');

export const der = {
  seq: (items: Asn1[]): Asn1 => asn1.create(U, T.SEQUENCE, true, items),
  set: (items: Asn1[]): Asn1 => asn1.create(U, T.SET, true, items),
  oid: (oid: string): Asn1 => asn1.create(U, T.OID, false, asn1.oidToDer(oid).getBytes()),
  int: (bytes: Buffer): Asn1 => asn1.create(U, T.INTEGER, false, bin(bytes)),
  small: (n: number): Asn1 => asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes()),
  bool: (v: boolean): Asn1 => asn1.create(U, T.BOOLEAN, false, v ? '\xff' : '\x00'),
  nul: (): Asn1 => asn1.create(U, T.NULL, false, ''),
  octets: (bytes: Buffer): Asn1 => asn1.create(U, T.OCTETSTRING, false, bin(bytes)),
  bits: (bytes: Buffer, unused = 0): Asn1 => asn1.create(U, T.BITSTRING, false, String.fromCharCode(unused) + bin(bytes)),
  ctx: (n: number, constructed: boolean, value: string | Asn1[]): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, n, constructed, value),
  /** RFC 5280 asks for UTCTime up to 2049 and GeneralizedTime from 2050 on. */
  time: (d: Date): Asn1 =>
    d.getUTCFullYear() < 2050 && d.getUTCFullYear() >= 1950
      ? asn1.create(U, T.UTCTIME, false, asn1.dateToUtcTime(d))
      : asn1.create(U, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(d)),
  /** GeneralizedTime whatever the year (OCSP, RFC 6960, always uses it). */
  gtime: (d: Date): Asn1 => asn1.create(U, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(d)),
  /** Embeds an already-encoded element (a Name or SPKI copied from elsewhere) unchanged. */
  raw: (encoded: Buffer): Asn1 => fromDerExact(encoded),
  encode: (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary'),
};

/** forge's fromDer, told not to reinterpret BIT STRING contents, so toDer gives the same bytes back. */
function fromDerExact(encoded: Buffer): Asn1 {
  const fromDer = asn1.fromDer as unknown as (b: string, o: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean }) => Asn1;
  return fromDer(bin(encoded), { strict: true, parseAllBytes: true, decodeBitStrings: false });
}

/** Encodes a Name with one attribute per RDN; C must be PrintableString, the rest are UTF8String. */
export function encodeName(dn: DistinguishedName): Asn1 {
  const rdns: Asn1[] = [];
  for (const [key, value] of Object.entries(dn)) {
    if (value === undefined) continue;
    const oid = NAME_ATTRS[key] ?? key;
    const str = key === 'C' ? asn1.create(U, T.PRINTABLESTRING, false, value) : asn1.create(U, T.UTF8, false, forge.util.encodeUtf8(value));
    rdns.push(der.set([der.seq([der.oid(oid), str])]));
  }
  return der.seq(rdns);
}

/** OCTET STRING contents of a SAN iPAddress entry. */
export function ipBytes(ip: string): Buffer {
  const kind = isIP(ip);
  if (kind === 4) return Buffer.from(ip.split('.').map(Number));
  if (kind !== 6) throw new Error(`not an IP address: ${ip}`);
  // Expand "::" and a trailing dotted IPv4 part into eight 16-bit groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  const text = v4
    ? ip.slice(0, -v4[1]!.length) +
      ((n) => `${((n[0]! << 8) | n[1]!).toString(16)}:${((n[2]! << 8) | n[3]!).toString(16)}`)(v4[1]!.split('.').map(Number))
    : ip;
  const [head, tail] = text.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

export function formatIp(b: Buffer): string {
  if (b.length === 4) return [...b].join('.');
  const groups: string[] = [];
  for (let i = 0; i + 1 < b.length; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  return groups.join(':');
}
