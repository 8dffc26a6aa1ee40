import { X509Certificate } from 'node:crypto';
import { check, defineCase, defineCaseFamily, type FaultOf, type RequestOf, type TypedCaseContext } from '../../../src/dsl.js';
import { closeAndWait, connectorStatus } from '../../../src/kit/index.js';

/**
 * Secure firmware update (L01) with a CSMS under test: the operator starts an update, the case
 * checks the UpdateFirmwareRequest (location, dates, signing certificate, signature), answers it as
 * a station would and reports the update's course; the CSMS must acknowledge every status and
 * event and follow the right update. The firmware file itself is never fetched: it may live on a
 * host only real stations reach. After a failure the CSMS may or may not start a new update; the
 * case does not look for one (a background answer refuses any that comes).
 */

type Ctx = TypedCaseContext<'2.0.1', 'csms'>;
type UpdateFirmware = RequestOf<'2.0.1', 'UpdateFirmware'>;
type FirmwareStatus = RequestOf<'2.0.1', 'FirmwareStatusNotification'>['status'];

/**
 * One step of the station: a firmware status, a reboot (new connection, boot reason
 * FirmwareUpdate), a security event, the operator's second update (answered as the row says),
 * or the wait for the running transaction to end before installing.
 */
type Step = FirmwareStatus | 'Reboot' | 'Second' | 'WaitForTransaction' | { event: string };

interface Row {
  id: string;
  title: string;
  purpose: string;
  fault: FaultOf<'2.0.1', 'csms'>;
  requirements: string[];
  features?: string[];
  /** A retrieve or install time the operator schedules (an hour ahead). */
  schedule?: 'retrieveDateTime' | 'installDateTime';
  answer: 'Accepted' | 'InvalidCertificate' | 'RevokedCertificate';
  /** The answer to the operator's second update (step 'Second'). */
  second?: 'AcceptedCanceled' | 'Rejected';
  duringTransaction?: boolean;
  steps: Step[];
}

const INSTALL: Step[] = ['Installing', 'InstallRebooting', 'Reboot', 'Installed', { event: 'FirmwareUpdated' }];
const VERIFIED: Step[] = ['Downloading', 'Downloaded', 'SignatureVerified'];

