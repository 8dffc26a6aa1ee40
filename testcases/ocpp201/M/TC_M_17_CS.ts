import { defineCase } from '../../../src/dsl.js';
import {
  checkAcceptedOfTypes,
  cleanUpCertificate as cleanUp,
  findListed,
  freshRoot,
  installAccepted,
  listInstalledCertificates as list,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_17_CS',
    title: 'Retrieve certificates from Charging Station - CSMSRootCertificate and ManufacturerRootCertificate',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'M',
    requirements: ['M03.FR.04', 'M03.FR.03', 'M03.FR.01'],
    purpose:
      'Asked for two certificate types in one request, the station lists the installed certificates of both types (and no others), each with the hash data the harness computes.',
    fault: 'list-only-first-type',
  },
  async (ctx) => {
    await ctx.given('Booted');
    const csmsRoot = freshRoot(ctx, 'M17 CSMS root');
    const mfRoot = freshRoot(ctx, 'M17 manufacturer root');
    try {
      ctx.step('Precondition: the harness installs a CSMS root and a manufacturer root of its own');
      await installAccepted(ctx, 'CSMSRootCertificate', csmsRoot, 'M05.FR.02');
      await installAccepted(ctx, 'ManufacturerRootCertificate', mfRoot, 'M05.FR.02');

      ctx.step(
        'The harness asks for CSMSRootCertificate and ManufacturerRootCertificate together; the station answers Accepted with those types only',
      );
      const types = ['CSMSRootCertificate', 'ManufacturerRootCertificate'] as const;
      const res = await list(ctx, [...types], 'M03.FR.01');
      const chain = checkAcceptedOfTypes(ctx, res, [...types], 'M03.FR.03');

      ctx.step('Both installed roots are listed, each under its own type with the hash data the harness recomputes');
      findListed(ctx, chain, 'CSMSRootCertificate', csmsRoot, 'M03.FR.04', 'the installed CSMS root');
      findListed(ctx, chain, 'ManufacturerRootCertificate', mfRoot, 'M03.FR.04', 'the installed manufacturer root');
    } finally {
      await cleanUp(ctx, csmsRoot);
      await cleanUp(ctx, mfRoot);
    }
  },
);
