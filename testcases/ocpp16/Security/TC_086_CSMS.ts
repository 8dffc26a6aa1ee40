import { check, defineCase } from '../../../src/dsl.js';
import { auditCertificate, describeProbe, OCPP_SUITES, dialOutcome } from '../../../src/kit/index.js';

const ECDSA_SUITES = OCPP_SUITES.filter((s) => s.includes('ECDSA'));
const RSA_SUITES = OCPP_SUITES.filter((s) => !s.includes('ECDSA'));

export default defineCase(
  {
    id: 'TC_086_CSMS',
    title: 'TLS - server-side certificate - valid certificate',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [2, 3],
    requirements: ['SECWP16-A00.FR.313', 'SECWP16-A00.FR.312', 'SECWP16-A00.FR.317', 'SECWP16-A00.FR.306'],
    purpose:
      'On security profile 2 or 3 the central system is the TLS server: it negotiates TLS 1.2 with the ECDHE-ECDSA AES-GCM suites and with the RSA AES-GCM suites (so it holds an ECDSA and an RSA certificate), refuses a charge point that offers only TLS 1.1, and presents a certificate that chains to the CSMS root, names its host and is currently valid; the charge point then connects and boots over it.',
    fault: 'tls-accepts-legacy-versions',
  },
  async (ctx) => {
    const { station } = ctx;
    const host = new URL(station.target).hostname.replace(/^\[|\]$/g, '');

    ctx.step('A charge point offering TLS 1.2 with the two ECDHE-ECDSA AES-GCM suites gets a TLS 1.2 ServerHello with one of them');
    const ecdsa = await station.probeTls({ version: 'TLSv1.2', suites: ECDSA_SUITES });
    check(
      ecdsa.kind === 'server-hello' && ecdsa.version === 'TLSv1.2' && ECDSA_SUITES.includes(ecdsa.suite),
      'SECWP16-A00.FR.317',
      `ServerHello TLSv1.2 with ${ECDSA_SUITES.join(' or ')}`,
      describeProbe(ecdsa),
    );

    ctx.step('A charge point offering TLS 1.2 with the two RSA AES-GCM suites gets a TLS 1.2 ServerHello with one of them');
    const rsa = await station.probeTls({ version: 'TLSv1.2', suites: RSA_SUITES });
    check(
      rsa.kind === 'server-hello' && rsa.version === 'TLSv1.2' && RSA_SUITES.includes(rsa.suite),
      'SECWP16-A00.FR.317',
      `ServerHello TLSv1.2 with ${RSA_SUITES.join(' or ')}`,
      describeProbe(rsa),
    );

    ctx.step('A charge point offering at most TLS 1.1 is refused (no ServerHello)');
    const old = await station.probeTls({
      version: 'TLSv1.1',
      suites: [
        'TLS_RSA_WITH_AES_128_CBC_SHA',
        'TLS_RSA_WITH_AES_256_CBC_SHA',
        'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
        'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
      ],
    });
    check(
      old.kind !== 'server-hello',
      'SECWP16-A00.FR.313',
      'an alert or a closed connection for a TLS 1.1 ClientHello (TLS 1.2 or above only)',
      describeProbe(old),
    );

    ctx.step('The charge point connects over TLS: the central system presents a valid certificate for its host');
    const r = await station.tryConnect();
    check(r.ok, 'SECWP16-A00.FR.306', 'the TLS connection with the configured CSMS root as trust anchor is accepted', dialOutcome(r));
    const chain = station.serverCertificateChain();
    check(chain.length > 0, 'SECWP16-A00.FR.306', 'the central system presents a server certificate', 'no certificate seen');
    const problems = auditCertificate(chain[0], { role: 'csms-server', commonName: host, trust: [ctx.pki.csmsRoot, ...chain.slice(1)] });
    check(
      problems.length === 0,
      'SECWP16-A00.FR.306',
      'a server certificate that chains to the CSMS root, names the host and meets the certificate properties',
      problems.map((p) => `${p.requirement}: ${p.problem}`).join('; '),
    );

    ctx.step('The charge point boots over the TLS connection');
    await ctx.given('Booted');
  },
);
