import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { operatorSends } from '../../../src/kit/index.js';

/** The operator asks a station for one of its logs; the station uploads it and reports Uploading, then Uploaded. */
export default defineCaseFamily(
  [
    {
      id: 'TC_N_25_CSMS',
      title: 'Retrieve Log Information - Diagnostics Log - Success',
      logType: 'DiagnosticsLog',
      fault: 'getlog-always-security',
    },
    {
      id: 'TC_N_35_CSMS',
      title: 'Retrieve Log Information - Security Log - Success',
      logType: 'SecurityLog',
      fault: 'getlog-always-diagnostics',
    },
  ] as const,
  ({ logType, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'N',
        profiles: ['Core'],
        requirements: ['N01.FR.01', 'N01.FR.02'],
        purpose: `Asked for the station's ${logType}, the CSMS sends GetLogRequest of that log type with a requestId and an upload location, and answers the LogStatusNotifications of the upload.`,
      },
      async (ctx) => {
        const { station } = ctx;
        await ctx.given('Booted');

        ctx.step(`The operator makes the CSMS ask for the station's ${logType}`);
        const req = await operatorSends(ctx, 'GetLog', { logType }, `Make the CSMS request the ${logType} of the station`, 'N01.FR.01');
        ctx.expectOneOf(req.payload.logType, [logType], 'N01.FR.01', 'GetLogRequest.logType');
        // The upload location and the requestId are the CSMS's choice; the station only needs them present.
        check(req.payload.log.remoteLocation.length > 0, 'N01.FR.01', 'a remote location to upload to', req.payload.log);
        await station.reply(req, { status: 'Accepted', filename: `${logType}.log` });

        ctx.step('The station uploads the log and reports Uploading, then Uploaded; the CSMS answers both');
        const requestId = req.payload.requestId;
        await station.call('LogStatusNotification', { status: 'Uploading', requestId }, { requirement: 'N01.FR.02' });
        await station.call('LogStatusNotification', { status: 'Uploaded', requestId }, { requirement: 'N01.FR.02' });
      },
    ),
);
