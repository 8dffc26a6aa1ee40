import { randomBytes } from 'node:crypto';
import { check, defineCase } from '../../../src/dsl.js';
import { answerSecurityMessages16, firmwareSigner16, firmwareStatuses16, serveFile16 } from '../../../src/kit/index.js';

const EXPECTED = ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'Installed'];

export default defineCase(
  {
    id: 'TC_080_CS',
    title: 'Secure Firmware Update',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    requirements: ['SECWP16-L01.FR.01', 'SECWP16-L01.FR.23', 'SECWP16-L01.FR.04'],
    purpose:
      "The central system starts a signed firmware update with SignedUpdateFirmware: a location, the firmware signing certificate (issued under the manufacturer root the charge point holds) and the signature of the image. The charge point accepts, downloads the image, verifies its signature and installs it, reporting each stage with SignedFirmwareStatusNotification carrying the request's requestId. The harness serves the image on its own host (loopback).",
    features: ['Security.SecureFirmwareUpdate'],
    fault: 'signed-firmware-wrong-request-id',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);
    const signer = firmwareSigner16(ctx);
    const image = randomBytes(4096);
    const server = await serveFile16(ctx, '/firmware/tc080.bin', image);
    try {
      const requestId = 8000 + Math.floor(Math.random() * 1000);

      ctx.step('The harness sends SignedUpdateFirmware with a correctly signed image; the charge point accepts');
      const res = await csms.call(
        'SignedUpdateFirmware',
        {
          requestId,
          firmware: {
            location: server.url,
            retrieveDateTime: ctx.nowIso(),
            signingCertificate: signer.certificatePem,
            signature: signer.sign(image),
          },
        },
        { requirement: 'SECWP16-L01.FR.23' },
      );
      ctx.expectOneOf(res.status, ['Accepted'], 'SECWP16-L01.FR.23', 'SignedUpdateFirmware.conf status');

      ctx.step(`The charge point reports ${EXPECTED.join(', ')} for request ${requestId}`);
      const seen = await firmwareStatuses16(ctx, config.timeouts.connectMs + 6 * config.timeouts.messageMs, 'SECWP16-L01.FR.01');
      ctx.note(
        `statuses: ${seen.map((s) => `${s.status}(${s.requestId ?? '-'})`).join(', ') || 'none'}; image fetched ${server.fetches()} time(s)`,
      );
      const wrongId = seen.filter((s) => s.requestId !== requestId);
      check(
        wrongId.length === 0,
        'SECWP16-L01.FR.01',
        `every SignedFirmwareStatusNotification carries requestId ${requestId}`,
        wrongId.map((s) => `${s.status} with requestId ${s.requestId ?? 'absent'}`).join(', '),
      );
      const order = seen.map((s) => s.status).filter((s) => EXPECTED.includes(s));
      const missing = EXPECTED.filter((s) => !order.includes(s));
      check(
        missing.length === 0,
        'SECWP16-L01.FR.04',
        `statuses ${EXPECTED.join(' -> ')}`,
        `got ${seen.map((s) => s.status).join(' -> ') || 'none'}`,
      );
      check(
        EXPECTED.every((s, i) => i === 0 || order.indexOf(s) > order.indexOf(EXPECTED[i - 1])),
        'SECWP16-L01.FR.04',
        `statuses in the order ${EXPECTED.join(' -> ')}`,
        order.join(' -> '),
      );
    } finally {
      await server.stop();
    }
  },
);
