import { randomBytes } from 'node:crypto';
import { check, defineCase, defineCaseFamily, type FaultOf } from '../../../src/dsl.js';
import {
  callsSince,
  checkFirmwareOrder,
  checkFirmwareRequestIds,
  firmwareCourse201,
  firmwareSigner16,
  freshRequestId,
  freshRootCertificate,
  mark,
  withFirmwareServer,
  expectSecurityEvent201,
} from '../../../src/kit/index.js';

/**
 * Secure firmware update (L01) with a station under test: the harness plays the CSMS and the
 * manufacturer's repository. It serves a 4 KiB image on its own firmware server (loopback; the
 * built-in reference station is configured with it as its firmware repository, see
 * src/transport/firmware-server.ts), signs it with a code-signing certificate under the
 * manufacturer root the station holds, and follows the update's FirmwareStatusNotifications.
 * Every order the spec allows passes: extra statuses in between (DownloadPaused and a repeated
 * Downloading, InstallRebooting), a reboot before or after Installing, Installed before or after
 * the boot. A real station must trust the test PKI's manufacturer root and reach the harness host.
 */

type Kind =
  | 'installed'
  | 'install-scheduled'
  | 'download-scheduled'
  | 'invalid-certificate'
  | 'invalid-signature'
  | 'download-failed'
  | 'install-fails';

interface Row {
  id: string;
  title: string;
  purpose: string;
  fault: FaultOf<'2.0.1', 'cs'>;
  requirements: string[];
  kind: Kind;
  /** The statuses that must come, in this order. */
  course: string[];
}

const VERIFIED = ['Downloading', 'Downloaded', 'SignatureVerified'];
const INSTALLED = ['Installing', 'Installed'];
const INSTALLING = ['SignatureVerified', 'InstallScheduled', 'Installing', 'InstallRebooting', 'Installed'];

const ROWS: Row[] = [
  {
    id: 'TC_L_01_CS',
    title: 'Secure Firmware Update - Installation successful',
    purpose:
      'The harness sends UpdateFirmware with a correctly signed image. The station accepts, reports Downloading, Downloaded, SignatureVerified, Installing and Installed under the request id (InstallRebooting first when it reboots to install, then a boot with reason FirmwareUpdate), and raises the FirmwareUpdated security event.',
    fault: 'fw-no-firmware-updated-event',
    requirements: ['L01.FR.01', 'L01.FR.10', 'L01.FR.15', 'L01.FR.28', 'A04.FR.01'],
    kind: 'installed',
    course: [...VERIFIED, ...INSTALLED],
  },
  {
    id: 'TC_L_02_CS',
    title: 'Secure Firmware Update - InstallScheduled',
    purpose:
      'The harness sends UpdateFirmware with an installDateTime a message timeout ahead. The station downloads and verifies the image, reports InstallScheduled and installs only at that time.',
    fault: 'fw-install-schedule-ignored',
    requirements: ['L01.FR.16', 'L01.FR.01', 'L01.FR.10'],
    kind: 'install-scheduled',
    course: [...VERIFIED, 'InstallScheduled', ...INSTALLED],
  },
  {
    id: 'TC_L_03_CS',
    title: 'Secure Firmware Update - DownloadScheduled',
    purpose:
      'The harness sends UpdateFirmware with a retrieveDateTime a message timeout ahead. The station reports DownloadScheduled, starts downloading only at that time, and completes the update.',
    fault: 'fw-retrieve-schedule-ignored',
    requirements: ['L01.FR.13', 'L01.FR.01', 'L01.FR.10'],
    kind: 'download-scheduled',
    course: ['DownloadScheduled', ...VERIFIED, ...INSTALLED],
  },
  {
    id: 'TC_L_05_CS',
    title: 'Secure Firmware Update - InvalidCertificate',
    purpose:
      'The harness sends UpdateFirmware whose signing certificate does not chain to the manufacturer root. The station answers InvalidCertificate, raises the InvalidFirmwareSigningCertificate security event, and neither fetches nor reports a download.',
    fault: 'fw-signing-cert-not-checked',
    requirements: ['L01.FR.21', 'L01.FR.02'],
    kind: 'invalid-certificate',
    course: [],
  },
  {
    id: 'TC_L_06_CS',
    title: 'Secure Firmware Update - InvalidSignature',
    purpose:
      'The harness sends UpdateFirmware with a valid signing certificate but a signature over other bytes. The station downloads the image, reports InvalidSignature, raises the InvalidFirmwareSignature security event and installs nothing.',
    fault: 'fw-signature-not-verified',
    requirements: ['L01.FR.03', 'L01.FR.01', 'L01.FR.10'],
    kind: 'invalid-signature',
    course: ['Downloading', 'Downloaded', 'InvalidSignature'],
  },
  {
    id: 'TC_L_07_CS',
    title: 'Secure Firmware Update - DownloadFailed',
    purpose:
      'The harness sends UpdateFirmware for an image its firmware server does not have (HTTP 404). The station accepts, tries to download, and reports DownloadFailed after its retries; nothing is installed.',
    fault: 'fw-download-failure-silent',
    requirements: ['L01.FR.30', 'L01.FR.01', 'L01.FR.10'],
    kind: 'download-failed',
    course: ['Downloading', 'DownloadFailed'],
  },
  {
    id: 'TC_L_08_CS',
    title: 'Secure Firmware Update - InstallVerificationFailed or InstallationFailed',
    purpose:
      'The harness sends UpdateFirmware for a correctly signed image that is no firmware at all (empty). The station downloads it and verifies the signature, then its installation fails: it reports InstallVerificationFailed or InstallationFailed (after an install reboot or not), never Installed, and raises no FirmwareUpdated event.',
    fault: 'fw-broken-image-installed',
    requirements: ['L01.FR.29', 'L01.FR.01', 'L01.FR.10'],
    kind: 'install-fails',
    course: VERIFIED,
  },
];

