import { randomBytes } from 'node:crypto';
import { check, defineCase } from '../../../src/dsl.js';
import {
  callsSince,
  checkFirmwareOrder,
  checkFirmwareRequestIds,
  firmwareCourse201,
  firmwareSigner16,
  freshRequestId,
  mark,
  withFirmwareServer,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_L_10_CS',
    title: 'Secure Firmware Update - AcceptedCanceled',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'L',
    profiles: ['Core'],
    features: ['C-60'],
    requirements: ['L01.FR.24', 'L01.FR.10', 'L01.FR.01'],
    purpose:
      'The harness starts a firmware update whose download is scheduled a message timeout ahead, and sends a second UpdateFirmware while the first still waits. The station cancels the first and answers AcceptedCanceled (a SHOULD: Rejected, keeping the first, passes non-strict), then completes the second under its own request id; the canceled update reports nothing more.',
    fault: 'fw-cancel-keeps-old-update',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    await withFirmwareServer(ctx, async (server) => {
      const signer = firmwareSigner16(ctx);
      const image = randomBytes(4096);
      const firmware = {
        location: server.serve('image.bin', image),
        signingCertificate: signer.certificatePem,
        signature: signer.sign(image),
      };
      const aheadMs = config.timeouts.messageMs;
      const first = freshRequestId();
      const second = freshRequestId();

      ctx.step(`The harness sends UpdateFirmware ${first} with its download ${aheadMs} ms ahead; the station reports DownloadScheduled`);
      const one = await csms.call(
        'UpdateFirmware',
        { requestId: first, firmware: { ...firmware, retrieveDateTime: new Date(Date.parse(ctx.nowIso()) + aheadMs).toISOString() } },
        { requirement: 'L01.FR.01' },
      );
      ctx.expectOneOf(one.status, ['Accepted'], 'L01.FR.01', 'UpdateFirmwareResponse status of the first update');
      await csms.expectCall('FirmwareStatusNotification', {
        where: (p) => p.status === 'DownloadScheduled' && p.requestId === first,
        whereText: `status DownloadScheduled, requestId ${first}`,
        within: ctx.waits.twoMessages,
        requirement: 'L01.FR.13',
      });

      ctx.step(`The harness sends UpdateFirmware ${second}; the station cancels the first and answers AcceptedCanceled`);
      const startedAt = ctx.clock.monotonic();
      const two = await csms.call(
        'UpdateFirmware',
        { requestId: second, firmware: { ...firmware, retrieveDateTime: ctx.nowIso() } },
        { requirement: 'L01.FR.24' },
      );
      ctx.expectOneOf(two.status, ['AcceptedCanceled', 'Rejected'], 'L01.FR.24', 'UpdateFirmwareResponse status of the second update');
      if (two.status === 'Rejected') {
        ctx.nonStrict('L01.FR.24', 'the station did not cancel the update in progress (Rejected): allowed, but it should cancel it');
        return;
      }
      const before = mark(csms);

      ctx.step(`The station completes update ${second}: Downloading, Downloaded, SignatureVerified, Installing, Installed`);
      const seen = await firmwareCourse201(ctx, () => ctx.waits.reconnect);
      checkFirmwareRequestIds(seen, second, 'L01.FR.10');
      checkFirmwareOrder(seen, ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'Installed'], 'L01.FR.01');

      ctx.step(`The canceled update ${first} reports nothing more, also after its scheduled time`);
      const left = startedAt + aheadMs + config.timeouts.silenceMs - ctx.clock.monotonic();
      if (left > 0) await csms.wait(left);
      const stale = callsSince(csms, before).filter((c) => c.action === 'FirmwareStatusNotification' && c.payload.requestId === first);
      check(
        stale.length === 0,
        'L01.FR.10',
        `no FirmwareStatusNotification of the canceled update ${first}`,
        stale.map((c) => String(c.payload.status)).join(', '),
      );
    });
  },
);
