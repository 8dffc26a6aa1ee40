import { defineCase } from '../../../../src/dsl.js';
import { dropConnection, expectTlsAttemptAfter, reconnectWindow } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_TLS_08_CS',
    title: 'The station refuses a CSMS that only offers CBC-SHA1 suites',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'TLS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-TLS-08',
    severity: 'medium',
    cwe: 'CWE-327',
    requirements: ['A00.FR.323', 'A00.FR.320'],
    securityProfiles: [2, 3],
    purpose:
      'A CSMS restricted to TLS 1.2 with the legacy CBC-SHA1 suites (AES128-SHA, AES256-SHA) gets no TLS session: the station never offered those suites, so the handshake fails and no WebSocket upgrade follows. With the normal suites the station connects again.',
    hint: 'Offer only the OCPP TLS 1.2 GCM suites (and TLS 1.3); treat a server that cannot agree on one of them as a security failure (InvalidTLSCipherSuite).',
    fault: 'accepts-cbc-sha1-suites',
  },
  async (ctx) => {
    const { csms } = ctx;
    csms.respondTo('SecurityEventNotification', {});
    await ctx.given('Booted');

    ctx.step('The CSMS offers only TLS 1.2 with CBC-SHA1 suites: the station gets no session');
    csms.setTlsPolicy({ maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA:AES256-SHA' });
    const from = csms.attempts.length;
    const handshakes = csms.handshakes.length;
    dropConnection(ctx);
    const attempt = await expectTlsAttemptAfter(ctx, from, 'A00.FR.323', 'a TLS connection attempt');
    if (attempt.outcome === 'secure') ctx.evidence(`negotiated ${attempt.session?.protocol} ${attempt.session?.cipher}`);
    ctx.check(
      attempt.outcome === 'failed',
      'A00.FR.323',
      'no TLS session with a CBC-SHA1 suite',
      `negotiated ${attempt.session?.protocol ?? ''} ${attempt.session?.cipher ?? ''}`,
    );
    await csms.wait(100);
    ctx.check(
      csms.handshakes.length === handshakes,
      'A00.FR.323',
      'no WebSocket upgrade',
      `${csms.handshakes.length - handshakes} WebSocket handshake(s)`,
    );

    ctx.step('The CSMS offers the normal suites again: the station reconnects');
    csms.setTlsPolicy(undefined);
    await csms.expectHandshake({
      after: handshakes,
      within: reconnectWindow(ctx.config),
      requirement: 'A00.FR.323',
      expected: 'the station reconnects with an OCPP suite',
    });
  },
);
