import { check, defineCase } from '../../../src/dsl.js';
import { parseCsr, awaitOwnReconnect, triggerCsr } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_11_CS',
    title: 'Renew the station certificate on CSMS request - Success',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A02.FR.08', 'A02.FR.01', 'A02.FR.02', 'A02.FR.13', 'A00.FR.405'],
    profiles: ['Core'],
    securityProfiles: [3],
    purpose:
      'Asked with TriggerMessage, the station makes a new key pair and sends a CSR (CN = serial number, O = OrganizationName) with SignCertificate. It accepts the signed certificate returned with CertificateSigned and connects again presenting that new certificate.',
    features: ['AdvancedSecurity'],
    fault: 'renewed-cert-not-used',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('TriggerMessage SignChargingStationCertificate; the station sends a CSR');
    const sign = await triggerCsr(ctx, 'A02.FR.01');
    await csms.reply(sign, { status: 'Accepted' });
    const csr = parseCsr(sign.payload.csr);
    check(csr.signatureValid, 'A02.FR.02', 'a PKCS#10 CSR whose self-signature verifies', 'the CSR signature does not verify');
    check(
      csr.subject.CN === ctx.serialNumber,
      'A00.FR.405',
      `CSR CN = serial number ${JSON.stringify(ctx.serialNumber)}`,
      `CN = ${JSON.stringify(csr.subject.CN)}`,
    );
    check(
      csr.subject.O === ctx.organization,
      'A02.FR.13',
      `CSR O = ${JSON.stringify(ctx.organization)}`,
      `O = ${JSON.stringify(csr.subject.O)}`,
    );

    ctx.step('The CSMS returns a certificate signed directly by the CSMS root; the station accepts it');
    // Signed by the root (not the station CA the current certificate comes from), so the TLS handshake shows which one is used.
    const root = ctx.pki.artifact('csms-root');
    const chain = ctx.pki.issueForCsr(sign.payload.csr, 'valid', { issuer: 'csms-root' });
    const handshakes = csms.handshakes.length;
    const res = await csms.call(
      'CertificateSigned',
      { certificateChain: chain, certificateType: 'ChargingStationCertificate' },
      { requirement: 'A02.FR.08' },
    );
    ctx.expectOneOf(res.status, ['Accepted'], 'A02.FR.08', 'CertificateSigned status');

    ctx.step('The station reconnects presenting the new certificate');
    const hs = await awaitOwnReconnect(ctx, handshakes, 'A02.FR.08', 'a reconnection with the new station certificate');
    const cc = hs.tls?.clientCert;
    const rootCn = /CN=([^,]+)/.exec(new (await import('node:crypto')).X509Certificate(root.certPem).subject.replace(/\n/g, ', '))?.[1];
    ctx.note(`client certificate CN=${JSON.stringify(cc?.subjectCN)} issued by ${cc?.issuer}`);
    check(cc?.authorized === true, 'A02.FR.08', 'a verified client certificate', `not verified: ${cc?.authorizationError}`);
    check(
      rootCn !== undefined && (cc?.issuer ?? '').includes(`CN=${rootCn}`),
      'A02.FR.08',
      `the new certificate (issued by CN=${rootCn})`,
      `a certificate issued by ${cc?.issuer}`,
    );
  },
);
