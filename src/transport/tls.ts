import { existsSync, readFileSync } from 'node:fs';
import type https from 'node:https';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import type { ConnectionOptions, PeerCertificate, TLSSocket } from 'node:tls';
import { DEFAULT_ORGANIZATION, UsageError } from '../core/config.js';
import { initPki, PKI_MANIFEST, type PkiManifest } from '../pki/pki.js';
import { derToPem } from '../pki/der.js';
import { makeTempDir } from './temp-dirs.js';

/** The TLS 1.2 cipher suites OCPP allows (A00.FR.318/319), in OpenSSL names. */
export const OCPP_TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
];
/** TLS 1.3 suites (allowed on top of the 1.2 ones). */
export const TLS13_SUITES = ['TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256'];
export const OCPP_CIPHERS = [...TLS13_SUITES, ...OCPP_TLS12_CIPHERS].join(':');

/**
 * TLS material for security profiles 2 and 3, read from a PKI made by `ocpp-harness certs init`.
 * Holds private keys: never log or report this object.
 */
export interface TlsMaterial {
  profile: 2 | 3;
  certsDir: string;
  /** CSMS root (what a station trusts). */
  csmsRoot: string;
  /** Station CA (with the CSMS root: what a CSMS trusts for client certificates). */
  stationCa: string;
  /** CSMS server certificates, RSA and ECDSA (one chain per key). */
  serverCerts: string[];
  serverKeys: string[];
  /** Station certificate chain (leaf + station CA) and key, for profile 3. */
  stationCert: string;
  stationKey: string;
}

function readArtifact(dir: string, manifest: PkiManifest, name: string, what: 'cert' | 'key'): string {
  const a = manifest.artifacts.find((x) => x.name === name);
  if (!a)
    throw new UsageError(
      `security.certsDir: ${join(dir, PKI_MANIFEST)} has no "${name}" artifact; recreate the PKI with \`ocpp-harness certs init --out ${dir} --force\``,
    );
  const path = join(dir, what === 'cert' ? a.cert : a.key);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `security.certsDir: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); recreate the PKI with \`ocpp-harness certs init --out ${dir} --force\``,
    );
  }
}

/** Loads the TLS material of a PKI directory; UsageError naming security.certsDir and the fix. */
export function loadTlsMaterial(certsDir: string, profile: 2 | 3): TlsMaterial {
  const dir = resolve(certsDir);
  const manifestPath = join(dir, PKI_MANIFEST);
  if (!existsSync(manifestPath)) {
    throw new UsageError(
      `security.certsDir: ${manifestPath} not found (security profile ${profile} needs a test PKI); run \`ocpp-harness certs init --out ${certsDir}\` or point --certs / security.certsDir at a PKI directory`,
    );
  }
  let manifest: PkiManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PkiManifest;
  } catch (err) {
    throw new UsageError(
      `security.certsDir: ${manifestPath} is not valid JSON (${(err as Error).message}); recreate it with \`ocpp-harness certs init --out ${certsDir} --force\``,
    );
  }
  const stationCa = readArtifact(dir, manifest, 'station-ca', 'cert');
  return {
    profile,
    certsDir: dir,
    csmsRoot: readArtifact(dir, manifest, 'csms-root', 'cert'),
    stationCa,
    serverCerts: [readArtifact(dir, manifest, 'csms-server-rsa', 'cert'), readArtifact(dir, manifest, 'csms-server-ecdsa', 'cert')],
    serverKeys: [readArtifact(dir, manifest, 'csms-server-rsa', 'key'), readArtifact(dir, manifest, 'csms-server-ecdsa', 'key')],
    stationCert: readArtifact(dir, manifest, 'station', 'cert') + stationCa,
    stationKey: readArtifact(dir, manifest, 'station', 'key'),
  };
}

/** Options for a CSMS-side TLS listener: RSA and ECDSA certificates, TLS 1.2+ with the OCPP suites. */
export function serverTlsOptions(m: TlsMaterial): https.ServerOptions {
  return {
    key: m.serverKeys,
    cert: m.serverCerts,
    minVersion: 'TLSv1.2',
    ciphers: OCPP_CIPHERS,
    honorCipherOrder: true,
    // Profile 3: ask for the station certificate; the listener decides (and records why) itself.
    ...(m.profile === 3 ? { requestCert: true, rejectUnauthorized: false, ca: [m.stationCa, m.csmsRoot] } : {}),
  };
}

