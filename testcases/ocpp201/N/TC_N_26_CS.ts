import { check, defineCase } from '../../../src/dsl.js';
import { freshRequestId, refusedLocation } from '../../../src/kit/index.js';

/** Log upload failure statuses a station may report (UploadLogStatusEnumType). */
const FAILURES = ['UploadFailure', 'BadMessage', 'PermissionDenied', 'NotSupportedOperation'];

export default defineCase(
  {
    id: 'TC_N_26_CS',
    title: 'Retrieve Log Information - Diagnostics Log - Upload failed',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'N',
    profiles: ['Core'],
    requirements: ['N01.FR.10', 'N01.FR.01'],
    purpose:
      'Asked to upload its diagnostics log to a location that refuses every connection, the station reports the upload failed (with the requestId), never Uploaded.',
    fault: 'log-failure-reported-uploaded',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    csms.respondTo('LogStatusNotification', {});
    const requestId = freshRequestId();
    const remoteLocation = await refusedLocation(`/logs/DiagnosticsLog-${requestId}.log`);

    ctx.step('GetLog DiagnosticsLog to a loopback port nobody listens on (no retries)');
    const res = await csms.call(
      'GetLog',
      { logType: 'DiagnosticsLog', requestId, retries: 0, log: { remoteLocation } },
      { requirement: 'N01.FR.01' },
    );
    // A station without a diagnostics log may refuse (N01.FR.05): then there is no upload to fail.
    if (res.status === 'Rejected') ctx.inconclusive('the station refused GetLog DiagnosticsLog (no diagnostics log available)');
    ctx.expectOneOf(res.status, ['Accepted'], 'N01.FR.01', 'GetLogResponse.status');

    ctx.step('The station reports the upload failed with the requestId; Uploading before it is allowed, Uploaded is not');
    // Whether a refused connection counts as a started upload (Uploading first) is the station's view: both are accepted.
    const outcome = await csms.expectCall('LogStatusNotification', {
      where: (p) => p.requestId === requestId && p.status !== 'Uploading',
      whereText: `the outcome of upload ${requestId}`,
      within: ctx.waits.twoMessages,
      requirement: 'N01.FR.10',
    });
    check(FAILURES.includes(outcome.payload.status), 'N01.FR.10', `a failure status (${FAILURES.join(', ')})`, outcome.payload.status);
  },
);
