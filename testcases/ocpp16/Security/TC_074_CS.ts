import { check, defineCase } from '../../../src/dsl.js';
import { parseCsr, inspectCertificate, answerSecurityMessages16, reconnectWithin } from '../../../src/kit/index.js';

/** The CA the harness signs the renewed certificate with: not the one of the factory certificate, so the two can be told apart. */
const RENEWAL_CA = 'csms-root';

export default defineCase(
  {
    id: 'TC_074_CS',
    title: 'Update Charge Point Certificate by request of Central System',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [3],
    requirements: ['SECWP16-A02.FR.08', 'SECWP16-A02.FR.02', 'SECWP16-A02.FR.13', 'SECWP16-A02.FR.06'],
    purpose:
      'The central system asks the charge point to renew its client certificate with ExtendedTriggerMessage(SignChargePointCertificate). The charge point makes a new key pair and sends a CSR naming its serial number and the CpoName; the harness, acting as CA, signs it and sends the chain with CertificateSigned. The charge point verifies and accepts it, then reconnects using the new certificate in the TLS handshake.',
    features: ['Security.CertificateSigning'],
    fault: 'renewed-cert-not-used',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);

    ctx.step('The harness triggers a certificate renewal with ExtendedTriggerMessage(SignChargePointCertificate)');
    const trig = await csms.call(
      'ExtendedTriggerMessage',
      { requestedMessage: 'SignChargePointCertificate' },
      { requirement: 'SECWP16-A02.FR.02' },
    );
    ctx.expectOneOf(trig.status, ['Accepted'], 'SECWP16-A02.FR.02', 'ExtendedTriggerMessage.conf status');

    ctx.step('The charge point sends SignCertificate with a CSR for a new key (CN = serial number, O = CpoName)');
    const sign = await csms.expectCall('SignCertificate', { within: ctx.waits.twoMessages, requirement: 'SECWP16-A02.FR.02' });
    const csrPem = String(sign.payload.csr);
    let csr: ReturnType<typeof parseCsr>;
    try {
      csr = parseCsr(csrPem);
    } catch (e) {
      return check(false, 'SECWP16-A02.FR.02', 'a PEM PKCS#10 CSR', `unreadable CSR: ${(e as Error).message}`);
    }
    ctx.note(
      `CSR subject CN=${JSON.stringify(csr.subject.CN)} O=${JSON.stringify(csr.subject.O)}, ${csr.publicKey.type} ${csr.publicKey.bits ?? ''} bits`,
    );
    check(
      csr.signatureValid,
      'SECWP16-A02.FR.02',
      'the CSR self-signature verifies (proof of possession of the new key)',
      'the CSR signature does not verify',
    );
    check(
      csr.subject.CN === ctx.serialNumber,
      'SECWP16-A02.FR.02',
      `CSR CN = serial number ${JSON.stringify(ctx.serialNumber)}`,
      `CN = ${JSON.stringify(csr.subject.CN)}`,
    );
    check(
      csr.subject.O === ctx.organization,
      'SECWP16-A02.FR.13',
      `CSR O = CpoName ${JSON.stringify(ctx.organization)}`,
      `O = ${JSON.stringify(csr.subject.O)}`,
    );

    ctx.step('The harness signs the CSR and sends the chain with CertificateSigned; the charge point accepts it');
    const chain = ctx.pki.issueForCsr(csrPem, 'valid', { issuer: RENEWAL_CA });
    const issuerCn = inspectCertificate(ctx.pki.artifact(RENEWAL_CA).certPem).subject.CN ?? '';
    const before = csms.handshakes.length;
    const res = await csms.call('CertificateSigned', { certificateChain: chain }, { requirement: 'SECWP16-A02.FR.06' });
    ctx.expectOneOf(res.status, ['Accepted'], 'SECWP16-A02.FR.06', 'CertificateSigned.conf status');

    ctx.step('The charge point reconnects and presents the new certificate in the TLS handshake');
    const h = await csms.expectHandshake({
      after: before,
      within: reconnectWithin(ctx),
      requirement: 'SECWP16-A02.FR.08',
      expected: 'a new connection on security profile 3',
    });
    const cc = h.tls?.clientCert;
    ctx.note(`client certificate after the renewal: CN=${JSON.stringify(cc?.subjectCN)} issued by ${cc?.issuer}`);
    check(cc?.authorized === true, 'SECWP16-A02.FR.08', 'a verified client certificate', cc?.authorizationError ?? 'no client certificate');
    check(
      (cc?.issuer ?? '').includes(`CN=${issuerCn}`),
      'SECWP16-A02.FR.08',
      `the renewed certificate (issued by ${issuerCn})`,
      `a certificate issued by ${cc?.issuer}`,
    );
    check(cc?.subjectCN === ctx.serialNumber, 'SECWP16-A02.FR.08', `CN = ${ctx.serialNumber}`, `CN = ${JSON.stringify(cc?.subjectCN)}`);
  },
);
