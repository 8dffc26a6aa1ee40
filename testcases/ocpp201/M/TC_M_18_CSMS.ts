import { defineCase } from '../../../src/dsl.js';
import { expectGetInstalledCertificateIds, installedCertificateChain, type ListUse } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_18_CSMS',
    title: 'Retrieve certificates from Charging Station - All certificate types',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'M',
    profiles: ['Advanced Security'],
    requirements: ['M03.FR.01', 'M03.FR.02'],
    purpose:
      "Asked for the certificates of every type installed on a station, the CSMS sends GetInstalledCertificateIds naming exactly that choice (no certificateType, or every type), and takes the station's list of certificate hash data.",
    fault: 'getinstalledcerts-default-type',
  },
  async (ctx) => {
    const types: ListUse[] | undefined = undefined;
    await ctx.given('Booted');

    ctx.step('The operator makes the CSMS ask for the installed certificates of every type');
    const req = await expectGetInstalledCertificateIds(ctx, types, 'M03.FR.01');

    ctx.step('The station answers with the hash data of its matching certificates');
    await ctx.station.reply(req, { status: 'Accepted', certificateHashDataChain: installedCertificateChain(ctx, types) });
  },
);
