import type { Payload } from '../../../rpc.js';
import { fetchLoopback, firmwareSignatureValid, signingCertificateProblem } from '../../v16/blocks/firmware.js';
import type { StationState } from '../state.js';
import { securityEvent } from './security.js';

/**
 * Block L (secure firmware update, L01) of the 2.0.1 reference station, for a location the
 * station accepted (blocks/firmware.ts refuses hostile ones first): the signing certificate is
 * checked against the manufacturer roots before the update is accepted (InvalidCertificate and the
 * InvalidFirmwareSigningCertificate event otherwise), the download waits for retrieveDateTime
 * (DownloadScheduled), the image is fetched (only the harness firmware server is reachable; any
 * other location ends in DownloadFailed after the retries), its signature verified (InvalidSignature
 * and InvalidFirmwareSignature otherwise), the install waits for installDateTime (InstallScheduled),
 * an empty image fails its install verification (InstallVerificationFailed), and the station
 * reboots to install: InstallRebooting, a boot with reason FirmwareUpdate, then
 * Installed and the FirmwareUpdated security event. Every status carries the request's requestId.
 */

interface FirmwareRequest {
  location: string;
  retrieveDateTime: string;
  installDateTime?: string;
  signingCertificate?: string;
  signature?: string;
}

/** The update in progress per station (only this block reads it); `canceled` stops it at its next step. */
interface Update {
  requestId: number;
  canceled: boolean;
  /** Past the point of no return (installing): it cannot be canceled any more. */
  committed: boolean;
}
const ongoing = new WeakMap<StationState, Update>();

/** The longest the station waits for a scheduled time (a case never schedules further ahead). */
const MAX_WAIT_MS = 10 * 60_000;

export function startFirmwareUpdate(st: StationState, p: Payload): Payload {
  const requestId = p.requestId as number;
  const fw = p.firmware as FirmwareRequest;
  // Only signed firmware is installed: a request without certificate and signature is refused (TC_L_18).
  if ((fw.signingCertificate === undefined || fw.signature === undefined) && !st.faults.has('fw-unsigned-accepted'))
    return { status: 'Rejected', statusInfo: { reasonCode: 'MissingSignature' } };
  if (fw.signingCertificate !== undefined && !st.faults.has('fw-signing-cert-not-checked')) {
    const roots = st.store.entries.filter((c) => c.use === 'ManufacturerRootCertificate').map((c) => c.pem);
    const problem = signingCertificateProblem(fw.signingCertificate, roots, new Date(st.o.clock.now()));
    if (problem) {
      // Not a critical event, but one the CSMS must be told about (L01.FR.02).
      securityEvent(st, 'InvalidFirmwareSigningCertificate', problem.slice(0, 255), true);
      return { status: 'InvalidCertificate' };
    }
  }
  // A new request cancels the update in progress, unless it is already installing (L01.FR.24/27).
  const previous = ongoing.get(st);
  if (previous?.committed) return { status: 'Rejected', statusInfo: { reasonCode: 'UpdateInProgress' } };
  if (previous && !st.faults.has('fw-cancel-keeps-old-update')) previous.canceled = true;
  const update: Update = { requestId, canceled: false, committed: false };
  ongoing.set(st, update);
  const retries = Math.min(Math.max(0, Number(p.retries ?? 0)), 5);
  const retryMs = Math.min(Math.max(0, Number(p.retryInterval ?? 0)), 60) * 1000;
  st.later(
    0,
    () =>
      void run(st, update, fw, retries, retryMs).finally(() => {
        if (ongoing.get(st) === update) ongoing.delete(st);
      }),
  );
  return { status: previous ? 'AcceptedCanceled' : 'Accepted' };
}

function sleep(st: StationState, ms: number): Promise<void> {
  return new Promise((resolve) => st.later(Math.min(Math.max(0, ms), MAX_WAIT_MS), resolve));
}

/** Milliseconds until an ISO time (0 when absent, past or unreadable). */
function until(st: StationState, iso: string | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? Math.max(0, t - st.o.clock.now()) : 0;
}

async function run(st: StationState, update: Update, fw: FirmwareRequest, retries: number, retryMs: number): Promise<void> {
  const { requestId } = update;
  // A canceled update reports nothing more (checked before every status).
  const report = async (status: string) => {
    if (update.canceled) throw new Canceled();
    await st.send('FirmwareStatusNotification', { status, requestId });
  };
  try {
    await steps(st, update, fw, retries, retryMs, report);
  } catch (err) {
    if (!(err instanceof Canceled)) throw err;
  }
}

class Canceled extends Error {}

async function steps(
  st: StationState,
  update: Update,
  fw: FirmwareRequest,
  retries: number,
  retryMs: number,
  report: (status: string) => Promise<void>,
): Promise<void> {
  const retrieveIn = st.faults.has('fw-retrieve-schedule-ignored') ? 0 : until(st, fw.retrieveDateTime);
  if (retrieveIn > 0) {
    await report('DownloadScheduled');
    await sleep(st, retrieveIn);
  }
  await report('Downloading');
  let image: Buffer | undefined;
  for (let attempt = 0; attempt <= retries && !image; attempt++) {
    if (attempt > 0) await sleep(st, retryMs);
    image = await fetchLoopback(fw.location, st.o.config.timeouts.messageMs);
  }
  if (!image) {
    if (!st.faults.has('fw-download-failure-silent')) await report('DownloadFailed');
    return;
  }
  await report('Downloaded');
  if (fw.signature !== undefined && fw.signingCertificate !== undefined) {
    if (!st.faults.has('fw-signature-not-verified') && !firmwareSignatureValid(image, fw.signature, fw.signingCertificate)) {
      securityEvent(st, 'InvalidFirmwareSignature', `the signature over ${image.length} bytes does not verify`, true);
      await report('InvalidSignature');
      return;
    }
    await report('SignatureVerified');
  }
  const installIn = st.faults.has('fw-install-schedule-ignored') ? 0 : until(st, fw.installDateTime);
  if (installIn > 0) {
    await report('InstallScheduled');
    await sleep(st, installIn);
  }
  // The station cannot charge while installing: it waits for the running transaction to end (L01.FR.06).
  while (st.tx && !st.faults.has('fw-installs-during-transaction')) await sleep(st, 50);
  await report('Installing');
  update.committed = true;
  // An empty image is no firmware for this station: its verification before the install fails.
  if (image.length === 0 && !st.faults.has('fw-broken-image-installed')) {
    await report('InstallVerificationFailed');
    return;
  }
  await report('InstallRebooting');
  st.reboot('FirmwareUpdate');
  // Installed once the station is registered again after the install reboot.
  for (let waited = 0; !st.registered; waited += 50) {
    if (waited > MAX_WAIT_MS) return;
    await sleep(st, 50);
  }
  await report('Installed');
  if (!st.faults.has('fw-no-firmware-updated-event')) securityEvent(st, 'FirmwareUpdated', `image of ${image.length} bytes installed`);
}
