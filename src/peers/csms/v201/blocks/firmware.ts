import { createHash } from 'node:crypto';
import { issueFirmwareSigner, signFirmware, type FirmwareSigner } from '../../../../pki/firmware-signing.js';
import { RpcError, type Payload } from '../../../rpc.js';
import type { CsmsBlock, CsmsContext, StationState } from '../state.js';
import { defined, isResend, markedResend } from './payload.js';

/**
 * Firmware management (L). Firmware images live at https://firmware.ref-csms.invalid/ (a host
 * the CSMS never contacts), always https and never with credentials in the URL. The CSMS holds
 * the image's bytes: it signs them (UpdateFirmware, under the run's manufacturer root) and
 * digests them (PublishFirmware, MD5). It follows one update per station (the requestId the
 * station last accepted) and one publication per local controller.
 */

const FIRMWARE_HOST = 'firmware.ref-csms.invalid';
/** The firmware repository's download account (only firmware-url-embeds-credentials puts it in URLs). */
const FIRMWARE_REPO_USER = 'fwdownload';
const FIRMWARE_REPO_PASSWORD = 'Ref201-Fw-Repo-Secret';
const FIRMWARE_IMAGE = 'RefStation-1.0.1.bin';
/** The image the repository serves (the CSMS's copy: what it signs and digests). */
const IMAGE_BYTES = Buffer.from(`ocpp-harness reference station firmware ${FIRMWARE_IMAGE}\n`.repeat(64));

/** Failure statuses a faulty CSMS does not know (answered with a CALLERROR), per fault. */
const REFUSED_FIRMWARE_STATUS = {
  InvalidSignature: 'fw-invalid-signature-refused',
  DownloadFailed: 'fw-download-failed-refused',
  InstallVerificationFailed: 'fw-verification-failed-refused',
  InstallationFailed: 'fw-installation-failed-refused',
} as const;
const REFUSED_PUBLISH_STATUS = {
  InvalidChecksum: 'publish-invalid-checksum-refused',
  PublishFailed: 'publish-failed-refused',
  DownloadFailed: 'publish-download-failed-refused',
} as const;

interface FirmwareBook {
  signer?: FirmwareSigner;
  /** requestId of the update each station is running (the last one it accepted). */
  updates: WeakMap<StationState, number | undefined>;
  /** requestId of the publication each local controller is running; undefined once forgotten. */
  publications: WeakMap<StationState, number | undefined>;
}

const books = new WeakMap<CsmsContext, FirmwareBook>();

function book(ctx: CsmsContext): FirmwareBook {
  let b = books.get(ctx);
  if (!b) books.set(ctx, (b = { updates: new WeakMap(), publications: new WeakMap() }));
  return b;
}

/** Where stations download firmware from (https; user:password@ only under its fault). */
function firmwareLocation(ctx: CsmsContext): string {
  const account = ctx.faults.has('firmware-url-embeds-credentials') ? `${FIRMWARE_REPO_USER}:${FIRMWARE_REPO_PASSWORD}@` : '';
  return `https://${account}${FIRMWARE_HOST}/ocpp201/${FIRMWARE_IMAGE}`;
}

const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');

/** The image's MD5 (hex), as PublishFirmware and UnpublishFirmware name it. */
function imageChecksum(ctx: CsmsContext): string {
  return ctx.faults.has('publish-checksum-sha256') ? createHash('sha256').update(IMAGE_BYTES).digest('hex') : md5(IMAGE_BYTES);
}

const dateOr = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const intOr = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

function updateFirmware(ctx: CsmsContext, p: Payload): Payload | string {
  const pki = ctx.o.pki;
  if (!pki) return 'the reference CSMS has no PKI to sign firmware with';
  const b = book(ctx);
  b.signer ??= issueFirmwareSigner(pki, ctx.o.clock.now());
  const now = ctx.now();
  const firmware = defined({
    location: firmwareLocation(ctx),
    retrieveDateTime: ctx.faults.has('fw-retrieve-date-now') ? now : dateOr(p.retrieveDateTime, now),
    installDateTime: ctx.faults.has('fw-install-date-dropped')
      ? undefined
      : typeof p.installDateTime === 'string'
        ? p.installDateTime
        : undefined,
    signingCertificate: ctx.faults.has('fw-signing-cert-omitted') ? undefined : b.signer.certificatePem,
    signature: signFirmware(b.signer, IMAGE_BYTES),
  });
  return defined({ requestId: ++ctx.counters.fileRequestIds, firmware, retries: intOr(p.retries), retryInterval: intOr(p.retryInterval) });
}

