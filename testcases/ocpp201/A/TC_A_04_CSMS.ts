import { check, defineCase } from '../../../src/dsl.js';
import { verifyChain, OCPP_SUITES, clientTlsSession, expectBootAccepted201 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_04_CSMS',
    title: 'TLS - server-side certificate - Valid certificate',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'A',
    profiles: ['Core'],
    securityProfiles: [2, 3],
    requirements: ['A00.FR.307', 'A00.FR.410', 'A00.FR.313', 'A00.FR.318', 'B01.FR.02'],
    purpose:
      'The CSMS is the TLS server: a station that trusts only the CSMS root of the installation gets a server certificate chaining to that root, TLS 1.2 or newer, and (on TLS 1.2) one of the four OCPP cipher suites; then its BootNotification is accepted.',
    fault: 'server-cert-untrusted',
  },
  async (ctx) => {
    const { station } = ctx;
    const certRequirement = ctx.securityProfile === 2 ? 'A00.FR.307' : 'A00.FR.410';

    ctx.step('The station opens a TLS connection trusting only the CSMS root');
    const dial = await station.tryConnect();
    check(
      dial.ok,
      certRequirement,
      'a TLS handshake with a server certificate that verifies against the CSMS root, then the upgrade',
      dial.ok ? '' : dial.error,
    );

    ctx.step('The server certificate chains to the CSMS root');
    const chain = station.serverCertificateChain();
    check(chain.length > 0, certRequirement, 'the CSMS presents a certificate', 'no certificate seen');
    const verdict = verifyChain(chain[0], [...chain.slice(1), ctx.pki.csmsRoot], new Date(ctx.clock.now()));
    check(verdict.valid, certRequirement, 'the server certificate chains to the CSMS root', verdict.valid ? '' : String(verdict.reason));

    ctx.step('The negotiated TLS version and cipher suite are allowed');
    const session = clientTlsSession(dial.ok ? dial.conn : undefined);
    ctx.note(`negotiated ${session?.protocol} ${session?.cipher}`);
    check(
      session?.protocol === 'TLSv1.2' || session?.protocol === 'TLSv1.3',
      'A00.FR.313',
      'TLS 1.2 or newer',
      session?.protocol ?? 'no TLS',
    );
    if (session?.protocol === 'TLSv1.2')
      check(OCPP_SUITES.includes(session.cipher), 'A00.FR.318', `one of ${OCPP_SUITES.join(', ')}`, session.cipher);

    // A CSMS may answer Pending first (B02) and accept a later boot: both are conformant.
    ctx.step('The station sends BootNotification (again after each Pending); the CSMS accepts it');
    await expectBootAccepted201(ctx);
  },
);
