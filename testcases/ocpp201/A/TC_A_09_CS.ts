import { check, defineCase } from '../../../src/dsl.js';
import { awaitOwnReconnect, randomPassword, setBasicAuthPassword201 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_09_CS',
    title: 'Update the Basic-auth password - Accepted',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A01.FR.02', 'A01.FR.01', 'A00.FR.204'],
    profiles: ['Core'],
    securityProfiles: [1, 2],
    purpose:
      'The CSMS sets a new SecurityCtrlr.BasicAuthPassword. The station accepts it, stores it and connects again using the new password; the CSMS no longer accepts the old one.',
    fault: 'new-password-not-used',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('From now on the CSMS only accepts a new password');
    const password = ctx.secret(randomPassword(24));
    csms.setBasicAuthPassword(password);
    const handshakes = csms.handshakes.length;

    // The configured password is set back at case end (a post-condition), pass or fail.
    ctx.step('The CSMS sets SecurityCtrlr.BasicAuthPassword; the station accepts');
    const status = await setBasicAuthPassword201(ctx, password, 'A01.FR.01');
    ctx.expectOneOf(status, ['Accepted'], 'A01.FR.01', 'SetVariables BasicAuthPassword attributeStatus');

    ctx.step('The station reconnects with the new password');
    const hs = await awaitOwnReconnect(ctx, handshakes, 'A01.FR.02', 'a connection authenticated with the new password');
    check(
      hs.authUser === ctx.config.stationId,
      'A00.FR.204',
      `Basic-auth user ${JSON.stringify(ctx.config.stationId)}`,
      `user ${JSON.stringify(hs.authUser)}`,
    );
    ctx.note(`reconnected on security profile ${hs.profile} with the new password`);
  },
);
