/**
 * Security pieces of the 1.6 reference charge point ("Improved security for OCPP 1.6-J"
 * whitepaper, Ed. 3): its certificate store (M03-M05), the checks it applies to a certificate
 * the central system signed for it (A02), to a firmware signing certificate and signature (L01),
 * the TLS options it dials with (profiles 2/3) and the security log (A04). Acts from its own
 * state and the configured faults only; loopback is the only place it fetches or uploads files.
 */
import { createHash, createPublicKey, constants, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { inspectCertificate, verifyChain } from '../../../pki/inspect.js';
import { certificateHashData, sameHashData, splitPemChain, type CertificateHashData, type HashAlgorithm, type TestPki } from '../../../pki/test-pki.js';
import { OCPP_CIPHERS } from '../../../transport/tls.js';
import { isLoopbackHost } from '../../../transport/loopback.js';

export type CertUse16 = 'CentralSystemRootCertificate' | 'ManufacturerRootCertificate';

export interface StoredCertificate16 {
  use: CertUse16;
  pem: string;
}

/** A TLS client certificate: chain (leaf first, then intermediates) and its key. Holds a private key. */
export interface ClientCredential {
  chainPem: string;
  keyPem: string;
}

export interface SecurityEvent16 {
  type: string;
  timestamp: string;
  techInfo?: string;
}

/** Events this charge point pushes with SecurityEventNotification; every event goes to the security log. */
export const PUSHED_EVENTS_16 = new Set([
  // Critical per the whitepaper.
  'FirmwareUpdated',
  'SettingSystemTime',
  'StartupOfTheDevice',
  'ResetOrReboot',
  'SecurityLogWasCleared',
  'MemoryExhaustion',
  'TamperDetectionActivated',
  // Certificate and firmware integrity problems the central system must learn about (TC_077, TC_078, TC_081).
  'InvalidCentralSystemCertificate',
  'InvalidChargePointCertificate',
  'InvalidFirmwareSignature',
  'InvalidFirmwareSigningCertificate',
  'InvalidTLSVersion',
  'InvalidTLSCipherSuite',
]);

const within = (x: X509Certificate, now: Date) => now >= new Date(x.validFrom) && now <= new Date(x.validTo);

/** The charge point's CA certificate store (InstallCertificate, GetInstalledCertificateIds, DeleteCertificate). */
export class CertStore16 {
  readonly certs: StoredCertificate16[] = [];

  constructor(
    private readonly faults: ReadonlySet<string>,
    pki: TestPki | undefined,
    private readonly maxEntries: () => number,
  ) {
    // Factory state: the CSO's root and the manufacturer's root.
    if (pki) {
      this.certs.push({ use: 'CentralSystemRootCertificate', pem: pki.csmsRoot });
      this.certs.push({ use: 'ManufacturerRootCertificate', pem: pki.artifact('manufacturer-root').certPem });
    }
  }

  roots(use: CertUse16): string[] {
    return this.certs.filter((c) => c.use === use).map((c) => c.pem);
  }

  /** Why a certificate may not be installed, or undefined. */
  problem(pem: string, now: Date): string | undefined {
    let x: X509Certificate;
    try {
      x = new X509Certificate(pem);
    } catch {
      return 'not a PEM X.509 certificate';
    }
    if (!within(x, now) && !this.faults.has('installs-expired-root')) return `outside its validity period (${x.validFrom} to ${x.validTo})`;
    if (!x.ca) return 'not a CA certificate';
    if (x.subject === x.issuer && !x.verify(x.publicKey)) return 'self-signature does not verify';
    return undefined;
  }

  install(use: CertUse16, pem: string, now: Date): { status: 'Accepted' | 'Rejected' | 'Failed'; reason?: string } {
    const problem = this.problem(pem, now);
    if (problem) return { status: 'Rejected', reason: problem };
    const x = new X509Certificate(pem);
    if (this.certs.some((c) => c.use === use && new X509Certificate(c.pem).fingerprint256 === x.fingerprint256)) return { status: 'Accepted' };
    if (this.certs.length >= this.maxEntries()) return { status: 'Rejected', reason: 'certificate store full' };
    if (use === 'ManufacturerRootCertificate' && this.faults.has('install-manufacturer-root-not-stored')) return { status: 'Accepted' };
    this.certs.push({ use, pem });
    return { status: 'Accepted' };
  }

  /** RFC 6960 hash data of a stored root (its own issuer). */
  hashData(c: StoredCertificate16, alg: HashAlgorithm = 'SHA256'): CertificateHashData {
    const hd = certificateHashData(c.pem, c.pem, alg);
    if (this.faults.has('cert-hash-over-whole-spki')) {
      // The classic mistake: hashing the whole SubjectPublicKeyInfo instead of the key's BIT STRING.
      const spki = new X509Certificate(c.pem).publicKey.export({ type: 'spki', format: 'der' });
      hd.issuerKeyHash = createHash(alg.toLowerCase()).update(spki).digest('hex');
    }
    return hd;
  }

  ids(use: CertUse16): CertificateHashData[] {
    return this.certs.filter((c) => c.use === use).map((c) => this.hashData(c));
  }

  delete(hd: CertificateHashData): 'Accepted' | 'Failed' | 'NotFound' {
    const i = this.certs.findIndex((c) => sameHashData(this.hashData(c, hd.hashAlgorithm), hd));
    if (i < 0) return 'NotFound';
    const c = this.certs[i]!;
    // The last CentralSystemRootCertificate is what the connection relies on (M04.FR.06).
    if (c.use === 'CentralSystemRootCertificate' && this.roots('CentralSystemRootCertificate').length === 1) return 'Failed';
    if (this.faults.has('delete-certificate-not-removed')) return 'Accepted';
    this.certs.splice(i, 1);
    return 'Accepted';
  }
}

/** Whether two public keys (PEM, any form X509/SPKI/private) are the same key. */
function sameKey(a: string, b: string): boolean {
  try {
    const ka = createPublicKey(a).export({ type: 'spki', format: 'der' });
    const kb = createPublicKey(b).export({ type: 'spki', format: 'der' });
    return ka.equals(kb);
  } catch {
    return false;
  }
}

/**
 * A02.FR.06: checks a CertificateSigned chain before it is used: the leaf chains to a trusted
 * CentralSystemRootCertificate (through the intermediates sent along), is within its validity,
 * is not a CA, names this charge point (CN = serial number) and carries the key of the CSR.
 */
export function certificateSignedProblem(chainText: string, o: { roots: string[]; keyPem: string; serial: string; now: Date; maxChainSize: number }): string | undefined {
  if (chainText.length > o.maxChainSize) return `chain of ${chainText.length} characters exceeds CertificateSignedMaxChainSize ${o.maxChainSize}`;
  const chain = splitPemChain(chainText);
  if (!chain.length) return 'no PEM certificate in certificateChain';
  const [leaf, ...rest] = chain as [string, ...string[]];
  let intermediates: string[];
  try {
    // A self-signed certificate sent along is never a trust anchor: only installed roots are.
    intermediates = rest.filter((pem) => {
      const x = new X509Certificate(pem);
      return !(x.subject === x.issuer && x.verify(x.publicKey));
    });
  } catch {
    return 'unreadable certificate in the chain';
  }
  const path = verifyChain(leaf, [...intermediates, ...o.roots], o.now);
  if (!path.valid) return `chain does not verify: ${path.reason}`;
  let info;
  try {
    info = inspectCertificate(leaf);
  } catch (e) {
    return `unreadable leaf: ${(e as Error).message}`;
  }
  if (info.isCA) return 'the leaf is a CA certificate';
  if (info.subject.CN !== o.serial) return `CN ${JSON.stringify(info.subject.CN ?? null)} is not the serial number ${JSON.stringify(o.serial)}`;
  if (!sameKey(leaf, o.keyPem)) return 'the certificate does not carry the key of the CSR';
  return undefined;
}

/** Verifies a firmware signing certificate against the installed manufacturer roots (L01.FR.23). */
export function signingCertificateProblem(pem: string, roots: string[], now: Date): string | undefined {
  if (!roots.length) return 'no ManufacturerRootCertificate installed';
  const chain = splitPemChain(pem);
  if (!chain.length) return 'no PEM certificate';
  const r = verifyChain(chain[0]!, [...chain.slice(1), ...roots], now);
  return r.valid ? undefined : r.reason;
}

/** Verifies a Base64 signature over the whole firmware image with the signing certificate's key (SHA-256). */
export function firmwareSignatureValid(image: Buffer, signatureB64: string, certPem: string): boolean {
  let key;
  try {
    key = new X509Certificate(splitPemChain(certPem)[0] ?? certPem).publicKey;
  } catch {
    return false;
  }
  const sig = Buffer.from(signatureB64, 'base64');
  if (!sig.length) return false;
  try {
    if (key.asymmetricKeyType === 'rsa') {
      return (
        cryptoVerify('sha256', image, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, sig) ||
        cryptoVerify('sha256', image, { key, padding: constants.RSA_PKCS1_PADDING }, sig)
      );
    }
    return cryptoVerify('sha256', image, key, sig);
  } catch {
    return false;
  }
}

/** TLS options of the charge point's dial (profile 2/3): installed roots only, TLS 1.2+, OCPP suites. */
export function dialTlsOptions(target: string, o: { roots: string[]; client?: ClientCredential; faults: ReadonlySet<string> }): ConnectionOptions {
  let host = '';
  try {
    host = new URL(target).hostname.replace(/^\[|\]$/g, '');
  } catch {
    /* the dial reports a bad URL */
  }
  const legacy = o.faults.has('tls-offers-legacy-versions');
  return {
    ca: o.roots,
    minVersion: legacy ? 'TLSv1' : 'TLSv1.2',
    ciphers: legacy ? `${OCPP_CIPHERS}:AES128-SHA:@SECLEVEL=0` : OCPP_CIPHERS,
    rejectUnauthorized: !o.faults.has('accepts-invalid-csms-cert'),
    ...(host && net.isIP(host) === 0 ? { servername: host } : {}),
    ...(o.client && !o.faults.has('no-client-certificate') ? { cert: o.client.chainPem, key: o.client.keyPem } : {}),
  };
}

/** The security event a failed TLS dial stands for, if it is a certificate or TLS parameter problem. */
export function tlsFailureEvent(err: Error & { code?: string }): string | undefined {
  const text = `${err.code ?? ''} ${err.message}`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|KEY_TOO_SMALL|INVALID_CA|CA_MD_TOO_WEAK|hostname\/IP does not match/i.test(text)) return 'InvalidCentralSystemCertificate';
  if (/protocol version|unsupported protocol|no protocols available|wrong version number|TLSV1_ALERT_PROTOCOL_VERSION/i.test(text)) return 'InvalidTLSVersion';
  if (/no shared cipher|no ciphers available|handshake failure|NO_SHARED_CIPHER/i.test(text)) return 'InvalidTLSCipherSuite';
  return undefined;
}


