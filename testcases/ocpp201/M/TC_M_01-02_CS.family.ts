import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  checkAcceptedOfTypes,
  cleanUpCertificate as cleanUp,
  findListed,
  freshRoot,
  installAccepted,
  isListed,
  listInstalledCertificates as list,
} from '../../../src/kit/index.js';

/**
 * Install a CA certificate on the station, one case per certificate type. A root that is not a
 * CSMS root must not be listed among the CSMS roots either (the station would trust it for its
 * CSMS connection).
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_M_01_CS',
      title: 'Install CA certificate - CSMSRootCertificate',
      type: 'CSMSRootCertificate',
      label: 'M01 CSMS root',
      listedAs: 'CSMS roots',
      purpose:
        'A valid CA certificate sent with InstallCertificate as CSMSRootCertificate is accepted (AdditionalRootCertificateCheck is off, so it need not be signed by the current root) and is from then on listed among the CSMS roots.',
      fault: 'csms-root-install-requires-old-signer',
    },
    {
      id: 'TC_M_02_CS',
      title: 'Install CA certificate - ManufacturerRootCertificate',
      type: 'ManufacturerRootCertificate',
      label: 'M02 manufacturer root',
      listedAs: 'manufacturer roots',
      purpose:
        'A valid CA certificate sent with InstallCertificate as ManufacturerRootCertificate is accepted and kept under that type: it is listed as a manufacturer root and not as a CSMS root (which would make the station trust it for its CSMS connection).',
      fault: 'manufacturer-root-stored-as-csms-root',
    },
  ] as const,
  ({ type, label, listedAs, ...row }) =>
    defineCase({ ...row, ocpp: '2.0.1', sut: 'cs', block: 'M', requirements: ['M05.FR.02', 'M05.FR.01', 'M03.FR.03'] }, async (ctx) => {
      await ctx.given('Booted');
      const root = freshRoot(ctx, label);
      try {
        ctx.step(`The harness installs a new, valid, self-signed CA certificate as ${type}; the station accepts it`);
        await installAccepted(ctx, type, root, 'M05.FR.02');

        ctx.step(`The station lists the certificate among its ${listedAs}, with the hash data the harness computes from it`);
        const res = await list(ctx, [type], 'M03.FR.03');
        const chain = checkAcceptedOfTypes(ctx, res, [type], 'M05.FR.02');
        findListed(ctx, chain, type, root, 'M05.FR.02', 'the certificate just installed');

        if (type !== 'CSMSRootCertificate') {
          ctx.step('The certificate is not listed among the CSMS roots');
          const csms = await list(ctx, ['CSMSRootCertificate'], 'M03.FR.03');
          check(
            !isListed(csms.certificateHashDataChain, root),
            'M05.FR.01',
            `the ${listedAs.replace(/s$/, '')} not listed as a CSMSRootCertificate`,
            csms.certificateHashDataChain,
          );
        }
      } finally {
        await cleanUp(ctx, root);
      }
    }),
);
