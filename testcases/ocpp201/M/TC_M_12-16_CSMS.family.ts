import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { expectGetInstalledCertificateIds, installedCertificateChain } from '../../../src/kit/index.js';

/** The operator makes the CSMS ask for the installed certificates of one type, one case per type (M_14-16: the ISO 15118 types). */
export default defineCaseFamily(
  [
    {
      id: 'TC_M_12_CSMS',
      title: 'Retrieve certificates from Charging Station - CSMSRootCertificate',
      type: 'CSMSRootCertificate',
      profiles: ['Advanced Security'],
    },
    {
      id: 'TC_M_13_CSMS',
      title: 'Retrieve certificates from Charging Station - ManufacturerRootCertificate',
      type: 'ManufacturerRootCertificate',
      profiles: ['Advanced Security'],
    },
    {
      id: 'TC_M_14_CSMS',
      title: 'Retrieve certificates from Charging Station - V2GRootCertificate',
      type: 'V2GRootCertificate',
      profiles: ['ISO 15118 support'],
    },
    {
      id: 'TC_M_15_CSMS',
      title: 'Retrieve certificates from Charging Station - V2GCertificateChain',
      type: 'V2GCertificateChain',
      profiles: ['ISO 15118 support'],
    },
    {
      id: 'TC_M_16_CSMS',
      title: 'Retrieve certificates from Charging Station - MORootCertificate',
      type: 'MORootCertificate',
      profiles: ['ISO 15118 support'],
    },
  ] as const,
  ({ type, ...row }) =>
    defineCase(
      {
        ...row,
        profiles: [...row.profiles],
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'M',
        requirements: ['M03.FR.01', 'M03.FR.02'],
        purpose: `Asked for the certificates of type ${type} installed on a station, the CSMS sends GetInstalledCertificateIds naming exactly that choice of types, and takes the station's list of certificate hash data.`,
        fault: 'getinstalledcerts-type-dropped',
      },
      async (ctx) => {
        const types = [type];
        await ctx.given('Booted');

        ctx.step(`The operator makes the CSMS ask for the installed certificates of type ${type}`);
        const req = await expectGetInstalledCertificateIds(ctx, types, 'M03.FR.01');

        // The harness station holds no V2G chain or MO root: for those it answers NotFound (M03.FR.03).
        const chain = installedCertificateChain(ctx, types);
        ctx.step(
          chain.length
            ? 'The station answers with the hash data of its matching certificates'
            : 'The station has no such certificate: NotFound',
        );
        await ctx.station.reply(req, chain.length ? { status: 'Accepted', certificateHashDataChain: chain } : { status: 'NotFound' });
      },
    ),
);
