import { defineCase } from '../../../src/dsl.js';
import { checkAcceptedOfTypes, cleanUpCertificate as cleanUp, findListed, freshRoot, installAccepted, listInstalledCertificates as list } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_12_CS',
    title: 'Retrieve certificates from Charging Station - CSMSRootCertificate',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'M',
    requirements: ['M03.FR.04', 'M03.FR.03', 'M03.FR.01'],
    purpose:
      'Asked for its CSMS roots, the station answers Accepted with only CSMSRootCertificate entries, and the entry of a root the harness installed carries exactly the RFC 6960 hash data the harness computes from that certificate (issuer name hash, issuer key hash, serial number in hex without leading zeros).',
    fault: 'hash-serial-leading-zero',
  },
  async (ctx) => {
    await ctx.given('Booted');
    const root = freshRoot(ctx, 'M12 CSMS root');
    try {
      ctx.step('Precondition: the harness installs a CSMS root of its own (serial number with a leading zero nibble)');
      await installAccepted(ctx, 'CSMSRootCertificate', root, 'M05.FR.02');

      ctx.step('The harness asks for the installed CSMSRootCertificates; the station answers Accepted with CSMS roots only');
      const res = await list(ctx, ['CSMSRootCertificate'], 'M03.FR.01');
      const chain = checkAcceptedOfTypes(ctx, res, ['CSMSRootCertificate'], 'M03.FR.03');

      ctx.step('The entry for the installed root has the hash data the harness recomputes, field by field');
      findListed(ctx, chain, 'CSMSRootCertificate', root, 'M03.FR.04', 'the installed CSMS root');
    } finally {
      await cleanUp(ctx, root);
    }
  },
);
