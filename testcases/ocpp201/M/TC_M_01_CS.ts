import { defineCase } from '../../../src/dsl.js';
import { checkAcceptedOfTypes, cleanUpCertificate as cleanUp, findListed, freshRoot, installAccepted, listInstalledCertificates as list } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_01_CS',
    title: 'Install CA certificate - CSMSRootCertificate',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'M',
    requirements: ['M05.FR.02', 'M05.FR.01', 'M03.FR.03'],
    purpose:
      'A valid CA certificate sent with InstallCertificate as CSMSRootCertificate is accepted (AdditionalRootCertificateCheck is off, so it need not be signed by the current root) and is from then on listed among the CSMS roots.',
    fault: 'csms-root-install-requires-old-signer',
  },
  async (ctx) => {
    await ctx.given('Booted');
    const root = freshRoot(ctx, 'M01 CSMS root');
    try {
      ctx.step('The harness installs a new, valid, self-signed CA certificate as CSMSRootCertificate; the station accepts it');
      await installAccepted(ctx, 'CSMSRootCertificate', root, 'M05.FR.02');

      ctx.step('The station lists the certificate among its CSMS roots, with the hash data the harness computes from it');
      const res = await list(ctx, ['CSMSRootCertificate'], 'M03.FR.03');
      const chain = checkAcceptedOfTypes(ctx, res, ['CSMSRootCertificate'], 'M05.FR.02');
      findListed(ctx, chain, 'CSMSRootCertificate', root, 'M05.FR.02', 'the certificate just installed');
    } finally {
      await cleanUp(ctx, root);
    }
  },
);
