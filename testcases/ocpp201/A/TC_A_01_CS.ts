import { check, defineCase } from '../../../src/dsl.js';
import { expectAfter, mark, observeUpgrades, parseBasicAuth, reconnectWindow } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_01_CS',
    title: 'Basic authentication - valid user name and password',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'A',
    requirements: ['A00.FR.204', 'A00.FR.202', 'A00.FR.203', 'A00.FR.205'],
    profiles: ['Core'],
    securityProfiles: [1, 2],
    purpose:
      'On security profile 1 or 2 the station sends HTTP Basic authentication with every connection request: the user name is the identity in the connection URL and the password is the configured one, a passwordString of 16 to 40 characters. The CSMS accepts it and the station registers.',
    fault: 'basic-auth-user-not-identity',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const upgrades = observeUpgrades(ctx);
    try {
      ctx.step('The station opens a new connection (power cycle when it is already connected)');
      const before = mark(csms);
      if (csms.connection) await ctx.manual('reboot', {}, 'Power-cycle the charging station so that it connects again.');
      const seen = await upgrades.waitForCount(1, reconnectWindow(config));
      check(seen, 'A00.FR.202', 'the station sends a WebSocket upgrade request', 'no upgrade request arrived');
      const req = upgrades.attempts[0];

      ctx.step('The upgrade request carries Basic authentication for the station identity');
      const auth = parseBasicAuth(req.headers.authorization);
      check(
        auth !== undefined,
        'A00.FR.202',
        'an "Authorization: Basic <base64(user:password)>" header',
        req.headers.authorization === undefined ? 'no Authorization header' : 'an Authorization header of another scheme',
      );
      const identity = decodeURIComponent((req.url.split('?')[0] ?? '').split('/').filter(Boolean).pop() ?? '');
      check(
        auth.user === identity,
        'A00.FR.204',
        `Basic-auth user name ${JSON.stringify(identity)} (the identity in the URL)`,
        `user name ${JSON.stringify(auth.user)}`,
      );
      check(auth.password === config.security.basicAuthPassword, 'A00.FR.203', 'the configured BasicAuthPassword', 'another password');
      check(
        /^[\x21-\x7e]{16,40}$/.test(auth.password),
        'A00.FR.205',
        'a password of 16 to 40 printable characters',
        `a password of ${auth.password.length} characters`,
      );

      ctx.step('The CSMS accepts the connection and the station registers');
      const hs = await csms.expectHandshake({
        after: 0,
        within: reconnectWindow(config),
        where: (h) => h.authUser === identity,
        requirement: 'A00.FR.202',
        expected: 'the upgrade with Basic authentication is accepted',
      });
      ctx.note(`connected on security profile ${hs.profile} as ${JSON.stringify(hs.authUser)}`);
      const boot = await expectAfter(csms, before, 'BootNotification', { within: config.timeouts.messageMs, requirement: 'A00.FR.202' });
      await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    } finally {
      upgrades.stop();
    }
  },
);