/** GETs a loopback http(s) URL (at most 4 MiB); undefined when it is not one or the fetch fails. */
export function fetchLoopback(location: string, timeoutMs: number): Promise<Buffer | undefined> {
  let u: URL;
  try {
    u = new URL(location);
  } catch {
    return Promise.resolve(undefined);
  }
  if (u.protocol !== 'http:' || !isLoopbackHost(u.hostname)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const req = http.get({ host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 80), path: `${u.pathname}${u.search}`, timeout: timeoutMs }, (res) => {
      if ((res.statusCode ?? 500) >= 300) {
        res.resume();
        return resolve(undefined);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (d: Buffer) => {
        size += d.length;
        if (size > 4 * 1024 * 1024) req.destroy(new Error('too large'));
        else chunks.push(d);
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', () => resolve(undefined));
  });
}


/** The security log as text, one event a line, oldest first, within the optional time window. */
export function formatSecurityLog16(events: readonly SecurityEvent16[], oldest?: string, latest?: string): string {
  const from = oldest ? Date.parse(oldest) : -Infinity;
  const to = latest ? Date.parse(latest) : Infinity;
  return events
    .filter((e) => {
      const t = Date.parse(e.timestamp);
      return !(t < from) && !(t > to);
    })
    .map((e) => `${e.timestamp} ${e.type}${e.techInfo ? ` ${e.techInfo}` : ''}\n`)
    .join('');
}
