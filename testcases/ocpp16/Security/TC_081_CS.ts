import { randomBytes } from 'node:crypto';
import { check, defineCase } from '../../../src/dsl.js';
import { securityEventNames, answerSecurityMessages16, firmwareSigner16, firmwareStatuses16, serveFile16 } from '../../../src/kit/index.js';

const EVENT = 'InvalidFirmwareSignature';
const INSTALLING = ['SignatureVerified', 'Installing', 'InstallRebooting', 'Installed'];

export default defineCase(
  {
    id: 'TC_081_CS',
    title: 'Secure Firmware Update - Invalid Signature',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    requirements: ['SECWP16-L01.FR.03', 'SECWP16-L01.FR.04', 'SECWP16-A04.FR.01'],
    purpose:
      'The central system starts a signed firmware update whose signature does not match the image (the signing certificate itself is valid). The charge point downloads the image, finds that the signature does not verify, reports InvalidSignature with SignedFirmwareStatusNotification, raises the InvalidFirmwareSignature security event and installs nothing.',
    features: ['Security.SecureFirmwareUpdate'],
    fault: 'firmware-signature-not-checked',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    check(
      securityEventNames('1.6').includes(EVENT),
      'SECWP16-L01.FR.03',
      `${EVENT} is a 1.6 event name`,
      securityEventNames('1.6').join(', '),
    );
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);
    const signer = firmwareSigner16(ctx);
    const image = randomBytes(4096);
    const server = await serveFile16(ctx, '/firmware/tc081.bin', image);
    try {
      const requestId = 8000 + Math.floor(Math.random() * 1000);
      // A genuine signature, but over other bytes: the image the charge point downloads does not match it.
      const signature = signer.sign(randomBytes(4096));

      ctx.step('The harness sends SignedUpdateFirmware whose signature does not match the image');
      const res = await csms.call(
        'SignedUpdateFirmware',
        {
          requestId,
          firmware: { location: server.url, retrieveDateTime: ctx.nowIso(), signingCertificate: signer.certificatePem, signature },
        },
        { requirement: 'SECWP16-L01.FR.03' },
      );
      ctx.expectOneOf(res.status, ['Accepted'], 'SECWP16-L01.FR.03', 'SignedUpdateFirmware.conf status (the certificate is valid)');

      ctx.step('The charge point downloads the image and reports InvalidSignature; nothing is installed');
      const seen = await firmwareStatuses16(ctx, config.timeouts.connectMs + 6 * config.timeouts.messageMs, 'SECWP16-L01.FR.03');
      ctx.note(
        `statuses: ${seen.map((s) => `${s.status}(${s.requestId ?? '-'})`).join(', ') || 'none'}; image fetched ${server.fetches()} time(s)`,
      );
      const installing = seen.filter((s) => INSTALLING.includes(s.status));
      check(
        installing.length === 0,
        'SECWP16-L01.FR.03',
        'no SignatureVerified / Installing / Installed for an image with a bad signature',
        installing.map((s) => s.status).join(', '),
      );
      check(
        seen.some((s) => s.status === 'InvalidSignature'),
        'SECWP16-L01.FR.03',
        'SignedFirmwareStatusNotification InvalidSignature',
        seen.map((s) => s.status).join(' -> ') || 'none',
      );

      ctx.step(`The charge point reports a SecurityEventNotification of type ${EVENT}`);
      const ev = await csms.expectCall('SecurityEventNotification', {
        where: (p) => p.type === EVENT,
        whereText: `type = ${EVENT}`,
        within: ctx.waits.twoMessages,
        requirement: 'SECWP16-L01.FR.03',
      });
      ctx.note(`event ${ev.payload.type} at ${ev.payload.timestamp}`);
    } finally {
      await server.stop();
    }
  },
);
