import { randomInt } from 'node:crypto';
import { parseCsr } from '../../../pki/csr.js';
import type { TestPki } from '../../../pki/test-pki.js';
import type { TlsMaterial } from '../../../transport/tls.js';

/**
 * Security policies of the 2.0.1 reference CSMS (security profiles, A01 password rotation, the
 * CSMS as CA for A02/A03, M03-M05 certificate management), kept apart from the message handling.
 */

/** Characters of the passwords the CSMS generates (a subset of what A00.FR.205 allows). */
const PASSWORD_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-_=+|.';
/** Length of generated passwords: within 16..40 (SecurityCtrlr.BasicAuthPassword maxLimit >= 40). */
export const PASSWORD_LENGTH = 32;

/** A new random Basic-auth password (A01: the CSMS chooses it; never logged). */
export function newBasicAuthPassword(length = PASSWORD_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i++) out += PASSWORD_CHARS[randomInt(PASSWORD_CHARS.length)];
  return out;
}

/** One server certificate chain (leaf first) and its key. Holds a private key: never log. */
export interface ServerCert {
  chainPem: string;
  keyPem: string;
}

/** What the CSMS needs to serve wss://: its RSA and ECDSA certificates and the client trust anchors. */
export interface CsmsTls {
  /** RSA first, then ECDSA. */
  server: ServerCert[];
  /** CAs a station certificate must chain to (station CA and CSMS root). */
  clientTrust: string[];
}

/** TLS material from the configured profile's PKI, or from the run's test PKI at profiles 0/1. */
export function csmsTlsFrom(tls: TlsMaterial | undefined, pki: TestPki | undefined): CsmsTls | undefined {
  if (tls)
    return {
      server: tls.serverCerts.map((chainPem, i) => ({ chainPem, keyPem: tls.serverKeys[i]! })),
      clientTrust: [tls.stationCa, tls.csmsRoot],
    };
  if (!pki || !pki.has('csms-server-rsa') || !pki.has('csms-server-ecdsa')) return undefined;
  const cert = (name: string): ServerCert => {
    const a = pki.artifact(name);
    return { chainPem: a.chainPem, keyPem: a.keyPem };
  };
  return { server: [cert('csms-server-rsa'), cert('csms-server-ecdsa')], clientTrust: pki.clientTrust };
}

/** What the CSMS (as CA, A02/A03) expects of a station's CSR. */
export interface CsrExpectation {
  /** The station's serial number (A00.FR.405). */
  serial: string;
  /** The CSO's organisation (A00.FR.404, A02.FR.13). */
  organization: string;
  /** Fault csr-subject-unchecked: CN and O are not compared. */
  skipSubject?: boolean;
}

/** Why a CSR must not be signed; empty when it may. */
export function csrProblems(csrPem: unknown, e: CsrExpectation): string[] {
  if (typeof csrPem !== 'string') return ['no CSR'];
  let csr;
  try {
    csr = parseCsr(csrPem);
  } catch (err) {
    return [`not a PEM PKCS#10 request: ${(err as Error).message}`];
  }
  const out: string[] = [];
  if (!csr.signatureValid) out.push('the self-signature does not verify (no proof of possession of the key)');
  if (csr.publicKey.type === 'rsa' && (csr.publicKey.bits ?? 0) < 2048) out.push(`RSA key of ${csr.publicKey.bits} bits (at least 2048)`);
  else if (csr.publicKey.type === 'ec' && (csr.publicKey.bits ?? 0) < 224) out.push(`EC key of ${csr.publicKey.bits} bits (at least 224)`);
  else if (csr.publicKey.type !== 'rsa' && csr.publicKey.type !== 'ec') out.push(`key type ${csr.publicKey.type} (RSA or EC expected)`);
  if (!e.skipSubject) {
    if (csr.subject.CN !== e.serial) out.push(`CN ${JSON.stringify(csr.subject.CN ?? null)} is not the station's serial number`);
    if (csr.subject.O !== e.organization) out.push(`O ${JSON.stringify(csr.subject.O ?? null)} is not the CSO's organisation`);
  }
  return out;
}

/** The PKI artifact a CA certificate type of InstallCertificate / DeleteCertificate stands for. */
export const ROOT_ARTIFACTS: Record<string, string> = {
  CSMSRootCertificate: 'csms-root',
  ManufacturerRootCertificate: 'manufacturer-root',
  V2GRootCertificate: 'v2g-root',
  MORootCertificate: 'mo-root',
};

/** The 2.0.1 GetCertificateIdUseEnumType values. */
export const CERTIFICATE_USES = [
  'V2GRootCertificate',
  'MORootCertificate',
  'CSMSRootCertificate',
  'V2GCertificateChain',
  'ManufacturerRootCertificate',
];
