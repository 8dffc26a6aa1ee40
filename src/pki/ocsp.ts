import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { childrenOf, content, der, oidOf, readTlv, readTopSequence, type Tlv } from './der.js';
import { signedEnvelope } from './issue.js';

/**
 * OCSP responses (RFC 6960) for the ISO 15118 certificate status use case (M06): the reference
 * CSMS builds a signed BasicOCSPResponse for the CertID a station asks about, and cases read one
 * back to see which certificate it answers for. Only what OCPP carries: one SingleResponse.
 */

export interface OcspCertId {
  hashAlgorithm: 'SHA256' | 'SHA384' | 'SHA512';
  issuerNameHash: string;
  issuerKeyHash: string;
  serialNumber: string;
}

const HASH_OIDS: Record<OcspCertId['hashAlgorithm'], string> = {
  SHA256: '2.16.840.1.101.3.4.2.1',
  SHA384: '2.16.840.1.101.3.4.2.2',
  SHA512: '2.16.840.1.101.3.4.2.3',
};
const BASIC_OCSP = '1.3.6.1.5.5.7.48.1.1';
const STATUS_TAGS: Record<number, 'good' | 'revoked' | 'unknown'> = { 0x80: 'good', 0xa1: 'revoked', 0x82: 'unknown' };

const hexBytes = (hex: string): Buffer => Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');

/** A successful OCSPResponse saying `good` for the CertID, signed by the responder's key. */
export function ocspGoodResponse(id: OcspCertId, responder: { certPem: string; keyPem: string }, now = new Date()): Buffer {
  const serial = hexBytes(id.serialNumber);
  const certId = der.seq([
    der.seq([der.oid(HASH_OIDS[id.hashAlgorithm]), der.nul()]),
    der.octets(hexBytes(id.issuerNameHash)),
    der.octets(hexBytes(id.issuerKeyHash)),
    der.int(serial[0]! >= 0x80 ? Buffer.concat([Buffer.from([0]), serial]) : serial),
  ]);
  const spki = createPublicKey(responder.certPem).export({ type: 'spki', format: 'der' });
  const keyHash = createHash('sha1').update(spki).digest();
  const single = der.seq([certId, der.ctx(0, false, ''), der.gtime(now)]);
  const tbs = der.seq([der.ctx(2, true, [der.octets(keyHash)]), der.gtime(now), der.seq([single])]);
  const basic = signedEnvelope(tbs, createPrivateKey(responder.keyPem));
  return der.encode(
    der.seq([der.raw(Buffer.from([0x0a, 0x01, 0x00])), der.ctx(0, true, [der.seq([der.oid(BASIC_OCSP), der.octets(basic)])])]),
  );
}

export interface ParsedOcspResponse {
  /** responseStatus: 0 successful, 1 malformedRequest, 2 internalError, 3 tryLater, 5 sigRequired, 6 unauthorized. */
  responseStatus: number;
  certIds: (Omit<OcspCertId, 'hashAlgorithm'> & { hashAlgorithm: string; certStatus: string })[];
}

/** Reads an OCSPResponse (DER); throws with a reason when it is not one. */
export function parseOcspResponse(bytes: Buffer): ParsedOcspResponse {
  const { kids } = readTopSequence(bytes, 'OCSPResponse');
  const status = kids[0];
  if (!status || status.tag !== 0x0a || status.end - status.contentStart !== 1) throw new Error('OCSPResponse: no responseStatus');
  const responseStatus = bytes[status.contentStart]!;
  if (!kids[1]) return { responseStatus, certIds: [] };
  const rb = childrenOf(bytes, childrenOf(bytes, kids[1])[0] ?? fail('no responseBytes'));
  if (rb[0] === undefined || oidOf(bytes, rb[0]) !== BASIC_OCSP || !rb[1]) throw new Error('OCSPResponse: not a basic OCSP response');
  const basic = content(bytes, rb[1]);
  const basicTop = readTlv(basic);
  const tbs = childrenOf(basic, basicTop)[0] ?? fail('no tbsResponseData');
  const tbsKids = childrenOf(basic, tbs).filter((t) => t.tag !== 0xa0);
  const responses = tbsKids[2] ?? fail('no responses');
  const hashName = (algId: Tlv): string => {
    const oid = oidOf(basic, childrenOf(basic, algId)[0] ?? fail('no hash algorithm'));
    return Object.entries(HASH_OIDS).find(([, o]) => o === oid)?.[0] ?? oid;
  };
  const certIds = childrenOf(basic, responses).map((single) => {
    const [certId, certStatus] = childrenOf(basic, single);
    const [alg, nameHash, keyHash, serial] = childrenOf(basic, certId ?? fail('no certID'));
    if (!alg || !nameHash || !keyHash || !serial) throw new Error('OCSPResponse: incomplete certID');
    return {
      hashAlgorithm: hashName(alg),
      issuerNameHash: content(basic, nameHash).toString('hex'),
      issuerKeyHash: content(basic, keyHash).toString('hex'),
      serialNumber: content(basic, serial).toString('hex'),
      certStatus: STATUS_TAGS[certStatus?.tag ?? -1] ?? 'malformed',
    };
  });
  return { responseStatus, certIds };
}

function fail(what: string): never {
  throw new Error(`OCSPResponse: ${what}`);
}
