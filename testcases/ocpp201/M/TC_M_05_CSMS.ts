import { defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_M_05_CSMS',
    title: 'Install CA certificate - Failed',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'M',
    profiles: ['Advanced Security'],
    requirements: ['M05.FR.02', 'M05.FR.01'],
    purpose:
      'When a station answers InstallCertificate with Failed, the CSMS takes the answer as final: it does not send the same certificate again on its own.',
    fault: 'installcert-failed-resent',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator makes the CSMS install its root certificate on the station');
    await ctx.manual(
      'csmsSend',
      { message: 'InstallCertificate', stationId: config.stationId, certificateType: 'CSMSRootCertificate' },
      `Make the CSMS install its CSMS root certificate on station ${config.stationId}`,
    );
    const req = await station.expectCall('InstallCertificate', { requirement: 'M05.FR.01' });

    ctx.step('The station answers Failed; the CSMS does not resend it');
    await station.reply(req, { status: 'Failed' });
    await station.expectNoCall('InstallCertificate', { within: config.timeouts.silenceMs, requirement: 'M05.FR.02' });
  },
);
