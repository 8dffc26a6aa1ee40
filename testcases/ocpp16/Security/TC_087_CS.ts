import { check, defineCase } from '../../../src/dsl.js';
import { freshConnection16, reconnectWithin } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_087_CS',
    title: 'TLS - client-side certificate - valid certificate',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [3],
    requirements: ['SECWP16-A00.FR.402', 'SECWP16-A00.FR.405', 'SECWP16-A00.FR.404'],
    purpose:
      "On security profile 3 the charge point authenticates itself in the TLS handshake with its client certificate: the certificate chains to the CSO's PKI, its CN is the charge point's serial number and its O is the CSO name, and the central system accepts the connection on profile 3.",
    fault: 'no-client-certificate',
  },
  async (ctx) => {
    const { csms } = ctx;

    ctx.step('The charge point opens a new TLS connection to the central system');
    const mark = await freshConnection16(ctx);
    const attempt = await csms.expectTlsAttempt({
      after: mark.attempts,
      within: reconnectWithin(ctx),
      where: (a) => a.transport === 'tls' && a.outcome === 'secure',
      requirement: 'SECWP16-A00.FR.402',
      expected: 'a completed TLS handshake (wss://)',
    });

    ctx.step("The charge point presents a client certificate that verifies against the CSO's PKI");
    const cc = attempt.session?.clientCert;
    check(
      cc !== undefined && cc.subjectCN !== undefined,
      'SECWP16-A00.FR.402',
      'a client certificate in the TLS handshake',
      cc?.authorizationError ?? 'no client certificate presented',
    );
    check(
      cc.authorized,
      'SECWP16-A00.FR.402',
      'the client certificate verifies against the station CA / CSMS root',
      cc.authorizationError ?? 'not verified',
    );
    ctx.note(`client certificate CN=${JSON.stringify(cc.subjectCN)} O=${JSON.stringify(cc.subjectO)} issued by ${cc.issuer}`);

    ctx.step('The certificate names the charge point (CN = serial number) and the CSO (O = CSO name)');
    check(
      cc.subjectCN === ctx.serialNumber,
      'SECWP16-A00.FR.405',
      `CN = serial number ${JSON.stringify(ctx.serialNumber)}`,
      `CN = ${JSON.stringify(cc.subjectCN)}`,
    );
    check(
      cc.subjectO === ctx.organization,
      'SECWP16-A00.FR.404',
      `O = ${JSON.stringify(ctx.organization)}`,
      `O = ${JSON.stringify(cc.subjectO)}`,
    );

    ctx.step('The central system accepts the connection on security profile 3 and the charge point registers');
    const h = await csms.expectHandshake({
      after: mark.handshakes,
      within: reconnectWithin(ctx),
      requirement: 'SECWP16-A00.FR.402',
      expected: 'a WebSocket connection on security profile 3',
    });
    check(h.profile === 3, 'SECWP16-A00.FR.402', 'security profile 3', `security profile ${h.profile}`);
    await ctx.given('Booted');
  },
);
