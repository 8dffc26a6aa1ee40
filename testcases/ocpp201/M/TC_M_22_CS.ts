import { check, defineCase } from '../../../src/dsl.js';
import {
  cleanUpCertificate as cleanUp,
  expectedHash,
  freshRoot,
  installAccepted,
  isListed,
  listInstalledCertificates as list,
  deleteCertificate as remove,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_22_CS',
    title: 'Delete a certificate from a Charging Station - No matching certificate found',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'M',
    requirements: ['M04.FR.04', 'M04.FR.01'],
    purpose:
      'DeleteCertificate for a certificate the station does not have is answered NotFound, also when the hash data shares the serial number of an installed certificate but names another issuer; the installed certificate stays.',
    fault: 'delete-matches-serial-only',
  },
  async (ctx) => {
    await ctx.given('Booted');
    const root = freshRoot(ctx, 'M22 CSMS root');
    const stranger = freshRoot(ctx, 'M22 never installed');

    ctx.step('The harness asks to delete a certificate it never installed; the station answers NotFound');
    const s1 = await remove(ctx, expectedHash(stranger), 'M04.FR.01');
    ctx.expectOneOf(s1, ['NotFound'], 'M04.FR.04', 'DeleteCertificate status for an unknown certificate');

    try {
      ctx.step('Precondition: the harness installs a CSMS root of its own');
      await installAccepted(ctx, 'CSMSRootCertificate', root, 'M05.FR.02');

      ctx.step("The harness asks to delete a certificate with that root's serial number but another issuer; the station answers NotFound");
      const own = expectedHash(root);
      const other = expectedHash(stranger);
      const s2 = await remove(ctx, { ...own, issuerNameHash: other.issuerNameHash, issuerKeyHash: other.issuerKeyHash }, 'M04.FR.01');
      ctx.expectOneOf(
        s2,
        ['NotFound'],
        'M04.FR.04',
        'DeleteCertificate status for hash data matching only the serial number of an installed certificate',
      );

      ctx.step('The installed root is still listed');
      const res = await list(ctx, ['CSMSRootCertificate'], 'M03.FR.01');
      check(isListed(res.certificateHashDataChain, root, 'CSMSRootCertificate'), 'M04.FR.04', 'the installed CSMS root still listed', res);
    } finally {
      await cleanUp(ctx, root);
    }
  },
);
