import { defineCase } from '../../../src/dsl.js';
import { checkAcceptedOfTypes, cleanUpCertificate as cleanUp, findListed, freshRoot, installAccepted, listInstalledCertificates as list } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_13_CS',
    title: 'Retrieve certificates from Charging Station - ManufacturerRootCertificate',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'M',
    requirements: ['M03.FR.04', 'M03.FR.03', 'M03.FR.01'],
    purpose:
      'Asked for its manufacturer roots, the station answers Accepted with only ManufacturerRootCertificate entries, and the entry of a root the harness installed carries exactly the RFC 6960 hash data the harness computes from it; in particular issuerKeyHash covers the public key bits only, not the whole SubjectPublicKeyInfo.',
    fault: 'issuer-key-hash-over-spki',
  },
  async (ctx) => {
    await ctx.given('Booted');
    const root = freshRoot(ctx, 'M13 manufacturer root');
    try {
      ctx.step('Precondition: the harness installs a manufacturer root of its own');
      await installAccepted(ctx, 'ManufacturerRootCertificate', root, 'M05.FR.02');

      ctx.step('The harness asks for the installed ManufacturerRootCertificates; the station answers Accepted with manufacturer roots only');
      const res = await list(ctx, ['ManufacturerRootCertificate'], 'M03.FR.01');
      const chain = checkAcceptedOfTypes(ctx, res, ['ManufacturerRootCertificate'], 'M03.FR.03');

      ctx.step('The entry for the installed root has the hash data the harness recomputes, field by field');
      findListed(ctx, chain, 'ManufacturerRootCertificate', root, 'M03.FR.04', 'the installed manufacturer root');
    } finally {
      await cleanUp(ctx, root);
    }
  },
);
