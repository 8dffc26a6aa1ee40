import { check, defineCase, type RequestOf } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_081_CSMS',
    title: 'Secure Firmware Update - Invalid Signature',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    requirements: ['SECWP16-L01.FR.03', 'SECWP16-L01.FR.01', 'SECWP16-A04.FR.03'],
    purpose:
      'A signed firmware update whose signature the charge point cannot verify: after SignedUpdateFirmware is accepted and the file downloaded, the charge point reports SignedFirmwareStatusNotification InvalidSignature and the security event InvalidFirmwareSignature. The central system acknowledges every status notification, including InvalidSignature, and the event.',
    features: ['Security.SecureFirmwareUpdate'],
    fault: 'signed-fw-status-legacy-enum',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator starts a firmware update: the central system sends SignedUpdateFirmware');
    await ctx.manual(
      'csmsSend',
      { message: 'SignedUpdateFirmware', stationId: config.stationId },
      `Make the central system send a signed firmware update to ${config.stationId} (SignedUpdateFirmware).`,
    );
    const req = await station.expectCall('SignedUpdateFirmware', { requirement: 'SECWP16-L01.FR.01' });
    const requestId = req.payload.requestId;
    check(Number.isInteger(requestId), 'SECWP16-L01.FR.01', 'an integer requestId', requestId);
    await station.reply(req, { status: 'Accepted' });

    const notify = async (status: RequestOf<'1.6', 'SignedFirmwareStatusNotification'>['status'], requirement: string) => {
      const ack = await station.call('SignedFirmwareStatusNotification', { status, requestId }, { requirement });
      check(
        Object.keys(ack).length === 0,
        requirement,
        `an empty SignedFirmwareStatusNotification.conf for ${status}`,
        JSON.stringify(ack),
      );
    };
    ctx.step('The charge point downloads the firmware (Downloading, Downloaded)');
    await notify('Downloading', 'SECWP16-L01.FR.01');
    await notify('Downloaded', 'SECWP16-L01.FR.01');

    ctx.step('The signature does not verify: the charge point reports InvalidSignature and the central system acknowledges it');
    await notify('InvalidSignature', 'SECWP16-L01.FR.03');

    ctx.step('The charge point reports the security event InvalidFirmwareSignature: the central system acknowledges it');
    const ack = await station.call(
      'SecurityEventNotification',
      { type: 'InvalidFirmwareSignature', timestamp: ctx.nowIso(), techInfo: `request ${requestId}` },
      { requirement: 'SECWP16-A04.FR.03' },
    );
    check(Object.keys(ack).length === 0, 'SECWP16-A04.FR.03', 'an empty SecurityEventNotification.conf', JSON.stringify(ack));
  },
);
