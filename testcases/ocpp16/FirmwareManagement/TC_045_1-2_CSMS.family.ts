import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { expectAbsoluteUrl16, operatorCall16 } from '../../../src/kit/index.js';

/** An operator asks a charge point for its diagnostics file, which is uploaded or fails to upload. */
export default defineCaseFamily(
  [
    {
      id: 'TC_045_1_CSMS',
      title: 'Get Diagnostics',
      final: 'Uploaded' as const,
      purpose:
        'An operator asks for diagnostics: the central system sends GetDiagnostics with an absolute upload location and answers the Uploading and Uploaded reports.',
    },
    {
      id: 'TC_045_2_CSMS',
      title: 'Get Diagnostics - Upload Failed',
      final: 'UploadFailed' as const,
      purpose:
        'An operator asks for diagnostics and the upload fails: the central system sends GetDiagnostics with an absolute upload location and answers the Uploading and UploadFailed reports.',
    },
  ],
  ({ final, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'csms',
        block: 'FirmwareManagement',
        profiles: ['FirmwareManagement'],
        features: ['FirmwareManagement'],
        requirements: ['OCPP16-5.9', 'OCPP16-4.4'],
        fault: 'getdiagnostics-location-relative',
      },
      async (ctx) => {
        const { station, config } = ctx;
        await ctx.given('Booted');

        ctx.step('The operator asks for diagnostics: the central system sends GetDiagnostics');
        const req = await operatorCall16(
          ctx,
          'GetDiagnostics',
          {},
          'OCPP16-5.9',
          `Make the central system send GetDiagnostics to ${config.stationId}.`,
        );
        expectAbsoluteUrl16(req.payload.location, 'OCPP16-5.9', 'GetDiagnostics.req location');

        ctx.step('The charge point answers with the name of the file it will upload');
        await station.reply(req, { fileName: `diagnostics-${config.stationId}.log` });

        ctx.step(`The charge point reports Uploading, then ${final}: the central system answers both`);
        await station.call('DiagnosticsStatusNotification', { status: 'Uploading' }, { requirement: 'OCPP16-4.4' });
        await station.call('DiagnosticsStatusNotification', { status: final }, { requirement: 'OCPP16-4.4' });
      },
    ),
);
