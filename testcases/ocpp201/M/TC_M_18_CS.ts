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
    id: 'TC_M_18_CS',
    title: 'Retrieve certificates from Charging Station - All certificateTypes',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'M',
    requirements: ['M03.FR.03', 'M03.FR.04', 'M03.FR.01'],
    purpose:
      'Asked for its installed certificates without naming a type, the station answers Accepted and lists the certificates of every type, among them a CSMS root and a manufacturer root the harness installed, each with the hash data the harness computes.',
    fault: 'list-without-type-finds-nothing',
  },
  async (ctx) => {
    await ctx.given('Booted');
    const csmsRoot = freshRoot(ctx, 'M18 CSMS root');
    const mfRoot = freshRoot(ctx, 'M18 manufacturer root');
    try {
      ctx.step('Precondition: the harness installs a CSMS root and a manufacturer root of its own');
      await installAccepted(ctx, 'CSMSRootCertificate', csmsRoot, 'M05.FR.02');
      await installAccepted(ctx, 'ManufacturerRootCertificate', mfRoot, 'M05.FR.02');

      ctx.step('The harness sends GetInstalledCertificateIds without certificateType; the station answers Accepted');
      const res = await list(ctx, undefined, 'M03.FR.01');
      const chain = checkAcceptedOfTypes(ctx, res, undefined, 'M03.FR.03');

      ctx.step('Both installed roots are listed, each under its own type with the hash data the harness recomputes');
      findListed(ctx, chain, 'CSMSRootCertificate', csmsRoot, 'M03.FR.04', 'the installed CSMS root');
      findListed(ctx, chain, 'ManufacturerRootCertificate', mfRoot, 'M03.FR.04', 'the installed manufacturer root');
      ctx.note(`types listed: ${[...new Set(chain.map((e) => e.certificateType))].join(', ')}`);
    } finally {
      await cleanUp(ctx, csmsRoot);
      await cleanUp(ctx, mfRoot);
    }
  },
);
