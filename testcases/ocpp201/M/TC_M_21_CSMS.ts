import { defineCase } from '../../../src/dsl.js';
import { expectGetInstalledCertificateIds, installedCertificateChain } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_21_CSMS',
    title: 'Delete a certificate from a Charging Station - Failed',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'M',
    profiles: ['Advanced Security'],
    requirements: ['M04.FR.02', 'M04.FR.01'],
    purpose:
      'When a station answers DeleteCertificate with Failed, the CSMS takes the answer as final and does not send the deletion again on its own.',
    fault: 'deletecert-failed-resent',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The CSMS reads the installed certificates');
    const get = await expectGetInstalledCertificateIds(ctx, undefined, 'M04.FR.01');
    await station.reply(get, { status: 'Accepted', certificateHashDataChain: installedCertificateChain(ctx, undefined) });

    ctx.step('The operator makes the CSMS delete the manufacturer root certificate');
    await ctx.manual(
      'csmsSend',
      { message: 'DeleteCertificate', stationId: config.stationId, certificateType: 'ManufacturerRootCertificate' },
      `Make the CSMS delete the manufacturer root certificate from station ${config.stationId}`,
    );
    const del = await station.expectCall('DeleteCertificate', { requirement: 'M04.FR.01' });

    ctx.step('The station answers Failed; the CSMS does not resend the deletion');
    await station.reply(del, { status: 'Failed' });
    await station.expectNoCall('DeleteCertificate', { within: config.timeouts.silenceMs, requirement: 'M04.FR.02' });
  },
);
