import { check, defineCase, defineCaseFamily, type FaultOf, type RequestOf, type TypedCaseContext } from '../../../src/dsl.js';

/**
 * Publishing firmware on a local controller (L03) and unpublishing it (L04), with a CSMS under
 * test: the harness station plays the local controller. The case checks PublishFirmware (a
 * location, the MD5 checksum, a requestId) and UnpublishFirmware (the checksum it published),
 * answers as a controller would and reports the publication's course; the CSMS must acknowledge
 * every status and follow the publication it started. These use cases are in no certification
 * profile; the PICS feature LocalController gates them.
 */

type Ctx = TypedCaseContext<'2.0.1', 'csms'>;
type PublishStatus = RequestOf<'2.0.1', 'PublishFirmwareStatusNotification'>['status'];
type UnpublishStatus = 'Unpublished' | 'NoFirmware' | 'DownloadOngoing';

interface Row {
  id: string;
  title: string;
  purpose: string;
  fault: FaultOf<'2.0.1', 'csms'>;
  requirements: string[];
  /** The controller's steps: a publish status, or the operator's unpublish (answered as given). */
  steps: (PublishStatus | { unpublish: UnpublishStatus })[];
}

const PUBLISHED: PublishStatus[] = ['Downloading', 'Downloaded', 'ChecksumVerified', 'Published'];

const ROWS: Row[] = [
  {
    id: 'TC_L_17_CSMS',
    title: 'Publish Firmware - Published',
    purpose:
      'The operator publishes a firmware file on a local controller: the CSMS sends PublishFirmware with the location and the MD5 checksum of the file, and acknowledges every status up to Published.',
    fault: 'publish-checksum-sha256',
    requirements: ['L03.FR.02', 'L03.FR.09', 'L03.FR.01'],
    steps: PUBLISHED,
  },
  {
    id: 'TC_L_19_CSMS',
    title: 'Publish Firmware - Invalid Checksum',
    purpose: 'The downloaded file does not match the checksum: the CSMS acknowledges InvalidChecksum.',
    fault: 'publish-invalid-checksum-refused',
    requirements: ['L03.FR.07', 'L03.FR.02'],
    steps: ['Downloading', 'Downloaded', 'InvalidChecksum'],
  },
  {
    id: 'TC_L_20_CSMS',
    title: 'Publish Firmware - PublishFailed',
    purpose: 'The controller verified the file but cannot publish it: the CSMS acknowledges PublishFailed.',
    fault: 'publish-failed-refused',
    requirements: ['L03.FR.08', 'L03.FR.02'],
    steps: ['Downloading', 'Downloaded', 'ChecksumVerified', 'PublishFailed'],
  },
  {
    id: 'TC_L_21_CSMS',
    title: 'Unpublish Firmware - Unpublished',
    purpose:
      'After a publication the operator unpublishes the file: the CSMS sends UnpublishFirmware with the checksum it published the file with, and the controller answers Unpublished.',
    fault: 'unpublish-checksum-of-location',
    requirements: ['L04.FR.02', 'L03.FR.02'],
    steps: [...PUBLISHED, { unpublish: 'Unpublished' }],
  },
  {
    id: 'TC_L_22_CSMS',
    title: 'Unpublish Firmware - NoFirmware',
    purpose:
      'The operator unpublishes a file the controller does not publish: it answers NoFirmware, and the CSMS takes that answer without sending the request again.',
    fault: 'unpublish-nofirmware-resent',
    requirements: ['L04.FR.03'],
    steps: [{ unpublish: 'NoFirmware' }],
  },
  {
    id: 'TC_L_23_CSMS',
    title: 'Unpublish Firmware - Download Ongoing',
    purpose:
      'The operator unpublishes a file while the controller still downloads it: the controller answers DownloadOngoing and publishes it anyway; the CSMS acknowledges the rest of that publication.',
    fault: 'unpublish-ongoing-forgets-publish',
    requirements: ['L04.FR.04', 'L03.FR.09'],
    steps: ['Downloading', { unpublish: 'DownloadOngoing' }, 'Downloaded', 'ChecksumVerified', 'Published'],
  },
  {
    id: 'TC_L_24_CSMS',
    title: 'Publish Firmware - Download failed',
    purpose: 'The controller cannot download the file: the CSMS acknowledges Downloading and DownloadFailed.',
    fault: 'publish-download-failed-refused',
    requirements: ['L03.FR.06', 'L03.FR.02'],
    steps: ['Downloading', 'DownloadFailed'],
  },
];

