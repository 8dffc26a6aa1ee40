import { defineCase } from '../../../src/dsl.js';
import { expectGetInstalledCertificateIds } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_19_CSMS',
    title: 'Retrieve certificates from Charging Station - No matching certificate found',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'M',
    profiles: ['Advanced Security'],
    requirements: ['M03.FR.03', 'M03.FR.01'],
    purpose:
      'When a station has no certificate of the type the CSMS asked for and answers NotFound, the CSMS takes that as the answer and does not repeat the request on its own.',
    fault: 'getinstalledcerts-notfound-resent',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The operator makes the CSMS ask for the installed MO root certificates');
    const req = await expectGetInstalledCertificateIds(ctx, ['MORootCertificate'], 'M03.FR.01');

    ctx.step('The station has none and answers NotFound; the CSMS does not ask again');
    await station.reply(req, { status: 'NotFound' });
    await station.expectNoCall('GetInstalledCertificateIds', { within: config.timeouts.silenceMs, requirement: 'M03.FR.03' });
  },
);
