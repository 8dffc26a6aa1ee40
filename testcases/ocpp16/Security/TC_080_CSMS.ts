import { check, defineCase, type RequestOf } from '../../../src/dsl.js';
import { verifyChain, splitPemChain, downloadFile, verifyFirmwareSignature } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_080_CSMS',
    title: 'Secure Firmware Update',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    requirements: ['SECWP16-L01.FR.09', 'SECWP16-L01.FR.11', 'SECWP16-L01.FR.01', 'SECWP16-A04.FR.03'],
    purpose:
      "The operator starts a signed firmware update: the central system sends SignedUpdateFirmware with a requestId, a download location, a retrieve time, a firmware signing certificate that chains to the manufacturer root (the test PKI's manufacturer-root) and a signature that verifies over the very file the harness downloads from the location. It then acknowledges every SignedFirmwareStatusNotification of the update (Downloading to Installed) and the FirmwareUpdated security event.",
    features: ['Security.SecureFirmwareUpdate'],
    fault: 'firmware-signature-over-other-bytes',
  },
  async (ctx) => {
    const { station, config, pki } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator starts a firmware update: the central system sends SignedUpdateFirmware');
    await ctx.manual(
      'csmsSend',
      { message: 'SignedUpdateFirmware', stationId: config.stationId },
      `Make the central system send a signed firmware update to ${config.stationId} (SignedUpdateFirmware).`,
    );
    const req = await station.expectCall('SignedUpdateFirmware', { requirement: 'SECWP16-L01.FR.11' });
    const fw = req.payload.firmware ?? {};
    const requestId = req.payload.requestId;
    check(
      !Number.isNaN(Date.parse(fw.retrieveDateTime)),
      'SECWP16-L01.FR.11',
      'firmware.retrieveDateTime is a date-time',
      fw.retrieveDateTime,
    );
    const certs = splitPemChain(String(fw.signingCertificate ?? ''));
    check(
      certs.length >= 1,
      'SECWP16-L01.FR.11',
      'firmware.signingCertificate holds a PEM certificate',
      `${certs.length} PEM certificates`,
    );
    const chain = verifyChain(certs[0], [pki.artifact('manufacturer-root').certPem, ...certs.slice(1)], new Date(ctx.clock.now()));
    check(chain.valid, 'SECWP16-L01.FR.11', 'a signing certificate that chains to the manufacturer root', chain.reason ?? 'invalid');

    ctx.step('The charge point validated the signing certificate: it answers Accepted and downloads the firmware');
    await station.reply(req, { status: 'Accepted' });
    const notify = async (status: RequestOf<'1.6', 'SignedFirmwareStatusNotification'>['status']) => {
      const ack = await station.call('SignedFirmwareStatusNotification', { status, requestId }, { requirement: 'SECWP16-L01.FR.01' });
      check(
        Object.keys(ack).length === 0,
        'SECWP16-L01.FR.01',
        `an empty SignedFirmwareStatusNotification.conf for ${status}`,
        JSON.stringify(ack),
      );
    };
    await notify('Downloading');
    const file = await downloadFile(ctx, String(fw.location ?? ''));
    check(file.ok, 'SECWP16-L01.FR.09', `the firmware file at ${String(fw.location)} can be downloaded`, file.ok ? '' : file.error);
    await notify('Downloaded');

    ctx.step('The charge point verifies the signature over the downloaded file');
    const bytes = (file as { bytes: Buffer }).bytes;
    check(
      verifyFirmwareSignature(certs[0], bytes, String(fw.signature ?? '')),
      'SECWP16-L01.FR.09',
      `firmware.signature verifies over the ${bytes.length}-byte file with the signing certificate's key (SHA-256)`,
      'the signature does not verify',
    );
    await notify('SignatureVerified');

    ctx.step('The charge point installs the firmware and reports it: the central system acknowledges each status and the security event');
    await notify('Installing');
    await notify('Installed');
    const ack = await station.call(
      'SecurityEventNotification',
      { type: 'FirmwareUpdated', timestamp: ctx.nowIso() },
      { requirement: 'SECWP16-A04.FR.03' },
    );
    check(Object.keys(ack).length === 0, 'SECWP16-A04.FR.03', 'an empty SecurityEventNotification.conf', JSON.stringify(ack));
  },
);
