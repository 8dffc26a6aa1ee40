import { check, defineCase } from '../../../src/dsl.js';
import { OCPP_SUITES, freshConnection16, reconnectWithin } from '../../../src/kit/index.js';

const MODERN = ['TLSv1.2', 'TLSv1.3'];
const ECDSA_PAIR = OCPP_SUITES.slice(0, 2);
const RSA_PAIR = OCPP_SUITES.slice(2, 4);

export default defineCase(
  {
    id: 'TC_086_CS',
    title: 'TLS - server-side certificate - valid certificate',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [2, 3],
    requirements: [
      'SECWP16-A00.FR.312',
      'SECWP16-A00.FR.318',
      'SECWP16-A00.FR.307',
      'SECWP16-A00.FR.416',
      'SECWP16-A00.FR.422',
      'SECWP16-A00.FR.411',
    ],
    purpose:
      "On security profile 2 or 3 the charge point connects over TLS, verifies the central system's valid server certificate against its installed CentralSystemRootCertificate and completes the handshake. It offers TLS 1.2 or newer only and, for TLS 1.2, both ECDHE-ECDSA AES-GCM suites or both RSA AES-GCM suites the whitepaper names.",
    fault: 'tls-offers-legacy-versions',
  },
  async (ctx) => {
    const { csms } = ctx;
    const p3 = ctx.securityProfile === 3;
    const rVersion = p3 ? 'SECWP16-A00.FR.416' : 'SECWP16-A00.FR.312';
    const rSuites = p3 ? 'SECWP16-A00.FR.422' : 'SECWP16-A00.FR.318';
    const rPath = p3 ? 'SECWP16-A00.FR.411' : 'SECWP16-A00.FR.307';

    ctx.step('The charge point opens a new TLS connection to the central system');
    const mark = await freshConnection16(ctx);
    const attempt = await csms.expectTlsAttempt({
      after: mark.attempts,
      within: reconnectWithin(ctx),
      where: (a) => a.transport === 'tls',
      requirement: rPath,
      expected: 'a TLS connection attempt (wss://)',
    });
    const hello = attempt.clientHello;
    check(hello !== undefined, rVersion, 'a readable TLS ClientHello', 'the ClientHello could not be read');
    ctx.note(`ClientHello: versions ${hello.versions.join('/')}, ${hello.suites.length} suites${hello.sni ? `, SNI ${hello.sni}` : ''}`);

    ctx.step('The ClientHello offers TLS 1.2 or newer only');
    const legacy = hello.versions.filter((v) => !MODERN.includes(v));
    check(legacy.length === 0, rVersion, 'only TLS 1.2 and/or 1.3 offered', `also offered ${legacy.join(', ')}`);

    ctx.step('The ClientHello offers both ECDHE-ECDSA AES-GCM suites or both RSA AES-GCM suites');
    const has = (pair: string[]) => pair.every((s) => hello.suites.includes(s));
    check(
      has(ECDSA_PAIR) || has(RSA_PAIR),
      rSuites,
      `${ECDSA_PAIR.join(' + ')} or ${RSA_PAIR.join(' + ')}`,
      `offered ${hello.suites.filter((s) => OCPP_SUITES.includes(s)).join(', ') || 'none of the four'}`,
    );

    ctx.step('The charge point accepts the valid server certificate: the handshake completes on TLS 1.2 or newer');
    check(
      attempt.outcome === 'secure',
      rPath,
      'the TLS handshake completes with the valid server certificate',
      `${attempt.outcome}${attempt.error ? ` (${attempt.error})` : ''}`,
    );
    const protocol = attempt.session?.protocol ?? 'unknown';
    check(MODERN.includes(protocol), rVersion, 'negotiated TLS 1.2 or 1.3', protocol);
    ctx.note(`negotiated ${protocol} ${attempt.session?.cipher ?? ''}`);
    const h = await csms.expectHandshake({
      after: mark.handshakes,
      within: reconnectWithin(ctx),
      requirement: rPath,
      expected: `a WebSocket connection on security profile ${ctx.securityProfile} over the verified TLS session`,
    });
    check(h.profile === ctx.securityProfile, rPath, `security profile ${ctx.securityProfile}`, `security profile ${h.profile}`);

    ctx.step('The charge point registers on the secure connection');
    await ctx.given('Booted');
  },
);
