import { check, defineCase } from '../../../src/dsl.js';
import { requestDiagnosticsLog, startHoldingServer, startUploadServer, uploadOutcome } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_N_36_CS',
    title: 'Retrieve Log Information - Second Request',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'N',
    profiles: ['Core'],
    requirements: ['N01.FR.20', 'N01.FR.12', 'N01.FR.08', 'N01.FR.09', 'N01.FR.04'],
    purpose:
      'A GetLog arriving while a first upload is still in progress cancels it: answered AcceptedCanceled, the first upload reported AcceptedCanceled with its own requestId, and the second uploaded and reported with its own.',
    fault: 'log-cancel-not-notified',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    const hold = await startHoldingServer();
    const upload = await startUploadServer(ctx);
    try {
      ctx.step('GetLog DiagnosticsLog to a server that accepts the connection and never answers: the upload stays in progress');
      const { requestId: first } = await requestDiagnosticsLog(ctx, (id) => hold.url(`/logs/first-${id}.log`), 'N01.FR.01');
      const started = await csms.expectCall('LogStatusNotification', {
        where: (p) => p.requestId === first,
        whereText: `a status of upload ${first}`,
        within: ctx.waits.twoMessages,
        requirement: 'N01.FR.08',
      });
      if (started.payload.status !== 'Uploading') ctx.inconclusive(`the first upload is not in progress (${started.payload.status})`);

      ctx.step('A second GetLog (DiagnosticsLog, to the upload server) while the first is running: AcceptedCanceled');
      const { requestId: second, status: status2 } = await requestDiagnosticsLog(
        ctx,
        (id) => upload.url(`/logs/second-${id}.log`),
        'N01.FR.12',
        { rejectedIsAnswer: true },
      );
      if (status2 !== 'AcceptedCanceled') {
        // N01.FR.12 is a SHOULD: a station may finish the first upload (Accepted) or refuse the second (Rejected).
        ctx.nonStrict('N01.FR.12', `the second GetLog was answered ${status2}, not AcceptedCanceled: the first upload was not canceled`);
        return;
      }

      ctx.step('The canceled upload is reported AcceptedCanceled with the first requestId');
      await csms.expectCall('LogStatusNotification', {
        where: (p) => p.requestId === first && p.status === 'AcceptedCanceled',
        whereText: `AcceptedCanceled for upload ${first}`,
        within: ctx.waits.twoMessages,
        requirement: 'N01.FR.20',
      });

      ctx.step('The second upload is reported Uploaded with the second requestId, and its file arrives');
      // Uploading before Uploaded is N01.FR.08; here only the outcome and its requestId are judged.
      const done = await uploadOutcome(ctx, second, 'N01.FR.09');
      ctx.expectOneOf(done, ['Uploaded'], 'N01.FR.09', `LogStatusNotification status of upload ${second}`);
      const file = await upload.waitFor((r) => r.path.startsWith(`/logs/second-${second}`), ctx.waits.message, ctx.abort);
      check(
        file !== undefined,
        'N01.FR.04',
        `the diagnostics log uploaded under /logs/second-${second}`,
        `${upload.records.length} requests seen`,
      );
    } finally {
      await upload.stop();
      await hold.stop();
    }
  },
);
