import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { expectGetInstalledCertificateIds, installedCertificateChain } from '../../../src/kit/index.js';

/** The operator makes the CSMS ask for the installed certificates of one type, one case per type. */
export default defineCaseFamily(
  [
    { id: 'TC_M_12_CSMS', title: 'Retrieve certificates from Charging Station - CSMSRootCertificate', type: 'CSMSRootCertificate' },
    {
      id: 'TC_M_13_CSMS',
      title: 'Retrieve certificates from Charging Station - ManufacturerRootCertificate',
      type: 'ManufacturerRootCertificate',
    },
  ] as const,
  ({ type, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'M',
        profiles: ['Advanced Security'],
        requirements: ['M03.FR.01', 'M03.FR.02'],
        purpose: `Asked for the certificates of type ${type} installed on a station, the CSMS sends GetInstalledCertificateIds naming exactly that choice of types, and takes the station's list of certificate hash data.`,
        fault: 'getinstalledcerts-type-dropped',
      },
      async (ctx) => {
        const types = [type];
        await ctx.given('Booted');

        ctx.step(`The operator makes the CSMS ask for the installed certificates of type ${type}`);
        const req = await expectGetInstalledCertificateIds(ctx, types, 'M03.FR.01');

        ctx.step('The station answers with the hash data of its matching certificates');
        await ctx.station.reply(req, { status: 'Accepted', certificateHashDataChain: installedCertificateChain(ctx, types) });
      },
    ),
);