/** Options for a station-side TLS dial to `target` (ca = CSMS root; client certificate for profile 3). */
export function clientTlsOptions(m: TlsMaterial, target: string): ConnectionOptions {
  let host = '';
  try {
    host = new URL(target).hostname.replace(/^\[|\]$/g, '');
  } catch {
    /* the dial reports a bad URL itself */
  }
  return {
    ca: m.csmsRoot,
    minVersion: 'TLSv1.2',
    ciphers: OCPP_CIPHERS,
    // SNI carries host names only; an IP target is checked against the certificate's IP SAN.
    ...(host && isIP(host) === 0 ? { servername: host } : {}),
    ...(m.profile === 3 ? { cert: m.stationCert, key: m.stationKey } : {}),
  };
}

/** ws:// becomes wss:// (profile 2/3); other URLs are returned unchanged. */
export function secureUrl(url: string): string {
  return url.replace(/^ws:\/\//i, 'wss://');
}

export interface ClientCertInfo {
  /** The certificate the station presented (PEM; public), for audits and hash data. */
  pem?: string;
  /** Its serial number (hex) and SHA-256 fingerprint: which certificate exactly (renewal cases). */
  serialNumber?: string;
  fingerprint256?: string;
  subjectCN?: string;
  subjectO?: string;
  issuer?: string;
  authorized: boolean;
  authorizationError?: string;
}

export interface TlsSessionInfo {
  protocol: string;
  cipher: string;
  clientCert?: ClientCertInfo;
}

function dnString(dn: PeerCertificate['subject'] | undefined): string | undefined {
  if (!dn) return undefined;
  const parts = Object.entries(dn).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`);
  return parts.length ? parts.join(', ') : undefined;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** What a CSMS-side TLS socket negotiated, and (when asked for) the client certificate. No secrets. */
export function describeServerSocket(socket: TLSSocket, clientCertRequested: boolean): TlsSessionInfo {
  const info: TlsSessionInfo = { protocol: socket.getProtocol() ?? 'unknown', cipher: socket.getCipher()?.standardName ?? 'unknown' };
  if (clientCertRequested) {
    const peer = socket.getPeerCertificate();
    const has = peer && Object.keys(peer).length > 0;
    info.clientCert = {
      ...(has && peer.raw ? { pem: derToPem(peer.raw, 'CERTIFICATE') } : {}),
      ...(has ? { serialNumber: peer.serialNumber, fingerprint256: peer.fingerprint256 } : {}),
      subjectCN: has ? first(peer.subject?.CN) : undefined,
      subjectO: has ? first(peer.subject?.O) : undefined,
      issuer: has ? dnString(peer.issuer) : undefined,
      authorized: socket.authorized === true,
      authorizationError: socket.authorized
        ? undefined
        : has
          ? String(socket.authorizationError ?? 'not verified')
          : 'no client certificate presented',
    };
  }
  return info;
}

export function tlsNote(t: TlsSessionInfo): string {
  const c = t.clientCert;
  const client = c
    ? `; client certificate ${c.subjectCN !== undefined ? `CN=${JSON.stringify(c.subjectCN)}${c.subjectO !== undefined ? ` O=${JSON.stringify(c.subjectO)}` : ''} issued by ${c.issuer ?? '?'}` : 'none'}: ${c.authorized ? 'verified' : `not verified (${c.authorizationError})`}`
    : '';
  return `TLS ${t.protocol} ${t.cipher}${client}`;
}

// Per process (not per run): making RSA keys takes a second, and every reference case needs them.
const referencePkis = new Map<string, Promise<string>>();

/**
 * A test PKI for reference runs, made once per process in a temporary directory (removed at
 * exit): server certificates for localhost/127.0.0.1, station certificate CN = stationSerial.
 */
export function referencePkiDir(stationSerial: string, org = DEFAULT_ORGANIZATION): Promise<string> {
  const key = `${stationSerial}\u0000${org}`;
  const made = referencePkis.get(key);
  if (made) return made;
  const making = (async () => {
    const root = makeTempDir('pki');
    const dir = join(root, 'pki');
    await initPki({ outDir: dir, stationSerial, org, csmsHost: 'localhost' });
    return dir;
  })();
  referencePkis.set(key, making);
  return making;
}
