import { createPrivateKey, generateKeyPairSync, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { certParts, content, keyIdentifier, OID, readTlv, slice } from './der.js';
import { BACKDATE_MS, DAY_MS, issueCertificate, randomSerial } from './issue.js';
import type { TestPki } from './test-pki.js';

/**
 * A firmware signer under the test PKI's manufacturer root (the reference CSMS plays the
 * manufacturer's firmware repository): a code-signing certificate issued straight by the root
 * (no intermediates) and its key; signFirmware signs a whole image (ECDSA P-256, SHA-256).
 */
export interface FirmwareSigner {
  certificatePem: string;
  key: KeyObject;
}

export function issueFirmwareSigner(pki: TestPki, now: number): FirmwareSigner {
  const root = pki.artifact('manufacturer-root');
  const rootParts = certParts(root.certPem);
  const ski = rootParts.extensions.get(OID.subjectKeyIdentifier);
  const keyId = ski ? content(ski, readTlv(ski)) : keyIdentifier(new X509Certificate(root.certPem).publicKey);
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const certificatePem = issueCertificate({
    subject: { CN: 'OCPP Harness Firmware Signing', O: 'OCPP Harness Manufacturer' },
    publicKey: pair.publicKey,
    issuer: { name: slice(rootParts.der, rootParts.subject), privateKey: createPrivateKey(root.keyPem), keyId },
    serial: randomSerial(),
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + 365 * DAY_MS),
    ca: false,
    keyUsage: ['digitalSignature'],
    extKeyUsage: ['codeSigning'],
    subjectKeyId: keyIdentifier(pair.publicKey),
  });
  return { certificatePem, key: pair.privateKey };
}

/** The base64 signature of an image with the signer's key (SHA-256). */
export function signFirmware(signer: FirmwareSigner, image: Buffer): string {
  return sign('sha256', image, signer.key).toString('base64');
}
