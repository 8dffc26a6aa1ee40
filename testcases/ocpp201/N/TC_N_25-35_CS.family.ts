import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { fetchLog, startUploadServer } from '../../../src/kit/index.js';

/**
 * GetLog success (N01): the harness asks for a log to be uploaded to its loopback upload server;
 * the station accepts with a file name, reports Uploading then Uploaded with the request's
 * requestId, and the file arrives. A station may refuse a DiagnosticsLog it does not have
 * (N01.FR.05): that leaves the case inconclusive. Every station keeps a security log, so refusing
 * the SecurityLog fails.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_N_25_CS',
      title: 'Retrieve Log Information - Diagnostics Log - Success',
      logType: 'DiagnosticsLog',
      requirements: ['N01.FR.04', 'N01.FR.01', 'N01.FR.08', 'N01.FR.09', 'N01.FR.07'],
      fault: 'log-upload-not-sent',
    },
    {
      id: 'TC_N_35_CS',
      title: 'Retrieve Log Information - Security Log - Success',
      logType: 'SecurityLog',
      requirements: ['N01.FR.03', 'N01.FR.01', 'N01.FR.08', 'N01.FR.09', 'N01.FR.07'],
      fault: 'log-upload-skips-uploading',
    },
  ] as const,
  ({ logType, requirements, ...row }) =>
    defineCase(
      {
        ...row,
        requirements: [...requirements],
        ocpp: '2.0.1',
        sut: 'cs',
        block: 'N',
        profiles: ['Core'],
        purpose: `Asked for its ${logType}, the station accepts, reports Uploading then Uploaded with the requestId, and uploads the file to the given location.`,
      },
      async (ctx) => {
        const requirement = requirements[0];
        await ctx.given('Booted');
        const upload = await startUploadServer(ctx);
        try {
          ctx.step(`GetLog ${logType} to the harness upload server: Accepted, Uploading, Uploaded, and the file arrives`);
          const log = await fetchLog(ctx, upload, logType, requirement);
          if (!log.supported) {
            if (logType === 'DiagnosticsLog') ctx.inconclusive(`the station has no diagnostics log to give (${log.why})`);
            check(false, requirement, 'the station uploads its security log on GetLog SecurityLog', log.why);
            return;
          }
          ctx.note(`${logType} (${log.text.length} bytes): ${log.text.slice(0, 300)}`);
        } finally {
          await upload.stop();
        }
      },
    ),
);
