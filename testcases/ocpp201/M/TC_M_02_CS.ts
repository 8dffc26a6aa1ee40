import { check, defineCase } from '../../../src/dsl.js';
import { checkAcceptedOfTypes, cleanUpCertificate as cleanUp, findListed, freshRoot, installAccepted, isListed, listInstalledCertificates as list } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_02_CS',
    title: 'Install CA certificate - ManufacturerRootCertificate',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'M',
    requirements: ['M05.FR.02', 'M05.FR.01', 'M03.FR.03'],
    purpose:
      'A valid CA certificate sent with InstallCertificate as ManufacturerRootCertificate is accepted and kept under that type: it is listed as a manufacturer root and not as a CSMS root (which would make the station trust it for its CSMS connection).',
    fault: 'manufacturer-root-stored-as-csms-root',
  },
  async (ctx) => {
    await ctx.given('Booted');
    const root = freshRoot(ctx, 'M02 manufacturer root');
    try {
      ctx.step('The harness installs a new, valid, self-signed CA certificate as ManufacturerRootCertificate; the station accepts it');
      await installAccepted(ctx, 'ManufacturerRootCertificate', root, 'M05.FR.02');

      ctx.step('The station lists the certificate among its manufacturer roots, with the hash data the harness computes from it');
      const res = await list(ctx, ['ManufacturerRootCertificate'], 'M03.FR.03');
      const chain = checkAcceptedOfTypes(ctx, res, ['ManufacturerRootCertificate'], 'M05.FR.02');
      findListed(ctx, chain, 'ManufacturerRootCertificate', root, 'M05.FR.02', 'the certificate just installed');

      ctx.step('The certificate is not listed among the CSMS roots');
      const csms = await list(ctx, ['CSMSRootCertificate'], 'M03.FR.03');
      check(!isListed(csms.certificateHashDataChain, root), 'M05.FR.01', 'the manufacturer root not listed as a CSMSRootCertificate', csms.certificateHashDataChain);
    } finally {
      await cleanUp(ctx, root);
    }
  },
);
