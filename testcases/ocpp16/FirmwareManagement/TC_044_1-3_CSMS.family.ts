import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { bootNotification16, expectAbsoluteUrl16, operatorCall16, statusNotification16 } from '../../../src/kit/index.js';

type FwStatus = 'Downloading' | 'Downloaded' | 'DownloadFailed' | 'Installing' | 'Installed' | 'InstallationFailed';

/**
 * An operator updates the firmware of a charge point; the charge point reports the progress with
 * FirmwareStatusNotification: installed (and rebooted), the download failed, or the installation
 * failed. The central system sends a usable UpdateFirmware and answers every report.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_044_1_CSMS',
      title: 'Firmware Update - Download and Install',
      statuses: ['Downloading', 'Downloaded', 'Installing'] as FwStatus[],
      reboot: true,
      purpose:
        'An operator updates the firmware: the central system sends UpdateFirmware with an absolute location and a retrieve date, answers the Downloading, Downloaded and Installing reports, accepts the boot after the restart and answers the Installed report.',
    },
    {
      id: 'TC_044_2_CSMS',
      title: 'Firmware Update - Download Failed',
      statuses: ['Downloading', 'DownloadFailed'] as FwStatus[],
      reboot: false,
      purpose:
        'An operator updates the firmware and the download fails: the central system sends UpdateFirmware with an absolute location and a retrieve date and answers the Downloading and DownloadFailed reports.',
    },
    {
      id: 'TC_044_3_CSMS',
      title: 'Firmware Update - Installation Failed',
      statuses: ['Downloading', 'Downloaded', 'Installing', 'InstallationFailed'] as FwStatus[],
      reboot: false,
      purpose:
        'An operator updates the firmware and the installation fails: the central system sends UpdateFirmware with an absolute location and a retrieve date and answers every report up to InstallationFailed.',
    },
  ],
  ({ statuses, reboot, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'csms',
        block: 'FirmwareManagement',
        profiles: ['FirmwareManagement'],
        features: ['FirmwareManagement'],
        requirements: ['OCPP16-5.19', 'OCPP16-4.5', 'OCPP16-4.2'],
        fault: 'updatefirmware-location-relative',
      },
      async (ctx) => {
        const { station, config } = ctx;
        await ctx.given('Booted');

        ctx.step('The operator updates the firmware: the central system sends UpdateFirmware');
        const req = await operatorCall16(
          ctx,
          'UpdateFirmware',
          {},
          'OCPP16-5.19',
          `Make the central system send UpdateFirmware to ${config.stationId}.`,
        );
        expectAbsoluteUrl16(req.payload.location, 'OCPP16-5.19', 'UpdateFirmware.req location');
        check(
          !Number.isNaN(Date.parse(String(req.payload.retrieveDate))),
          'OCPP16-5.19',
          'UpdateFirmware.req retrieveDate is a date',
          req.payload.retrieveDate,
        );
        await station.reply(req, {});

        const report = (status: FwStatus) => station.call('FirmwareStatusNotification', { status }, { requirement: 'OCPP16-4.5' });
        ctx.step(`The charge point reports ${statuses.join(', ')}: the central system answers each`);
        for (const status of statuses) await report(status);

        if (reboot) {
          ctx.step('The charge point restarts on the new firmware: the central system accepts the boot');
          station.close(1000, 'installing firmware');
          await station.connect({ requirement: 'OCPP16-4.2' });
          const boot = await station.call(
            'BootNotification',
            { ...bootNotification16(), firmwareVersion: '1.0.1' },
            { requirement: 'OCPP16-4.2' },
          );
          ctx.expectOneOf(boot.status, ['Accepted'], 'OCPP16-4.2', 'BootNotification.conf status after the firmware update');
          await statusNotification16(ctx, 'Available', 0);
          await statusNotification16(ctx, 'Available');

          ctx.step('The charge point reports Installed: the central system answers it');
          await report('Installed');
        }
      },
    ),
);
