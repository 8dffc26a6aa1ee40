import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_079_CSMS',
    title: 'Get Security Log',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    requirements: ['SECWP16-N01.FR.03', 'SECWP16-N01.FR.01'],
    purpose:
      "The operator fetches the charge point's security log: the central system sends GetLog with logType SecurityLog, a requestId and an absolute upload URL, takes the Accepted answer, and acknowledges the LogStatusNotifications (Uploading, then Uploaded) that carry the same requestId. The upload itself is not performed by the harness.",
    features: ['Security.SecurityLog'],
    fault: 'getlog-wrong-type',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator asks for the security log: the central system sends GetLog');
    await ctx.manual(
      'csmsSend',
      { message: 'GetLog', stationId: config.stationId, logType: 'SecurityLog' },
      `Make the central system request the security log of ${config.stationId} (GetLog, logType SecurityLog).`,
    );
    const req = await station.expectCall('GetLog', { requirement: 'SECWP16-N01.FR.03' });
    check(
      req.payload.logType === 'SecurityLog',
      'SECWP16-N01.FR.03',
      'logType = SecurityLog',
      `logType = ${JSON.stringify(req.payload.logType)}`,
    );
    const requestId = req.payload.requestId;
    check(Number.isInteger(requestId), 'SECWP16-N01.FR.01', 'an integer requestId', requestId);
    let location: URL | undefined;
    try {
      location = new URL(String(req.payload.log?.remoteLocation));
    } catch {
      location = undefined;
    }
    check(
      location !== undefined,
      'SECWP16-N01.FR.01',
      'log.remoteLocation is an absolute URL',
      JSON.stringify(req.payload.log?.remoteLocation),
    );

    ctx.step('The charge point accepts and names the file it will upload');
    await station.reply(req, { status: 'Accepted', filename: 'security.log' });

    ctx.step('The charge point reports the upload progress: the central system acknowledges Uploading and Uploaded');
    for (const status of ['Uploading', 'Uploaded'] as const) {
      const ack = await station.call('LogStatusNotification', { status, requestId }, { requirement: 'SECWP16-N01.FR.01' });
      check(Object.keys(ack).length === 0, 'SECWP16-N01.FR.01', `an empty LogStatusNotification.conf for ${status}`, JSON.stringify(ack));
    }
  },
);
