import { check, defineCase } from '../../../src/dsl.js';
import { freshConnection16, reconnectWithin } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_085_CS',
    title: 'Basic Authentication - valid username/password combination',
    ocpp: '1.6',
    sut: 'cs',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [1, 2],
    requirements: ['SECWP16-A00.FR.202', 'SECWP16-A00.FR.203', 'SECWP16-A00.FR.204', 'SECWP16-A00.FR.302'],
    purpose:
      'On security profile 1 or 2 the charge point authenticates itself with HTTP Basic authentication on every connection request: the upgrade carries an Authorization header whose user name is the charge point identity from the URL and whose password is the configured AuthorizationKey; the central system accepts the connection only then.',
    fault: 'basic-auth-header-missing',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const requirement = ctx.securityProfile === 2 ? 'SECWP16-A00.FR.302' : 'SECWP16-A00.FR.202';

    ctx.step('The charge point opens a new connection to the central system');
    const mark = await freshConnection16(ctx);

    ctx.step('The upgrade request carries HTTP Basic credentials: user = identity, password = the configured one');
    const h = await csms.expectHandshake({
      after: mark.handshakes,
      within: reconnectWithin(ctx),
      requirement,
      expected: `a WebSocket upgrade with an Authorization: Basic header for user ${JSON.stringify(config.stationId)} and the configured password (the listener refuses any other)`,
    });
    check(h.authUser !== undefined, requirement, 'an Authorization: Basic header on the upgrade request', 'no Basic credentials');
    check(
      h.authUser === config.stationId,
      'SECWP16-A00.FR.204',
      `Basic auth user name = charge point identity ${JSON.stringify(config.stationId)}`,
      `user ${JSON.stringify(h.authUser)}`,
    );
    check(
      h.profile === ctx.securityProfile,
      requirement,
      `a connection on security profile ${ctx.securityProfile}`,
      `security profile ${h.profile}`,
    );
    ctx.note(
      `connection on security profile ${h.profile} with Basic auth user ${JSON.stringify(h.authUser)}${h.tls ? ` over ${h.tls.protocol}` : ''}`,
    );

    ctx.step('The charge point registers on the authenticated connection');
    await ctx.given('Booted');
  },
);
