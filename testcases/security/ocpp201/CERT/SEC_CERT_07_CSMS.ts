import { defineCase } from '../../../../src/dsl.js';
import { createCsr, issuedCertificateProblems } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_CERT_07_CSMS',
    title: 'The certificate the CSMS issues for a valid CSR meets the OCPP rules',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'CERT',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-CERT-07',
    severity: 'high',
    cwe: 'CWE-295',
    requirements: [
      'A02.FR.06',
      'A02.FR.04',
      'A02.FR.11',
      'A00.FR.403',
      'A00.FR.404',
      'A00.FR.405',
      'A00.FR.501',
      'A00.FR.503',
      'A00.FR.512',
    ],
    purpose:
      "For a valid CSR (sent by the station on its own, as in A03) the CSMS returns in CertificateSigned a certificate that carries the CSR's key, chains to the CSO root, has CN = the station serial and O = the CSO, is valid from now (not only in the future), is not a CA and has a strong key.",
    hint: 'Issue station certificates with notBefore at or before the signing time, basicConstraints CA:FALSE and exactly the subject and key of the checked CSR, from the CSO hierarchy.',
    fault: 'issued-cert-not-yet-valid',
  },
  async (ctx) => {
    const { station } = ctx;
    await ctx.given('Booted');

    ctx.step('The station sends SignCertificate with a valid CSR for a new key; the CSMS accepts it');
    const { csrPem, privateKeyPem } = createCsr({ commonName: ctx.serialNumber, org: ctx.organization, keyType: 'rsa' });
    const res = await station.call(
      'SignCertificate',
      { csr: csrPem, certificateType: 'ChargingStationCertificate' },
      { requirement: 'A02.FR.11' },
    );
    ctx.expectOneOf(res.status, ['Accepted'], 'A02.FR.11', 'SignCertificateResponse.status');

    ctx.step('The CSMS sends CertificateSigned; the certificate is audited');
    const signed = await station.expectCall('CertificateSigned', { requirement: 'A02.FR.04' });
    const problems = issuedCertificateProblems(ctx, String(signed.payload.certificateChain), privateKeyPem);
    await station.reply(signed, { status: problems.length ? 'Rejected' : 'Accepted' });
    for (const p of problems) {
      if (ctx.meta.requirements.includes(p.requirement))
        ctx.check(false, p.requirement, 'a certificate for the CSR meeting the OCPP certificate rules', p.problem);
      ctx.nonStrict(p.requirement, p.problem);
    }
  },
);
