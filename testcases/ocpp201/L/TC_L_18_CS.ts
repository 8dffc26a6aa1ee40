import { randomBytes } from 'node:crypto';
import { check, defineCase } from '../../../src/dsl.js';
import { callsSince, freshRequestId, mark, withFirmwareServer } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_L_18_CS',
    title: 'Secure Firmware Update - Missing firmware signing certificate and signature',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'L',
    profiles: ['Core'],
    requirements: ['L01.FR.11'],
    purpose:
      'A secure firmware update carries the signing certificate and the signature of the image (L01.FR.11 makes the CSMS send both). The harness sends UpdateFirmware with a location but without either: the station answers Rejected, fetches nothing and reports no update.',
    fault: 'fw-unsigned-accepted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    await withFirmwareServer(ctx, async (server) => {
      const requestId = freshRequestId();
      const before = mark(csms);

      ctx.step(`The harness sends UpdateFirmware ${requestId} without signingCertificate and signature; the station rejects it`);
      const res = await csms.call(
        'UpdateFirmware',
        { requestId, firmware: { location: server.serve('unsigned.bin', randomBytes(4096)), retrieveDateTime: ctx.nowIso() } },
        { requirement: 'L01.FR.11' },
      );
      ctx.expectOneOf(res.status, ['Rejected'], 'L01.FR.11', 'UpdateFirmwareResponse status for unsigned firmware');

      ctx.step('The station fetches nothing and reports no firmware status for the request');
      await csms.wait(config.timeouts.silenceMs);
      const statuses = callsSince(csms, before).filter(
        (c) => c.action === 'FirmwareStatusNotification' && c.payload.requestId === requestId,
      );
      check(
        statuses.length === 0 && server.fetchesOf('unsigned.bin') === 0,
        'L01.FR.11',
        'no download of the unsigned firmware',
        `${statuses.map((c) => String(c.payload.status)).join(', ') || 'no status'}; fetched ${server.fetchesOf('unsigned.bin')} time(s)`,
      );
    });
  },
);
