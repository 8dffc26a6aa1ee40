import { defineCase } from '../../../src/dsl.js';
import { dropConnection, reconnectWindow, setBasicAuthPassword201 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_10_CS',
    title: 'Update the Basic-auth password - Rejected',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A00.FR.205', 'A01.FR.04'],
    profiles: ['Core'],
    securityProfiles: [1, 2],
    purpose:
      'A new SecurityCtrlr.BasicAuthPassword that is not a valid passwordString (too short) is rejected, and the station keeps connecting with its current password.',
    fault: 'invalid-password-accepted',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('The CSMS sets a 15-character BasicAuthPassword; the station rejects it');
    const tooShort = ctx.secret('Sh0rtPassw0rd15');
    // A station that takes it anyway gets the configured password back at case end (a post-condition).
    const status = await setBasicAuthPassword201(ctx, tooShort, 'A00.FR.205');
    ctx.expectOneOf(status, ['Rejected'], 'A00.FR.205', 'SetVariables BasicAuthPassword (15 characters) attributeStatus');

    ctx.step('The connection drops; the station reconnects with its current password');
    const handshakes = csms.handshakes.length;
    dropConnection(ctx);
    const hs = await csms.expectHandshake({
      after: handshakes,
      within: reconnectWindow(ctx.config),
      requirement: 'A01.FR.04',
      expected: 'a connection with the unchanged password',
    });
    ctx.note(`reconnected on security profile ${hs.profile} as ${JSON.stringify(hs.authUser)}`);
  },
);