/** The two ways an installation may fail (TC_L_08). */
const INSTALL_FAILED = ['InstallVerificationFailed', 'InstallationFailed'];

export default defineCaseFamily(ROWS, ({ kind, course, ...row }) =>
  defineCase({ ...row, ocpp: '2.0.1', sut: 'cs', block: 'L', profiles: ['Core'] }, async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    await withFirmwareServer(ctx, async (server) => {
      const signer = firmwareSigner16(ctx);
      const image = kind === 'install-fails' ? Buffer.alloc(0) : randomBytes(4096);
      const location = kind === 'download-failed' ? server.url('absent.bin') : server.serve('image.bin', image);
      const signature = signer.sign(kind === 'invalid-signature' ? randomBytes(4096) : image);
      const signingCertificate =
        kind === 'invalid-certificate'
          ? freshRootCertificate('ocpp-harness unknown firmware signer', 'Unknown Manufacturer')
          : signer.certificatePem;
      // A scheduled time one message timeout ahead: long enough to tell "waited" from "went on at once".
      const aheadMs = config.timeouts.messageMs;
      const ahead = new Date(Date.parse(ctx.nowIso()) + aheadMs).toISOString();
      const requestId = freshRequestId();
      const before = mark(csms);
      const sentAt = ctx.clock.monotonic();

      ctx.step(`The harness sends UpdateFirmware (${kind}) for request ${requestId}`);
      const res = await csms.call(
        'UpdateFirmware',
        {
          requestId,
          firmware: {
            location,
            retrieveDateTime: kind === 'download-scheduled' ? ahead : ctx.nowIso(),
            ...(kind === 'install-scheduled' ? { installDateTime: ahead } : {}),
            signingCertificate,
            signature,
          },
        },
        { requirement: kind === 'invalid-certificate' ? 'L01.FR.21' : 'L01.FR.01' },
      );

      if (kind === 'invalid-certificate') {
        ctx.expectOneOf(
          res.status,
          ['InvalidCertificate'],
          'L01.FR.21',
          'UpdateFirmwareResponse status for an untrusted signing certificate',
        );
        ctx.step('The station raises InvalidFirmwareSigningCertificate and starts no download');
        await expectSecurityEvent201(ctx, 'InvalidFirmwareSigningCertificate', 'L01.FR.02');
        await csms.wait(config.timeouts.silenceMs);
        const statuses = callsSince(csms, before).filter((c) => c.action === 'FirmwareStatusNotification');
        check(
          statuses.length === 0 && server.fetchesOf('image.bin') === 0,
          'L01.FR.21',
          'no download of firmware signed by an untrusted certificate',
          `${statuses.map((c) => String(c.payload.status)).join(', ') || 'no status'}; image fetched ${server.fetchesOf('image.bin')} time(s)`,
        );
        return;
      }
      ctx.expectOneOf(res.status, ['Accepted'], 'L01.FR.01', 'UpdateFirmwareResponse status');

      ctx.step(`The station reports ${course.join(', ')} for request ${requestId}`);
      const scheduled = kind === 'download-scheduled' || kind === 'install-scheduled' ? aheadMs : 0;
      const seen = await firmwareCourse201(ctx, () => ctx.waits.reconnect + scheduled);
      checkFirmwareRequestIds(seen, requestId, 'L01.FR.10');
      checkFirmwareOrder(
        seen,
        course,
        kind === 'download-scheduled' ? 'L01.FR.13' : kind === 'install-scheduled' ? 'L01.FR.16' : (row.requirements[0] ?? 'L01.FR.01'),
      );
      if (kind === 'download-scheduled' || kind === 'install-scheduled') {
        // The clocks may differ by rounding: "waited" is judged with half the lead time as slack.
        const first = seen.find((s) => s.status === (kind === 'download-scheduled' ? 'Downloading' : 'Installing'));
        if (first) {
          const after = first.at - sentAt;
          check(
            after >= aheadMs / 2,
            kind === 'download-scheduled' ? 'L01.FR.13' : 'L01.FR.16',
            `${first.status} not before the scheduled time (${aheadMs} ms after the request)`,
            `${first.status} ${Math.round(after)} ms after the request`,
          );
        }
      }
      if (kind === 'invalid-signature' || kind === 'download-failed') {
        const installing = seen.filter((s) => INSTALLING.includes(s.status));
        check(
          installing.length === 0,
          course.at(-1) === 'DownloadFailed' ? 'L01.FR.30' : 'L01.FR.03',
          'nothing verified or installed',
          installing.map((s) => s.status).join(', '),
        );
      }
      if (kind === 'invalid-signature') {
        ctx.step('The station raises InvalidFirmwareSignature');
        await expectSecurityEvent201(ctx, 'InvalidFirmwareSignature', 'L01.FR.03');
        return;
      }
      if (kind === 'download-failed') return;
      if (kind === 'install-fails') {
        const last = seen.at(-1)?.status ?? 'none';
        ctx.expectOneOf(last, INSTALL_FAILED, 'L01.FR.29', 'the final status of an image that cannot be installed');
        await csms.wait(config.timeouts.silenceMs);
        const updated = callsSince(csms, before).filter(
          (c) => c.action === 'SecurityEventNotification' && c.payload.type === 'FirmwareUpdated',
        );
        check(
          updated.length === 0,
          'L01.FR.29',
          'no FirmwareUpdated event for a failed installation',
          `${updated.length} FirmwareUpdated event(s)`,
        );
        return;
      }

      ctx.step('A reboot to install comes after InstallRebooting, with boot reason FirmwareUpdate');
      const boots = callsSince(csms, before).filter((c) => c.action === 'BootNotification');
      const rebooting = seen.find((s) => s.status === 'InstallRebooting');
      if (boots.length === 0) ctx.note('the station installed without a reboot (allowed)');
      for (const boot of boots) {
        check(
          rebooting !== undefined && rebooting.at < boot.at,
          'L01.FR.15',
          'FirmwareStatusNotification InstallRebooting before the install reboot',
          rebooting ? 'InstallRebooting came after the BootNotification' : 'no InstallRebooting',
        );
        ctx.expectOneOf(String(boot.payload.reason), ['FirmwareUpdate'], 'L01.FR.28', 'BootNotification reason after the install reboot');
      }

      ctx.step('The station raises the FirmwareUpdated security event');
      await expectSecurityEvent201(ctx, 'FirmwareUpdated', 'A04.FR.01');
    });
  }),
);