const ROWS: Row[] = [
  {
    id: 'TC_L_01_CSMS',
    title: 'Secure Firmware Update - Installation successful',
    purpose:
      'The operator starts a firmware update: the CSMS sends UpdateFirmware with a location, a retrieve time, the firmware signing certificate and the signature, and acknowledges every status of the update up to Installed, the boot after the install reboot and the FirmwareUpdated security event.',
    fault: 'fw-signing-cert-omitted',
    requirements: ['L01.FR.11', 'L01.FR.28'],
    answer: 'Accepted',
    steps: [...VERIFIED, ...INSTALL],
  },
  {
    id: 'TC_L_02_CSMS',
    title: 'Secure Firmware Update - InstallScheduled',
    purpose:
      'The operator schedules the install an hour ahead: the CSMS sends that installDateTime, and acknowledges InstallScheduled and the rest of the update.',
    fault: 'fw-install-date-dropped',
    requirements: ['L01.FR.16', 'L01.FR.11', 'L01.FR.28'],
    features: ['C-15'],
    schedule: 'installDateTime',
    answer: 'Accepted',
    steps: [...VERIFIED, 'InstallScheduled', ...INSTALL],
  },
  {
    id: 'TC_L_03_CSMS',
    title: 'Secure Firmware Update - DownloadScheduled',
    purpose:
      'The operator schedules the download an hour ahead: the CSMS sends that retrieveDateTime, and acknowledges DownloadScheduled and the rest of the update.',
    fault: 'fw-retrieve-date-now',
    requirements: ['L01.FR.13', 'L01.FR.11', 'L01.FR.28'],
    features: ['C-15'],
    schedule: 'retrieveDateTime',
    answer: 'Accepted',
    steps: ['DownloadScheduled', ...VERIFIED, ...INSTALL],
  },
  {
    id: 'TC_L_04_CSMS',
    title: 'Secure Firmware Update - RevokedCertificate',
    purpose:
      'The station answers UpdateFirmware RevokedCertificate: the CSMS does not send the update again with the same certificate (a request with another certificate would be allowed).',
    fault: 'fw-revoked-resent',
    requirements: ['L01.FR.21', 'L01.FR.11'],
    answer: 'RevokedCertificate',
    steps: [],
  },
  {
    id: 'TC_L_05_CSMS',
    title: 'Secure Firmware Update - InvalidCertificate',
    purpose:
      'The station answers UpdateFirmware InvalidCertificate and raises InvalidFirmwareSigningCertificate: the CSMS acknowledges the event and does not send the update again with the same certificate.',
    fault: 'fw-invalid-cert-resent',
    requirements: ['L01.FR.21', 'L01.FR.02', 'L01.FR.11'],
    answer: 'InvalidCertificate',
    steps: [{ event: 'InvalidFirmwareSigningCertificate' }],
  },
  {
    id: 'TC_L_06_CSMS',
    title: 'Secure Firmware Update - InvalidSignature',
    purpose:
      'The downloaded firmware fails signature verification: the CSMS acknowledges InvalidSignature and the InvalidFirmwareSignature security event.',
    fault: 'fw-invalid-signature-refused',
    requirements: ['L01.FR.03', 'L01.FR.11'],
    answer: 'Accepted',
    steps: ['Downloading', 'Downloaded', 'InvalidSignature', { event: 'InvalidFirmwareSignature' }],
  },
  {
    id: 'TC_L_07_CSMS',
    title: 'Secure Firmware Update - DownloadFailed',
    purpose: 'The station cannot download the firmware: the CSMS acknowledges Downloading and DownloadFailed.',
    fault: 'fw-download-failed-refused',
    requirements: ['L01.FR.30', 'L01.FR.11'],
    answer: 'Accepted',
    steps: ['Downloading', 'DownloadFailed'],
  },
  {
    id: 'TC_L_08_CSMS',
    title: 'Secure Firmware Update - InstallVerificationFailed or InstallationFailed',
    purpose: 'The new firmware fails verification during the install: the CSMS acknowledges InstallVerificationFailed.',
    fault: 'fw-verification-failed-refused',
    requirements: ['L01.FR.29', 'L01.FR.11'],
    answer: 'Accepted',
    steps: [...VERIFIED, 'Installing', 'InstallVerificationFailed'],
  },
  {
    id: 'TC_L_09_CSMS',
    title: 'Secure Firmware Update - InstallationFailed',
    purpose:
      'The installation fails after the install reboot: the CSMS accepts the boot (reason FirmwareUpdate) and acknowledges InstallationFailed.',
    fault: 'fw-installation-failed-refused',
    requirements: ['L01.FR.01', 'L01.FR.11'],
    answer: 'Accepted',
    steps: [...VERIFIED, 'Installing', 'InstallRebooting', 'Reboot', 'InstallationFailed'],
  },
  {
    id: 'TC_L_10_CSMS',
    title: 'Secure Firmware Update - AcceptedCanceled',
    purpose:
      'While an update downloads, the operator starts another: the station cancels the first and answers AcceptedCanceled; the CSMS acknowledges every status of the new update (its requestId) up to Installed.',
    fault: 'fw-canceled-keeps-old',
    requirements: ['L01.FR.24', 'L01.FR.10', 'L01.FR.11'],
    answer: 'Accepted',
    second: 'AcceptedCanceled',
    steps: ['Downloading', 'Second', ...VERIFIED, ...INSTALL],
  },
  {
    id: 'TC_L_11_CSMS',
    title: 'Secure Firmware Update - Unable to cancel',
    purpose:
      'While an update installs, the operator starts another: the station cannot cancel and answers Rejected; the CSMS keeps acknowledging the running update (its requestId) up to Installed.',
    fault: 'fw-rejected-drops-running',
    requirements: ['L01.FR.27', 'L01.FR.10', 'L01.FR.11'],
    answer: 'Accepted',
    second: 'Rejected',
    steps: [...VERIFIED, 'Installing', 'Second', 'InstallRebooting', 'Reboot', 'Installed', { event: 'FirmwareUpdated' }],
  },
  {
    id: 'TC_L_13_CSMS',
    title: "Secure Firmware Update - Can't download/install firmware during transaction (AllowNewSessionsPendingFirmwareUpdate=false)",
    purpose:
      'An update arrives while a transaction runs: the station downloads it, sets its free connectors Unavailable and waits; the CSMS leaves the transaction running until the driver ends it, then acknowledges the install.',
    fault: 'fw-update-stops-transactions',
    requirements: ['L01.FR.06', 'L01.FR.11', 'L01.FR.28'],
    answer: 'Accepted',
    duringTransaction: true,
    steps: [...VERIFIED, 'WaitForTransaction', ...INSTALL],
  },
];

