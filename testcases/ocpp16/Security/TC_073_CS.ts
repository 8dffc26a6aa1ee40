import { check, defineCase } from '../../../src/dsl.js';
import { answerSecurityMessages16, changeAuthorizationKey16, newAuthorizationKey, reconnectWithin } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_073_CS',
    title: 'Update Charge Point Password for HTTP Basic Authentication',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [1, 2],
    requirements: ['SECWP16-A01.FR.01', 'SECWP16-A00.FR.205', 'SECWP16-A01.FR.03'],
    purpose:
      'The central system gives the charge point a new Basic-auth password by writing the AuthorizationKey configuration key (20 random bytes, hex-encoded). The charge point accepts it, stores it, drops its connection and connects again with the new password; from then on the central system accepts only the new password.',
    fault: 'authorization-key-not-applied',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    answerSecurityMessages16(ctx);
    const key = newAuthorizationKey(ctx);

    ctx.step('The harness writes a new AuthorizationKey (40 hex digits); the charge point accepts it');
    const before = csms.handshakes.length;
    // From now on the listener accepts only the new password (A01.FR.03); the current connection stays.
    csms.setBasicAuthPassword(key);
    // The configured password is written back at case end (a post-condition), pass or fail.
    const status = await changeAuthorizationKey16(ctx, key, 'SECWP16-A01.FR.01');
    ctx.expectOneOf(status, ['Accepted'], 'SECWP16-A01.FR.01', 'ChangeConfiguration.conf status');

    ctx.step('The charge point reconnects and authenticates with the new password');
    const h = await csms.expectHandshake({
      after: before,
      within: reconnectWithin(ctx),
      requirement: 'SECWP16-A01.FR.01',
      expected: 'a new connection authenticated with the new AuthorizationKey (the listener refuses the old password)',
    });
    check(
      h.authUser === ctx.config.stationId,
      'SECWP16-A00.FR.204',
      `Basic auth user = ${ctx.config.stationId}`,
      `user ${JSON.stringify(h.authUser)}`,
    );
    ctx.note(`reconnected on security profile ${h.profile} with the new password`);

    ctx.step('The session on the new connection works');
    const read = await csms.call('GetConfiguration', { key: ['SecurityProfile'] }, { requirement: 'SECWP16-A01.FR.01' });
    ctx.note(`GetConfiguration on the new connection answered (${JSON.stringify(read.configurationKey ?? read.unknownKey ?? [])})`);
  },
);
