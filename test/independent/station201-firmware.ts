/**
 * Secure firmware update (L01) of the independent 2.0.1 station (station201.ts), written apart
 * from our reference station's: it takes firmware only from a running harness firmware server
 * (every other location is Rejected before anything happens), checks the signing certificate
 * against the manufacturer root of the run's PKI with node's X509Certificate, fetches the image
 * with fetch(), verifies the signature, and always reboots to install (Installed and FirmwareUpdated
 * follow the new boot; an empty image ends InstallationFailed there). A new request while one runs is Rejected (the judge cannot cancel).
 */
import { constants, verify, X509Certificate } from 'node:crypto';
import { isHarnessFirmwareLocation } from '../../src/transport/firmware-server.js';
import { now, sleep, type Payload } from './common.js';

type On = (action: string, fn: (params: Payload) => unknown) => void;
type Call = (action: string, payload: Payload) => Promise<Payload | undefined>;

export interface FirmwareHost {
  on: On;
  call: Call;
  /** The manufacturer roots the judge trusts. */
  roots: () => string[];
  /** Power-cycles with this boot reason; resolves once the new connection is dialled. */
  reboot: (reason: string) => Promise<void>;
  accepted: () => boolean;
  /** Whether a transaction runs: the judge installs only when none does (L01.FR.06). */
  charging: () => boolean;
}

function trusted(pem: string, roots: string[]): boolean {
  try {
    const cert = new X509Certificate(pem);
    const t = Date.now();
    if (Date.parse(cert.validFrom) > t || Date.parse(cert.validTo) < t) return false;
    return roots.some((r) => {
      const root = new X509Certificate(r);
      return cert.checkIssued(root) && cert.verify(root.publicKey);
    });
  } catch {
    return false;
  }
}

function signed(image: Buffer, signature: string, pem: string): boolean {
  try {
    const key = new X509Certificate(pem).publicKey;
    const sig = Buffer.from(signature, 'base64');
    if (key.asymmetricKeyType !== 'rsa') return verify('sha256', image, key, sig);
    return [constants.RSA_PKCS1_PSS_PADDING, constants.RSA_PKCS1_PADDING].some((padding) => verify('sha256', image, { key, padding }, sig));
  } catch {
    return false;
  }
}

export function firmwareHandlers201(h: FirmwareHost): void {
  let busy = false;
  h.on('UpdateFirmware', (p) => {
    const fw = p.firmware as Payload;
    if (!isHarnessFirmwareLocation(String(fw.location))) return { status: 'Rejected' };
    if (fw.signature === undefined || fw.signingCertificate === undefined) return { status: 'Rejected' };
    if (fw.signingCertificate !== undefined && !trusted(String(fw.signingCertificate), h.roots())) {
      void h.call('SecurityEventNotification', { type: 'InvalidFirmwareSigningCertificate', timestamp: now() });
      return { status: 'InvalidCertificate' };
    }
    if (busy) return { status: 'Rejected' };
    busy = true;
    setTimeout(() => void update(h, Number(p.requestId), fw).finally(() => (busy = false)), 10);
    return { status: 'Accepted' };
  });
}

async function update(h: FirmwareHost, requestId: number, fw: Payload): Promise<void> {
  const status = (s: string) => h.call('FirmwareStatusNotification', { status: s, requestId });
  const wait = (iso: unknown) => Math.max(0, Date.parse(String(iso ?? '')) - Date.now()) || 0;
  if (wait(fw.retrieveDateTime) > 0) {
    await status('DownloadScheduled');
    await sleep(wait(fw.retrieveDateTime));
  }
  await status('Downloading');
  const image = await fetch(String(fw.location)).then(
    async (r) => (r.ok ? Buffer.from(await r.arrayBuffer()) : undefined),
    () => undefined,
  );
  if (!image) return void (await status('DownloadFailed'));
  await status('Downloaded');
  if (fw.signature !== undefined) {
    if (!signed(image, String(fw.signature), String(fw.signingCertificate ?? ''))) {
      await h.call('SecurityEventNotification', { type: 'InvalidFirmwareSignature', timestamp: now() });
      return void (await status('InvalidSignature'));
    }
    await status('SignatureVerified');
  }
  if (wait(fw.installDateTime) > 0) {
    await status('InstallScheduled');
    await sleep(wait(fw.installDateTime));
  }
  while (h.charging()) await sleep(100);
  await status('InstallRebooting');
  await h.reboot('FirmwareUpdate');
  for (let i = 0; i < 200 && !h.accepted(); i++) await sleep(50);
  await status('Installing');
  // An empty file is no firmware: the install itself fails, after the reboot.
  if (image.length === 0) return void (await status('InstallationFailed'));
  await status('Installed');
  await h.call('SecurityEventNotification', { type: 'FirmwareUpdated', timestamp: now() });
}
