import { defineCase } from '../../../src/dsl.js';
import { expectGetInstalledCertificateIds, installedCertificateChain, type ListUse } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_17_CSMS',
    title: 'Retrieve certificates from Charging Station - CSMSRootCertificate & ManufacturerRootCertificate',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'M',
    profiles: ['Advanced Security'],
    requirements: ['M03.FR.01', 'M03.FR.02'],
    purpose:
      "Asked for the certificates of type CSMSRootCertificate and ManufacturerRootCertificate installed on a station, the CSMS sends GetInstalledCertificateIds naming exactly that choice of types, and takes the station's list of certificate hash data.",
    fault: 'getinstalledcerts-first-type-only',
  },
  async (ctx) => {
    const types: ListUse[] | undefined = ['CSMSRootCertificate', 'ManufacturerRootCertificate'];
    await ctx.given('Booted');

    ctx.step('The operator makes the CSMS ask for the installed certificates of type CSMSRootCertificate and ManufacturerRootCertificate');
    const req = await expectGetInstalledCertificateIds(ctx, types, 'M03.FR.01');

    ctx.step('The station answers with the hash data of its matching certificates');
    await ctx.station.reply(req, { status: 'Accepted', certificateHashDataChain: installedCertificateChain(ctx, types) });
  },
);
