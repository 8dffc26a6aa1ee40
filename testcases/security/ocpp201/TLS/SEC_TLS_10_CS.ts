import { defineCase } from '../../../../src/dsl.js';
import { isInsecureSuite, dropConnection, expectTlsAttemptAfter } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_TLS_10_CS',
    title: 'The station offers only TLS 1.2+, no insecure suites and no compression',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'TLS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-TLS-10',
    severity: 'high',
    cwe: 'CWE-327',
    requirements: ['A00.FR.320', 'A00.FR.313', 'A00.FR.321'],
    securityProfiles: [2, 3],
    purpose:
      'The ClientHello of the station, read before TLS takes over the socket, offers no protocol version below TLS 1.2, no NULL, EXPORT, RC4, DES/3DES or anonymous cipher suites, and no compression method other than null.',
    hint: 'Set the TLS library to TLS 1.2 minimum and restrict the cipher list to the OCPP suites (plus TLS 1.3); never enable TLS compression.',
    fault: 'offers-weak-suites',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('The station opens a new TLS connection');
    const from = csms.attempts.length;
    dropConnection(ctx);
    const attempt = await expectTlsAttemptAfter(ctx, from, 'A00.FR.313', 'a TLS connection attempt with a readable ClientHello');
    const hello = attempt.clientHello;
    ctx.check(hello !== undefined, 'A00.FR.313', 'a readable ClientHello', 'the ClientHello could not be parsed');
    ctx.note(
      `offered versions ${hello!.versions.join(', ')}; ${hello!.suites.length} suites; compression [${hello!.compression.join(', ')}]${hello!.sni ? `; SNI ${hello!.sni}` : ''}`,
    );

    ctx.step('No protocol version below TLS 1.2 is offered');
    const old = hello!.versions.filter((v) => !['TLSv1.2', 'TLSv1.3'].includes(v));
    ctx.check(old.length === 0, 'A00.FR.313', 'only TLS 1.2 and 1.3 offered', `also offered ${old.join(', ')}`);

    ctx.step('No insecure cipher suite is offered');
    const weak = hello!.suites.filter(isInsecureSuite);
    if (weak.length) ctx.evidence(`ClientHello suites: ${hello!.suites.join(', ')}`);
    ctx.check(weak.length === 0, 'A00.FR.320', 'no NULL, EXPORT, RC4, DES/3DES or anonymous suites', `offered ${weak.join(', ')}`);

    ctx.step('No TLS compression is offered');
    ctx.check(
      hello!.compression.every((c) => c === 0),
      'A00.FR.321',
      'compression methods [0] (null) only',
      `compression methods [${hello!.compression.join(', ')}]`,
    );
  },
);
