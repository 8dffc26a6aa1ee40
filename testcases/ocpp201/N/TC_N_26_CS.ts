import { check, defineCase } from '../../../src/dsl.js';
import { refusedLocation, requestDiagnosticsLog, uploadOutcome } from '../../../src/kit/index.js';

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
    await ctx.given('Booted');
    const location = await refusedLocation('/logs/');

    ctx.step('GetLog DiagnosticsLog to a loopback port nobody listens on (no retries)');
    const { requestId, status } = await requestDiagnosticsLog(ctx, (id) => `${location}DiagnosticsLog-${id}.log`, 'N01.FR.01', {
      retries: 0,
    });
    ctx.expectOneOf(status, ['Accepted'], 'N01.FR.01', 'GetLogResponse.status');

    ctx.step('The station reports the upload failed with the requestId; Uploading before it is allowed, Uploaded is not');
    // Whether a refused connection counts as a started upload (Uploading first) is the station's view: both are accepted.
    const outcome = await uploadOutcome(ctx, requestId, 'N01.FR.10');
    check(FAILURES.includes(outcome), 'N01.FR.10', `a failure status (${FAILURES.join(', ')})`, outcome);
  },
);
