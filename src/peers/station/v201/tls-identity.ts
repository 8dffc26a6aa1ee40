/**
 * The 2.0.1 reference station's own TLS identity and its checks (use cases A00, A02, A05): which
 * security event a failed TLS dial is, and whether a certificate chain the CSMS sent with
 * CertificateSigned may replace the station certificate. No private key ever leaves this module
 * other than into the station's own TLS dial.
 */
import { createPublicKey, X509Certificate } from 'node:crypto';
import { inspectCertificate, verifyChain } from '../../../pki/inspect.js';
import { splitPemChain } from '../../../pki/test-pki.js';

export type TlsFailureEvent = 'InvalidCsmsCertificate' | 'InvalidTLSVersion' | 'InvalidTLSCipherSuite';

/** The security event a failed TLS dial stands for (undefined: not a TLS security failure). */
export function classifyTlsFailure(err: unknown): TlsFailureEvent | undefined {
  const e = err as { code?: string; message?: string };
  const text = `${e?.code ?? ''} ${e?.message ?? ''}`;
  if (/protocol[ _]version|unsupported[ _]protocol|wrong[ _]version|version[ _]too[ _]low|no[ _]protocols[ _]available/i.test(text))
    return 'InvalidTLSVersion';
  if (/handshake[ _]failure|no[ _]shared[ _]cipher|no[ _]ciphers|insufficient[ _]security/i.test(text)) return 'InvalidTLSCipherSuite';
  if (/CERT|ALTNAME|SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY|certificate|Hostname\/IP does not match/i.test(text))
    return 'InvalidCsmsCertificate';
  return undefined;
}

/** A station certificate and its key (PEM; the chain is leaf first, then the station CA). */
export interface ClientIdentity {
  cert: string;
  key: string;
}

/** A key pair made for a CSR, waiting for its CertificateSigned. */
export interface PendingKey {
  privateKeyPem: string;
  publicKeyDer: Buffer;
}

export function publicKeyDerOf(privateOrPublicPem: string): Buffer {
  return createPublicKey(privateOrPublicPem).export({ type: 'spki', format: 'der' }) as Buffer;
}

/** Whether the identity's leaf is currently within its validity period. */
export function identityValid(id: ClientIdentity | undefined, now: Date): boolean {
  if (!id) return false;
  try {
    const x = new X509Certificate(splitPemChain(id.cert)[0] ?? '');
    return now >= new Date(x.validFrom) && now <= new Date(x.validTo);
  } catch {
    return false;
  }
}

export interface SignedChainCheck {
  now: Date;
  serialNumber: string;
  trustedRoots: string[];
  pending: PendingKey[];
  /** Faults: skip one check each. */
  skipChain?: boolean;
  skipNotBefore?: boolean;
  skipKey?: boolean;
}

/**
 * Checks a CertificateSigned chain (A02.FR.06/07 with the errata): readable, within validity
 * (not yet valid is rejected), chains to a trusted root through the certificates sent, CN = the
 * station serial number, and the public key is one the station made a CSR for. Returns the
 * problem, or the pending key the certificate belongs to.
 */
export function checkSignedChain(chainPem: string, c: SignedChainCheck): { ok: false; problem: string } | { ok: true; key: PendingKey } {
  const pems = splitPemChain(chainPem);
  if (!pems.length) return { ok: false, problem: 'no PEM certificate in the chain' };
  let info: ReturnType<typeof inspectCertificate>;
  try {
    info = inspectCertificate(pems[0]!);
  } catch (err) {
    return { ok: false, problem: `unreadable certificate: ${(err as Error).message}` };
  }
  if (c.now > info.notAfter) return { ok: false, problem: `the certificate expired at ${info.notAfter.toISOString()}` };
  if (c.now < info.notBefore && !c.skipNotBefore)
    return { ok: false, problem: `the certificate is not valid before ${info.notBefore.toISOString()}` };
  if (!c.skipChain) {
    // Intermediates come from the chain sent; trust anchors only from the station's own store.
    const intermediates = pems.slice(1).filter((p) => {
      try {
        return !inspectCertificate(p).selfSigned;
      } catch {
        return false;
      }
    });
    const at = c.now < info.notBefore ? new Date(info.notBefore.getTime() + 1000) : c.now;
    const chain = verifyChain(pems[0]!, [...intermediates, ...c.trustedRoots], at);
    if (!chain.valid) return { ok: false, problem: `the chain does not verify: ${chain.reason}` };
  }
  const cn = info.subject.CN;
  if (cn !== c.serialNumber)
    return { ok: false, problem: `CN ${JSON.stringify(cn)} is not the serial number ${JSON.stringify(c.serialNumber)}` };
  const leafKey = publicKeyDerOf(new X509Certificate(pems[0]!).publicKey.export({ type: 'spki', format: 'pem' }) as string);
  const key = c.pending.find((k) => k.publicKeyDer.equals(leafKey));
  if (key) return { ok: true, key };
  if (c.skipKey && c.pending.length) return { ok: true, key: c.pending[c.pending.length - 1]! };
  return { ok: false, problem: 'the public key is not the key of a certificate signing request of this station' };
}
