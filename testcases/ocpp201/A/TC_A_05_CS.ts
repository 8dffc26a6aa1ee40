import { check, defineCase } from '../../../src/dsl.js';
import { dropConnection, expectTlsAttemptAfter, reconnectWindow } from '../../../src/kit/index.js';

/** The invalid server certificates served in turn, with the check each one tests. */
const INVALID = [
  { artifact: 'csms-server-unknown-issuer', what: 'issued by a CA the station does not trust', p2: 'A00.FR.308', p3: 'A00.FR.411' },
  { artifact: 'csms-server-expired', what: 'expired', p2: 'A00.FR.308', p3: 'A00.FR.411' },
  { artifact: 'csms-server-wrong-cn', what: 'issued for another host name', p2: 'A00.FR.309', p3: 'A00.FR.412' },
] as const;

export default defineCase(
  {
    id: 'TC_A_05_CS',
    title: 'TLS with an invalid CSMS server certificate',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A00.FR.308', 'A00.FR.309', 'A00.FR.310', 'A00.FR.411', 'A00.FR.412', 'A00.FR.413'],
    profiles: ['Core'],
    securityProfiles: [2, 3],
    purpose:
      'The CSMS presents, one after the other, a server certificate from an untrusted issuer, an expired one and one for another host name. The station aborts every TLS handshake before any HTTP upgrade. Once a valid certificate is served again it connects and reports InvalidCsmsCertificate with SecurityEventNotification.',
    fault: 'accepts-invalid-csms-cert',
  },
  async (ctx) => {
    const { csms } = ctx;
    const p3 = ctx.securityProfile === 3;
    const events: string[] = [];
    csms.respondTo('SecurityEventNotification', (p) => {
      events.push(String(p.payload.type));
      return {};
    });
    await ctx.given('Booted');

    for (const bad of INVALID) {
      const requirement = p3 ? bad.p3 : bad.p2;
      ctx.step(`The CSMS serves a certificate ${bad.what}: the station aborts the TLS handshake`);
      csms.setTlsPolicy({ certificates: [ctx.pki.artifact(bad.artifact)] });
      const from = csms.attempts.length;
      const handshakes = csms.handshakes.length;
      dropConnection(ctx);
      const attempt = await expectTlsAttemptAfter(ctx, from, requirement, 'a TLS connection attempt');
      check(
        attempt.outcome === 'failed',
        requirement,
        `the station aborts the TLS handshake with a certificate ${bad.what}`,
        `the TLS handshake completed (${attempt.session?.protocol ?? ''})`,
      );
      ctx.note(`handshake aborted: ${attempt.error ?? 'no reason given'}`);
      await csms.wait(100);
      check(
        csms.handshakes.length === handshakes,
        requirement,
        'no WebSocket upgrade over an untrusted connection',
        `${csms.handshakes.length - handshakes} WebSocket handshake(s)`,
      );
    }

    ctx.step('The CSMS serves its valid certificate again: the station connects');
    csms.setTlsPolicy(undefined);
    await csms.expectHandshake({
      after: 0,
      within: reconnectWindow(ctx.config),
      where: (h) => h.tls !== undefined,
      requirement: p3 ? 'A00.FR.411' : 'A00.FR.308',
      expected: 'the station reconnects to the CSMS with a valid certificate',
    });

    ctx.step('The station reports InvalidCsmsCertificate');
    const requirement = p3 ? 'A00.FR.413' : 'A00.FR.310';
    const ev = await csms.expectCall('SecurityEventNotification', {
      where: (p) => p.type === 'InvalidCsmsCertificate',
      whereText: 'type InvalidCsmsCertificate',
      within: ctx.waits.twoMessages,
      requirement,
    });
    ctx.note(`reported ${ev.payload.type} at ${ev.payload.timestamp}${ev.payload.techInfo ? ` (${ev.payload.techInfo})` : ''}`);
  },
);