export const firmware: CsmsBlock = {
  inbound: {
    FirmwareStatusNotification: (ctx, p, { station }) => {
      const status = String(p.status);
      const fault = REFUSED_FIRMWARE_STATUS[status as keyof typeof REFUSED_FIRMWARE_STATUS];
      if (fault && ctx.faults.has(fault)) throw new RpcError('PropertyConstraintViolation', `firmware status ${status} is not known`);
      const current = book(ctx).updates.get(station);
      // A conformant CSMS acknowledges every status; the two state faults refuse an update they stopped following.
      const following = ctx.faults.has('fw-canceled-keeps-old') || ctx.faults.has('fw-rejected-drops-running');
      if (following && p.requestId !== undefined && p.requestId !== current)
        throw new RpcError('PropertyConstraintViolation', `no firmware update ${String(p.requestId)} is running`);
      ctx.log(`firmware status ${status} (request ${String(p.requestId ?? '-')})`);
      return {};
    },
    PublishFirmwareStatusNotification: (ctx, p, { station }) => {
      const status = String(p.status);
      const fault = REFUSED_PUBLISH_STATUS[status as keyof typeof REFUSED_PUBLISH_STATUS];
      if (fault && ctx.faults.has(fault)) throw new RpcError('PropertyConstraintViolation', `publish status ${status} is not known`);
      const publications = book(ctx).publications;
      if (ctx.faults.has('unpublish-ongoing-forgets-publish') && publications.has(station) && publications.get(station) === undefined)
        throw new RpcError('PropertyConstraintViolation', 'no firmware publication is running');
      ctx.log(`publish status ${status} (request ${String(p.requestId ?? '-')})`);
      return {};
    },
  },
  requests: {
    UpdateFirmware: (ctx, p) => updateFirmware(ctx, p),
    PublishFirmware: (ctx, _p, st) => {
      const requestId = ++ctx.counters.fileRequestIds;
      book(ctx).publications.set(st, requestId);
      return { location: firmwareLocation(ctx), checksum: imageChecksum(ctx), requestId };
    },
    UnpublishFirmware: (ctx) => ({
      checksum: ctx.faults.has('unpublish-checksum-of-location') ? md5(firmwareLocation(ctx)) : imageChecksum(ctx),
    }),
  },
  responses: {
    UpdateFirmware: (ctx, s, request, res) => {
      const st = ctx.station(s.identity);
      const updates = book(ctx).updates;
      const status = String(res.status);
      if (status === 'Accepted' || (status === 'AcceptedCanceled' && !ctx.faults.has('fw-canceled-keeps-old')))
        updates.set(st, request.requestId);
      // Rejected for a second request: the station's running update goes on (L01.FR.27).
      if (status === 'Rejected' && ctx.faults.has('fw-rejected-drops-running')) updates.set(st, undefined);
      const resend =
        (status === 'RevokedCertificate' && ctx.faults.has('fw-revoked-resent')) ||
        (status === 'InvalidCertificate' && ctx.faults.has('fw-invalid-cert-resent'));
      if (resend && !isResend(request)) ctx.send(s, 'UpdateFirmware', markedResend(request));
      if (status === 'Accepted' && ctx.faults.has('fw-update-stops-transactions')) {
        for (const tx of ctx.tableFor(st).values())
          if (!tx.ended && tx.owner === s.identity) ctx.send(s, 'RequestStopTransaction', { transactionId: tx.transactionId });
      }
    },
    UnpublishFirmware: (ctx, s, request, res) => {
      const st = ctx.station(s.identity);
      if (res.status === 'Unpublished') book(ctx).publications.delete(st);
      if (res.status === 'DownloadOngoing' && ctx.faults.has('unpublish-ongoing-forgets-publish'))
        book(ctx).publications.set(st, undefined);
      if (res.status === 'NoFirmware' && ctx.faults.has('unpublish-nofirmware-resent') && !isResend(request))
        ctx.send(s, 'UnpublishFirmware', markedResend(request));
    },
  },
};
