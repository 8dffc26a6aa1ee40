import {
  constants,
  createPrivateKey,
  generateKeyPairSync,
  sign as cryptoSign,
  verify,
  X509Certificate,
  type KeyObject,
  type VerifyKeyObjectInput,
} from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { AnyCaseContext, Call16, Ctx16Cs } from './contexts.js';
import { CaseFailure } from '../core/verdict.js';
import { certParts, keyIdentifier, slice } from '../pki/der.js';
import { BACKDATE_MS, DAY_MS, issueCertificate, randomSerial } from '../pki/issue.js';

/**
 * Firmware: a signer under the test PKI's manufacturer root, a loopback server for an image, the
 * status notifications of one update, and (as a charge point) downloading an image and checking
 * its signature.
 */

/**
 * A firmware signer under the PKI's manufacturer root (the harness plays the manufacturer): a
 * code-signing certificate and a function that signs an image (RSA-PSS, SHA-256).
 */
export function firmwareSigner16(ctx: AnyCaseContext): { certificatePem: string; sign(image: Buffer): string } {
  const root = ctx.pki.artifact('manufacturer-root');
  const rootKey = createPrivateKey(root.keyPem);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rootCert = new X509Certificate(root.certPem);
  const rootParts = certParts(root.certPem);
  const now = Date.now();
  const certificatePem = issueCertificate({
    subject: { CN: 'ocpp-harness firmware signing', O: 'OCPP Harness Manufacturer' },
    publicKey,
    issuer: { name: slice(rootParts.der, rootParts.subject), privateKey: rootKey, keyId: keyIdentifier(rootCert.publicKey) },
    serial: randomSerial(),
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + 30 * DAY_MS),
    ca: false,
    keyUsage: ['digitalSignature'],
    extKeyUsage: ['codeSigning'],
    subjectKeyId: keyIdentifier(publicKey),
  });
  return {
    certificatePem,
    sign: (image) =>
      cryptoSign('sha256', image, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }).toString('base64'),
  };
}

/**
 * A loopback HTTP server that serves one file (a firmware image) for the length of a case, and
 * records who fetched it. Reachable only from the harness's own host.
 */
export async function serveFile16(
  ctx: AnyCaseContext,
  path: string,
  body: Buffer,
): Promise<{ url: string; fetches: () => number; stop: () => Promise<void> }> {
  let fetches = 0;
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === path) {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length, connection: 'close' });
      res.end(body);
    } else {
      res.writeHead(404, { connection: 'close' }).end();
    }
  });
  server.requestTimeout = 5000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.setTimeout(5000, () => s.destroy());
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}${path}`;
  ctx.note(`file server: serving ${body.length} bytes at ${url}`);
  return {
    url,
    fetches: () => fetches,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Final SignedFirmwareStatusNotification statuses of one update. */
export const FIRMWARE_FINAL_16 = ['Installed', 'InstallationFailed', 'InstallVerificationFailed', 'InvalidSignature', 'DownloadFailed'];

/**
 * Collects SignedFirmwareStatusNotifications until a final status (or `withinMs` passes);
 * answers a BootNotification in between (an install reboot). Returns them in arrival order.
 */
export async function firmwareStatuses16(
  ctx: Ctx16Cs,
  withinMs: number,
  requirement: string,
): Promise<{ status: string; requestId?: number }[]> {
  const out: { status: string; requestId?: number }[] = [];
  const deadline = ctx.clock.monotonic() + withinMs;
  let last: Call16<'SignedFirmwareStatusNotification'> | undefined;
  while (!out.some((s) => FIRMWARE_FINAL_16.includes(s.status))) {
    const left = Math.max(1, deadline - ctx.clock.monotonic());
    let next: Call16<'SignedFirmwareStatusNotification'>;
    try {
      next = await ctx.csms.expectCall('SignedFirmwareStatusNotification', { ...(last ? { after: last } : {}), within: left, requirement });
    } catch (err) {
      if (err instanceof CaseFailure) break;
      throw err;
    }
    last = next;
    out.push({ status: next.payload.status, ...(typeof next.payload.requestId === 'number' ? { requestId: next.payload.requestId } : {}) });
  }
  return out;
}

/** Fetches a file the central system points to (firmware), bounded in time and size; loopback or lab hosts only. */
export async function downloadFile(
  ctx: AnyCaseContext,
  url: string,
  within = ctx.config.timeouts.messageMs,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; error: string }> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, error: `not a URL: ${JSON.stringify(url)}` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return { ok: false, error: `the harness downloads over http(s) only, not ${u.protocol}` };
  const mod = u.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const tls = u.protocol === 'https:' ? ctx.station.tlsOptions({}) : {};
  ctx.note(`downloading ${u.origin}${u.pathname}`);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const req = mod.get(u, { ...tls, timeout: within }, (res) => {
      if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) {
        res.resume();
        return resolve({ ok: false, error: `HTTP ${res.statusCode}` });
      }
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 64 * 1024 * 1024) {
          req.destroy();
          resolve({ ok: false, error: 'larger than 64 MiB' });
        } else chunks.push(c);
      });
      res.on('end', () => resolve({ ok: true, bytes: Buffer.concat(chunks) }));
      res.on('error', (e) => resolve({ ok: false, error: e.message }));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve({ ok: false, error: `no complete answer within ${within} ms` });
    });
    req.on('error', (e) => resolve({ ok: false, error: e.message }));
  });
}

/**
 * Whether `signatureB64` is a SHA-256 signature over `data` by the key of `certPem`: ECDSA (DER or
 * raw r|s) for EC keys, RSA-PSS or PKCS#1 v1.5 for RSA keys.
 */
export function verifyFirmwareSignature(certPem: string, data: Buffer, signatureB64: string): boolean {
  const sig = Buffer.from(signatureB64, 'base64');
  let key: KeyObject;
  try {
    key = new X509Certificate(certPem).publicKey;
  } catch {
    return false;
  }
  const attempts: VerifyKeyObjectInput[] =
    key.asymmetricKeyType === 'ec'
      ? [
          { key, dsaEncoding: 'der' },
          { key, dsaEncoding: 'ieee-p1363' },
        ]
      : [
          { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
          { key, padding: constants.RSA_PKCS1_PADDING },
        ];
  return attempts.some((k) => {
    try {
      return verify('sha256', data, k, sig);
    } catch {
      return false;
    }
  });
}