/** The requirement the CSMS breaks by refusing a status. */
const STATUS_REQUIREMENT: Partial<Record<PublishStatus, string>> = {
  InvalidChecksum: 'L03.FR.07',
  PublishFailed: 'L03.FR.08',
  DownloadFailed: 'L03.FR.06',
  Published: 'L03.FR.09',
};

const MD5_HEX = /^[0-9a-fA-F]{32}$/;

async function publish(ctx: Ctx): Promise<{ requestId: number; checksum: string }> {
  const { station, config } = ctx;
  ctx.step('The operator publishes a firmware file on the local controller: the CSMS sends PublishFirmware');
  await ctx.manual(
    'csmsSend',
    { message: 'PublishFirmware', stationId: config.stationId },
    `Make the CSMS publish a firmware file on local controller ${config.stationId} (PublishFirmware)`,
  );
  const req = await station.expectCall('PublishFirmware', { requirement: 'L03.FR.02' });
  const p = req.payload;
  check(/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(p.location), 'L03.FR.02', 'location is a URL', p.location);
  check(MD5_HEX.test(p.checksum), 'L03.FR.02', 'checksum: an MD5 digest (32 hexadecimal digits)', p.checksum);
  ctx.step('The local controller accepts');
  await station.reply(req, { status: 'Accepted' });
  return { requestId: p.requestId, checksum: p.checksum };
}

async function unpublish(ctx: Ctx, answer: UnpublishStatus, published: string | undefined): Promise<void> {
  const { station, config } = ctx;
  ctx.step('The operator unpublishes the firmware file: the CSMS sends UnpublishFirmware');
  await ctx.manual(
    'csmsSend',
    { message: 'UnpublishFirmware', stationId: config.stationId, ...(published ? { checksum: published } : {}) },
    `Make the CSMS unpublish ${published ? `the firmware file with checksum ${published}` : 'its firmware file'} on local controller ${config.stationId}`,
  );
  const req = await station.expectCall('UnpublishFirmware', { requirement: 'L04.FR.02' });
  const checksum = req.payload.checksum;
  if (published) check(checksum === published, 'L04.FR.02', `checksum ${published} (as published)`, checksum);
  else check(MD5_HEX.test(checksum), 'L04.FR.02', 'checksum: an MD5 digest (32 hexadecimal digits)', checksum);
  ctx.step(`The local controller answers ${answer}`);
  const answered = ctx.clock.monotonic();
  await station.reply(req, { status: answer });
  if (answer === 'NoFirmware') {
    ctx.step('The CSMS does not send the request again');
    await station.expectNoCall('UnpublishFirmware', { within: config.timeouts.silenceMs, since: answered, requirement: 'L04.FR.03' });
  }
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
      profiles: [],
      features: ['LocalController'],
    },
    async (ctx) => {
      ctx.step('The local controller is booted and idle');
      await ctx.given('Booted');
      const publication = typeof row.steps[0] === 'string' ? await publish(ctx) : undefined;
      /** After DownloadOngoing the statuses show whether the CSMS still follows the publication. */
      let following: string | undefined;
      for (const step of row.steps) {
        if (typeof step === 'object') {
          await unpublish(ctx, step.unpublish, publication?.checksum);
          if (step.unpublish === 'DownloadOngoing') following = 'L04.FR.04';
          continue;
        }
        ctx.step(`The local controller reports ${step}; the CSMS acknowledges it`);
        const location =
          step === 'Published' ? [`https://local-controller.invalid/firmware/${publication?.checksum ?? 'image'}.bin`] : undefined;
        await ctx.station.call(
          'PublishFirmwareStatusNotification',
          { status: step, requestId: publication?.requestId, ...(location ? { location } : {}) },
          { requirement: following ?? STATUS_REQUIREMENT[step] ?? 'L03.FR.01' },
        );
      }
    },
  ),
);
