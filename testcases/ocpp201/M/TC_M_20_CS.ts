import { check, defineCase } from '../../../src/dsl.js';
import {
  checkAcceptedOfTypes,
  cleanUpCertificate as cleanUp,
  findListed,
  freshRoot,
  installAccepted,
  isListed,
  listInstalledCertificates as list,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_20_CS',
    title: 'Delete a certificate from a Charging Station - Success',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'M',
    requirements: ['M04.FR.02', 'M04.FR.01', 'M03.FR.04'],
    purpose:
      'A CSMS root the harness installed is deleted with DeleteCertificate, using the hash data the station itself reported for it: the station answers Accepted and no longer lists the certificate.',
    fault: 'delete-accepted-but-kept',
  },
  async (ctx) => {
    await ctx.given('Booted');
    const root = freshRoot(ctx, 'M20 CSMS root');
    let deleted = false;
    try {
      ctx.step('Precondition: the harness installs a CSMS root of its own');
      await installAccepted(ctx, 'CSMSRootCertificate', root, 'M05.FR.02');

      ctx.step('The harness reads the hash data the station reports for that root');
      const before = await list(ctx, ['CSMSRootCertificate'], 'M03.FR.01');
      const entry = findListed(
        ctx,
        checkAcceptedOfTypes(ctx, before, ['CSMSRootCertificate'], 'M03.FR.03'),
        'CSMSRootCertificate',
        root,
        'M03.FR.04',
        'the installed CSMS root',
      );

      ctx.step('The harness deletes the certificate with that hash data; the station answers Accepted');
      const status = await ctx.csms.call(
        'DeleteCertificate',
        { certificateHashData: entry.certificateHashData },
        { requirement: 'M04.FR.01' },
      );
      ctx.expectOneOf(status.status, ['Accepted'], 'M04.FR.02', 'DeleteCertificate status');

      ctx.step('The deleted certificate is no longer listed');
      const after = await list(ctx, ['CSMSRootCertificate'], 'M03.FR.01');
      ctx.expectOneOf(after.status, ['Accepted', 'NotFound'], 'M03.FR.01', 'GetInstalledCertificateIds status');
      const still = isListed(after.certificateHashDataChain, root);
      deleted = !still;
      check(!still, 'M04.FR.02', 'the deleted CSMS root no longer listed', after.certificateHashDataChain);
    } finally {
      if (!deleted) await cleanUp(ctx, root);
    }
  },
);
