import { check, defineCase } from '../../../src/dsl.js';
import { UploadServer, answerSecurityMessages16 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_079_CS',
    title: 'Get Security Log',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    requirements: ['SECWP16-N01.FR.03', 'SECWP16-N01.FR.01', 'SECWP16-A04.FR.04'],
    purpose:
      "The central system asks for the charge point's security log with GetLog(SecurityLog) and an upload location. The charge point accepts, reports the upload with LogStatusNotification (Uploading, then Uploaded) carrying the request's requestId, and the log file arrives at the location.",
    features: ['Security.SecurityLog'],
    fault: 'getlog-security-log-rejected',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);
    const upload = new UploadServer({ maxRequests: 10 });
    await upload.start();
    try {
      const requestId = 7000 + Math.floor(Math.random() * 1000);
      const remoteLocation = upload.url(`/logs/${requestId}/`);
      ctx.note(`upload location ${remoteLocation}`);

      ctx.step('The harness sends GetLog(SecurityLog) with an upload location; the charge point accepts');
      const res = await csms.call(
        'GetLog',
        { logType: 'SecurityLog', requestId, log: { remoteLocation } },
        { requirement: 'SECWP16-N01.FR.03' },
      );
      ctx.expectOneOf(res.status, ['Accepted'], 'SECWP16-N01.FR.03', 'GetLog.conf status');
      if (res.filename !== undefined) ctx.note(`file name ${JSON.stringify(res.filename)}`);

      ctx.step('The charge point reports Uploading for the request');
      const within = ctx.waits.twoMessages;
      const uploading = await csms.expectCall('LogStatusNotification', {
        where: (p) => p.status === 'Uploading',
        whereText: 'status Uploading',
        within,
        requirement: 'SECWP16-N01.FR.01',
      });
      check(
        uploading.payload.requestId === requestId,
        'SECWP16-N01.FR.01',
        `requestId ${requestId}`,
        `requestId ${JSON.stringify(uploading.payload.requestId ?? null)}`,
      );

      ctx.step('The charge point reports Uploaded and the log file arrives');
      const done = await csms.expectCall('LogStatusNotification', {
        where: (p) => p.status !== 'Uploading',
        whereText: 'a final status',
        after: uploading,
        within,
        requirement: 'SECWP16-N01.FR.01',
      });
      ctx.expectOneOf(done.payload.status, ['Uploaded'], 'SECWP16-N01.FR.01', 'LogStatusNotification status');
      check(
        done.payload.requestId === requestId,
        'SECWP16-N01.FR.01',
        `requestId ${requestId}`,
        `requestId ${JSON.stringify(done.payload.requestId ?? null)}`,
      );
      const file = await upload.waitFor(
        (r) => (r.method === 'PUT' || r.method === 'POST') && r.path.startsWith(`/logs/${requestId}/`),
        config.timeouts.messageMs,
        ctx.abort,
      );
      check(
        file !== undefined,
        'SECWP16-N01.FR.03',
        `an upload to ${remoteLocation}`,
        upload.records.length ? upload.records.map((r) => `${r.method} ${r.path}`).join(', ') : 'nothing received',
      );
      ctx.note(`security log received: ${file.method} ${file.path}, ${file.body.length} bytes`);
    } finally {
      await upload.stop();
    }
  },
);