/** The requirement the CSMS breaks by refusing a status; the rows' own for the rest. */
const STATUS_REQUIREMENT: Partial<Record<FirmwareStatus, string>> = {
  DownloadScheduled: 'L01.FR.13',
  InstallScheduled: 'L01.FR.16',
  InvalidSignature: 'L01.FR.03',
  DownloadFailed: 'L01.FR.30',
  InstallVerificationFailed: 'L01.FR.29',
  InstallationFailed: 'L01.FR.01',
};

function isCertificate(pem: string | undefined): boolean {
  try {
    return pem !== undefined && new X509Certificate(pem).subject !== undefined;
  } catch {
    return false;
  }
}

/** Checks an UpdateFirmwareRequest: a location, a signing certificate (PEM), a signature and the scheduled time. */
function checkUpdateFirmware(ctx: Ctx, row: Row, p: UpdateFirmware, receivedAt: number): void {
  const fw = p.firmware;
  check(/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(fw.location), 'L01.FR.11', 'firmware.location is a URL', fw.location);
  check(!Number.isNaN(Date.parse(fw.retrieveDateTime)), 'L01.FR.11', 'firmware.retrieveDateTime is a date-time', fw.retrieveDateTime);
  const parsed = isCertificate(fw.signingCertificate);
  check(
    parsed,
    'L01.FR.11',
    'firmware.signingCertificate holds a PEM X.509 certificate',
    fw.signingCertificate ? 'not parseable' : 'absent',
  );
  check(/^[A-Za-z0-9+/]+=*$/.test(fw.signature ?? ''), 'L01.FR.11', 'firmware.signature (base64)', fw.signature ?? 'absent');
  if (row.schedule) {
    const requirement = row.schedule === 'installDateTime' ? 'L01.FR.16' : 'L01.FR.13';
    const at = fw[row.schedule];
    // The operator asked for an hour ahead; a CSMS may round it, so any time well in the future passes.
    check(
      at !== undefined && Date.parse(at) > receivedAt + 30 * 60_000,
      requirement,
      `firmware.${row.schedule} about an hour ahead`,
      String(at),
    );
  }
}

/** The operator's firmware update (csmsSend details). */
function operatorUpdate(ctx: Ctx, row: Row): Record<string, unknown> {
  const base: Record<string, unknown> = { message: 'UpdateFirmware', stationId: ctx.config.stationId };
  if (row.schedule) base[row.schedule] = ctx.nowIso(60 * 60_000);
  return base;
}

async function askUpdate(ctx: Ctx, row: Row, which: string) {
  ctx.step(`The operator starts ${which} firmware update: the CSMS sends UpdateFirmware`);
  const details = operatorUpdate(ctx, row);
  const when = row.schedule ? ` with ${row.schedule} ${String(details[row.schedule])}` : '';
  await ctx.manual('csmsSend', details, `Make the CSMS send ${which} signed firmware update to station ${ctx.config.stationId}${when}`);
  const req = await ctx.station.expectCall('UpdateFirmware', { requirement: 'L01.FR.11' });
  checkUpdateFirmware(ctx, row, req.payload, ctx.clock.now());
  return req;
}

