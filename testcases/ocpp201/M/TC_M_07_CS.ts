import { check, defineCase } from '../../../src/dsl.js';
import {
  cleanUpCertificate as cleanUp,
  expectedHash,
  freshRoot,
  installCertificate as install,
  isListed,
  listInstalledCertificates as list,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_M_07_CS',
    title: 'Install CA certificate - Rejected - Certificate invalid',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'M',
    requirements: ['M05.FR.06', 'M05.FR.01'],
    purpose:
      'The station refuses to install as a CSMS root a CA certificate whose validity has ended, an end-entity (non-CA) certificate, and text that is not a certificate: each InstallCertificate is Rejected and nothing is added.',
    fault: 'install-accepts-expired-root',
  },
  async (ctx) => {
    await ctx.given('Booted');
    const expired = freshRoot(ctx, 'M07 expired root', { expired: true });
    const leaf = freshRoot(ctx, 'M07 end-entity', { leaf: true });
    const accepted: string[] = [];
    try {
      ctx.step('The harness installs an expired self-signed CA certificate as CSMSRootCertificate; the station rejects it');
      const s1 = await install(ctx, 'CSMSRootCertificate', expired, 'M05.FR.01');
      if (s1 === 'Accepted') accepted.push(expired);
      ctx.expectOneOf(s1, ['Rejected'], 'M05.FR.06', 'InstallCertificate status for an expired certificate');

      ctx.step('The expired certificate is not listed among the CSMS roots');
      const res = await list(ctx, ['CSMSRootCertificate'], 'M03.FR.01');
      check(
        !isListed(res.certificateHashDataChain, expired),
        'M05.FR.06',
        `no CSMSRootCertificate entry for the expired certificate ${JSON.stringify(expectedHash(expired))}`,
        res.certificateHashDataChain,
      );

      ctx.step('The harness installs a valid end-entity (CA:FALSE) certificate as CSMSRootCertificate; the station rejects it');
      const s2 = await install(ctx, 'CSMSRootCertificate', leaf, 'M05.FR.01');
      if (s2 === 'Accepted') accepted.push(leaf);
      ctx.expectOneOf(s2, ['Rejected'], 'M05.FR.06', 'InstallCertificate status for a certificate that is not a CA');

      ctx.step('The harness installs text that is not a certificate as CSMSRootCertificate; the station rejects it');
      const garbage = `-----BEGIN CERTIFICATE-----\n${Buffer.from('this is not a DER encoded X.509 certificate').toString('base64')}\n-----END CERTIFICATE-----\n`;
      const s3 = await install(ctx, 'CSMSRootCertificate', garbage, 'M05.FR.01');
      ctx.expectOneOf(s3, ['Rejected'], 'M05.FR.06', 'InstallCertificate status for a malformed certificate');
    } finally {
      for (const pem of accepted) await cleanUp(ctx, pem);
    }
  },
);
