import { defineCase } from '../../../../src/dsl.js';
import { answerSecurityMessages16, reconnectWithin } from '../../../../src/kit/index.js';

const EVENT = 'InvalidCentralSystemCertificate';

/** The invalid server certificates served in turn, with the whitepaper rule each one tests (profile 2 / profile 3). */
const INVALID = [
  {
    artifact: 'csms-server-unknown-issuer',
    what: 'issued by a CA the charge point does not trust',
    p2: 'SECWP16-A00.FR.307',
    p3: 'SECWP16-A00.FR.411',
  },
  { artifact: 'csms-server-expired', what: 'that has expired', p2: 'SECWP16-A00.FR.307', p3: 'SECWP16-A00.FR.411' },
  { artifact: 'csms-server-wrong-cn', what: 'issued for another host name', p2: 'SECWP16-A00.FR.308', p3: 'SECWP16-A00.FR.412' },
] as const;

export default defineCase(
  {
    id: 'SEC16_TLS_09_CS',
    title: 'Charge point refuses invalid central system certificates',
    ocpp: '1.6',
    sut: 'cs',
    block: 'TLS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-TLS-09',
    severity: 'high',
    cwe: 'CWE-295',
    securityProfiles: [2, 3],
    requirements: [
      'SECWP16-A00.FR.307',
      'SECWP16-A00.FR.308',
      'SECWP16-A00.FR.309',
      'SECWP16-A00.FR.411',
      'SECWP16-A00.FR.412',
      'SECWP16-A00.FR.413',
    ],
    purpose:
      'The central system presents, one after the other, a server certificate from an untrusted issuer, an expired one and one for another host name. The charge point aborts each TLS handshake before any WebSocket upgrade, so a man in the middle cannot pose as the central system. Once the valid certificate is served again it connects and reports InvalidCentralSystemCertificate with SecurityEventNotification.',
    hint: 'Verify the server certificate path against the installed CentralSystemRootCertificate only, check validity and that the certificate names the host dialled, abort the handshake on any failure and raise InvalidCentralSystemCertificate.',
    fault: 'accepts-invalid-csms-cert',
  },
  async (ctx) => {
    const { csms } = ctx;
    const p3 = ctx.securityProfile === 3;
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);

    for (const bad of INVALID) {
      const requirement = p3 ? bad.p3 : bad.p2;
      ctx.step(`The central system serves a certificate ${bad.what}: the charge point aborts the TLS handshake`);
      csms.setTlsPolicy({ certificates: [ctx.pki.artifact(bad.artifact)] });
      const from = csms.attempts.length;
      const handshakes = csms.handshakes.length;
      if (csms.connection) csms.close(1001, 'going away');
      const attempt = await csms.expectTlsAttempt({
        after: from,
        within: reconnectWithin(ctx),
        where: (a) => a.transport === 'tls',
        requirement,
        expected: 'a TLS connection attempt after the connection was closed',
      });
      if (attempt.outcome !== 'failed')
        ctx.evidence(
          `TLS handshake completed with the ${bad.artifact} server certificate (${attempt.session?.protocol ?? ''} ${attempt.session?.cipher ?? ''})`,
        );
      ctx.check(
        attempt.outcome === 'failed',
        requirement,
        `the charge point aborts the TLS handshake with a certificate ${bad.what}`,
        `the TLS handshake completed (${attempt.session?.protocol ?? ''})`,
      );
      ctx.note(`handshake aborted: ${attempt.error ?? 'no reason given'}`);
      await csms.wait(100);
      ctx.check(
        csms.handshakes.length === handshakes,
        requirement,
        'no WebSocket upgrade over an untrusted connection',
        `${csms.handshakes.length - handshakes} WebSocket handshake(s)`,
      );
    }

    ctx.step('The central system serves its valid certificate again: the charge point connects');
    const before = csms.handshakes.length;
    csms.setTlsPolicy(undefined);
    await csms.expectHandshake({
      after: before,
      within: 2 * reconnectWithin(ctx),
      where: (h) => h.tls !== undefined,
      requirement: p3 ? 'SECWP16-A00.FR.411' : 'SECWP16-A00.FR.307',
      expected: 'the charge point reconnects once the valid certificate is served',
    });

    ctx.step(`The charge point reports ${EVENT}`);
    const ev = await csms.expectCall('SecurityEventNotification', {
      where: (p) => p.type === EVENT,
      whereText: `type ${EVENT}`,
      within: ctx.config.timeouts.messageMs * 2,
      requirement: p3 ? 'SECWP16-A00.FR.413' : 'SECWP16-A00.FR.309',
    });
    ctx.note(`reported ${ev.payload.type} at ${ev.payload.timestamp}${ev.payload.techInfo ? ` (${ev.payload.techInfo})` : ''}`);
  },
);