/** The install reboot: a new connection, BootNotification reason FirmwareUpdate accepted, connector Available. */
async function reboot(ctx: Ctx): Promise<void> {
  await closeAndWait(ctx);
  await ctx.station.connect({ requirement: 'L01.FR.28' });
  const boot = await ctx.station.call(
    'BootNotification',
    { reason: 'FirmwareUpdate', chargingStation: { model: 'HarnessStation', vendorName: 'ocpp-harness', firmwareVersion: '1.0.1' } },
    { requirement: 'L01.FR.28' },
  );
  ctx.expectOneOf(boot.status, ['Accepted'], 'L01.FR.28', 'BootNotificationResponse.status');
  await connectorStatus(ctx, 'Available', 'L01.FR.28');
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      id: row.id,
      title: row.title,
      purpose: row.purpose,
      fault: row.fault,
      requirements: row.requirements,
      ocpp: '2.0.1',
      sut: 'csms',
      block: 'L',
      profiles: ['Core'],
      features: row.features ?? [],
    },
    async (ctx) => {
      const { station, config } = ctx;
      ctx.step('The station is booted and idle');
      await ctx.given('Booted');
      if (row.duringTransaction) {
        ctx.step('A driver is charging');
        await ctx.given('EnergyTransferStarted');
      }

      const first = await askUpdate(ctx, row, 'a');
      ctx.step(`The station answers ${row.answer}`);
      const answered = ctx.clock.monotonic();
      await station.reply(first, { status: row.answer });
      if (row.answer !== 'Accepted') {
        for (const step of row.steps) if (typeof step === 'object') await securityEvent(ctx, step.event);
        ctx.step('The CSMS does not send the refused update again with the same certificate');
        await station.expectNoCall('UpdateFirmware', {
          within: config.timeouts.silenceMs,
          since: answered,
          where: (p: UpdateFirmware) => p.firmware.signingCertificate === first.payload.firmware.signingCertificate,
          whereText: 'with the same signing certificate',
          requirement: 'L01.FR.21',
        });
        return;
      }

      let requestId = first.payload.requestId;
      /** After the second update the statuses show which update the CSMS follows (L01.FR.10). */
      let following: string | undefined;
      for (const step of row.steps) {
        if (step === 'Reboot') {
          ctx.step('The station reboots to install and boots with reason FirmwareUpdate');
          await reboot(ctx);
        } else if (step === 'Second') {
          const second = await askUpdate(ctx, row, 'a second');
          ctx.step(`The station answers the second update ${row.second ?? 'Rejected'}`);
          await station.reply(second, { status: row.second ?? 'Rejected' });
          if (row.second === 'AcceptedCanceled') requestId = second.payload.requestId;
          following = 'L01.FR.10';
        } else if (step === 'WaitForTransaction') {
          ctx.step('The station waits for the transaction: the CSMS leaves it running; the driver ends it');
          // Counted from the answer to UpdateFirmware: a CSMS stopping the transaction at once must not slip past.
          await station.expectNoCall('RequestStopTransaction', {
            within: config.timeouts.silenceMs,
            since: answered,
            requirement: 'L01.FR.06',
          });
          await ctx.given('StopAuthorized');
          await ctx.given('EVDisconnected', { connectorStatus: 'Unavailable' });
        } else if (typeof step === 'object') {
          await securityEvent(ctx, step.event);
        } else {
          ctx.step(`The station reports ${step}; the CSMS acknowledges it`);
          const requirement = following ?? STATUS_REQUIREMENT[step] ?? 'L01.FR.28';
          await station.call('FirmwareStatusNotification', { status: step, requestId }, { requirement });
        }
      }
    },
  ),
);

async function securityEvent(ctx: Ctx, type: string): Promise<void> {
  ctx.step(`The station raises the security event ${type}; the CSMS acknowledges it`);
  const requirement =
    type === 'InvalidFirmwareSigningCertificate' ? 'L01.FR.02' : type === 'InvalidFirmwareSignature' ? 'L01.FR.03' : 'L01.FR.28';
  await ctx.station.call('SecurityEventNotification', { type, timestamp: ctx.nowIso() }, { requirement });
}
