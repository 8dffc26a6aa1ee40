import { check, defineCase } from '../../../src/dsl.js';
import { dropConnection, expectTlsAttemptAfter, reconnectWindow } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_06_CS',
    title: 'TLS version of the CSMS too low',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A00.FR.313', 'A00.FR.316', 'A00.FR.416', 'A00.FR.419'],
    profiles: ['Core'],
    securityProfiles: [2, 3],
    purpose:
      'A CSMS that only speaks TLS 1.0 or 1.1 is refused: the station does not complete a TLS handshake below version 1.2 and makes no HTTP upgrade. When the CSMS offers TLS 1.2 again the station reconnects; reporting InvalidTLSVersion is recommended.',
    fault: 'accepts-tls-below-1-2',
  },
  async (ctx) => {
    const { csms } = ctx;
    const requirement = ctx.securityProfile === 3 ? 'A00.FR.416' : 'A00.FR.313';
    const events: string[] = [];
    csms.respondTo('SecurityEventNotification', (p) => {
      events.push(String(p.payload.type));
      return {};
    });
    await ctx.given('Booted');

    ctx.step('The CSMS only accepts TLS 1.0 and 1.1: the station does not connect');
    // CBC suites: the GCM ones do not exist below TLS 1.2.
    csms.setTlsPolicy({
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.1',
      ciphers: 'ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES128-SHA:AES128-SHA:AES256-SHA',
    });
    const from = csms.attempts.length;
    const handshakes = csms.handshakes.length;
    dropConnection(ctx);
    const attempt = await expectTlsAttemptAfter(ctx, from, requirement, 'a TLS connection attempt');
    check(
      attempt.outcome === 'failed',
      requirement,
      'no TLS session below version 1.2',
      `a ${attempt.session?.protocol ?? 'TLS'} session was established`,
    );
    ctx.note(`handshake refused: ${attempt.error ?? 'no reason given'}`);
    await csms.wait(100);
    check(
      csms.handshakes.length === handshakes,
      requirement,
      'no WebSocket upgrade over TLS below 1.2',
      `${csms.handshakes.length - handshakes} WebSocket handshake(s)`,
    );

    ctx.step('The CSMS accepts TLS 1.2 again: the station reconnects');
    csms.setTlsPolicy(undefined);
    const hs = await csms.expectHandshake({
      after: handshakes,
      within: reconnectWindow(ctx.config),
      requirement,
      expected: 'the station reconnects with TLS 1.2 or higher',
    });
    ctx.expectOneOf(hs.tls?.protocol, ['TLSv1.2', 'TLSv1.3'], requirement, 'negotiated TLS version');

    ctx.step('The station reports InvalidTLSVersion (recommended)');
    const eventReq = ctx.securityProfile === 3 ? 'A00.FR.419' : 'A00.FR.316';
    try {
      await csms.expectCall('SecurityEventNotification', {
        where: (p) => p.type === 'InvalidTLSVersion',
        whereText: 'type InvalidTLSVersion',
        within: ctx.config.timeouts.messageMs,
        requirement: eventReq,
      });
    } catch {
      ctx.nonStrict(eventReq, `no SecurityEventNotification InvalidTLSVersion (events seen: ${events.join(', ') || 'none'})`);
    }
  },
);
