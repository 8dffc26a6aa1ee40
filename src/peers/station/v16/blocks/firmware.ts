import { constants, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import http from 'node:http';
import { verifyChain } from '../../../../pki/inspect.js';
import { splitPemChain } from '../../../../pki/test-pki.js';
import { isLoopbackHost } from '../../../../transport/loopback.js';
import type { Payload } from '../../../rpc.js';
import { AFTER_REPLY_MS, type ChargePoint16 } from '../charge-point.js';
import { securityEvent } from './security-log.js';

/**
 * Signed firmware of the 1.6 reference charge point (whitepaper L01): the signing certificate is
 * checked against the manufacturer roots before SignedUpdateFirmware is accepted, the image is
 * fetched (loopback http only) and its signature verified before it is installed.
 */

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
    const req = http.get(
      { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 80), path: `${u.pathname}${u.search}`, timeout: timeoutMs },
      (res) => {
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
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', () => resolve(undefined));
  });
}

/** SignedUpdateFirmware (L01): signing certificate checked before accepting, signature after download. */
export function onSignedUpdateFirmware(cp: ChargePoint16, p: Payload): Payload {
  const requestId = p.requestId as number;
  const fw = p.firmware as { location: string; retrieveDateTime: string; signingCertificate: string; signature: string };
  const problem = signingCertificateProblem(
    fw.signingCertificate,
    cp.store.roots('ManufacturerRootCertificate'),
    new Date(cp.o.clock.now()),
  );
  if (problem) {
    securityEvent(cp, 'InvalidFirmwareSigningCertificate', problem);
    return { status: 'InvalidCertificate' };
  }
  const waitMs = Math.min(Math.max(0, Date.parse(fw.retrieveDateTime) - cp.o.clock.now()), 60_000);
  cp.later(Math.max(AFTER_REPLY_MS, Number.isFinite(waitMs) ? waitMs : 0), () => void installFirmware(cp, requestId, fw));
  return { status: 'Accepted' };
}

async function installFirmware(
  cp: ChargePoint16,
  requestId: number,
  fw: { location: string; signingCertificate: string; signature: string },
): Promise<void> {
  const report = async (status: string) => {
    cp.firmwareStatus = status;
    await cp.send('SignedFirmwareStatusNotification', {
      status,
      requestId: cp.faults.has('signed-firmware-wrong-request-id') ? requestId + 1 : requestId,
    });
  };
  await report('Downloading');
  const image = await fetchLoopback(fw.location, cp.o.config.timeouts.messageMs);
  if (!image) {
    await report('DownloadFailed');
    return;
  }
  await report('Downloaded');
  if (!cp.faults.has('firmware-signature-not-checked') && !firmwareSignatureValid(image, fw.signature, fw.signingCertificate)) {
    securityEvent(cp, 'InvalidFirmwareSignature', `signature over ${image.length} bytes does not verify`);
    await report('InvalidSignature');
    return;
  }
  await report('SignatureVerified');
  await report('Installing');
  await report('Installed');
  securityEvent(cp, 'FirmwareUpdated', `image of ${image.length} bytes installed`);
}
