import { randomBytes } from 'node:crypto';
import { check, defineCase } from '../../../src/dsl.js';
import { connectOptionsAt, dialOutcome, judgeRefusal } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_085_CSMS',
    title: 'Basic Authentication - valid username/password combination',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [1, 2],
    requirements: ['SECWP16-A00.FR.204', 'SECWP16-A00.FR.203', 'SECWP16-A00.FR.202'],
    purpose:
      'On security profile 1 or 2 the central system checks HTTP Basic credentials before it upgrades the connection: a charge point that presents its identity as user name and its configured password is let in and booted, while the same upgrade with a wrong password, with another user name than the identity, or without credentials is refused.',
    fault: 'basic-auth-user-not-checked',
  },
  async (ctx) => {
    const { station, config, securityProfile } = ctx;
    const profile = securityProfile as 1 | 2;
    const password = config.security.basicAuthPassword;
    if (password === undefined) return ctx.notApplicable('no Basic-auth password is configured (security.basicAuthPassword)');
    const wrong = ctx.secret(`wrong-${randomBytes(12).toString('hex')}`);

    ctx.step('The charge point connects with a wrong password: the central system refuses the upgrade');
    const badPassword = await station.tryConnect(connectOptionsAt(ctx, profile, { password: wrong }));
    const wrongJudged = await judgeRefusal(ctx, badPassword, connectOptionsAt(ctx, profile));
    check(
      wrongJudged.refused,
      'SECWP16-A00.FR.203',
      'the upgrade with a wrong Basic-auth password is refused (HTTP 401)',
      wrongJudged.outcome,
    );

    ctx.step('The charge point connects with the right password but another user name than its identity: refused');
    const otherUser = await station.tryConnect({ ...connectOptionsAt(ctx, profile), user: `${station.identity}-other` });
    const userJudged = await judgeRefusal(ctx, otherUser, connectOptionsAt(ctx, profile));
    check(
      userJudged.refused,
      'SECWP16-A00.FR.204',
      'the upgrade whose Basic-auth user is not the charge point identity is refused',
      userJudged.outcome,
    );

    ctx.step('The charge point connects without an Authorization header: refused');
    const none = await station.tryConnect({ ...connectOptionsAt(ctx, profile), password: null });
    const noneJudged = await judgeRefusal(ctx, none, connectOptionsAt(ctx, profile));
    check(noneJudged.refused, 'SECWP16-A00.FR.202', 'the upgrade without Basic credentials is refused', noneJudged.outcome);

    ctx.step('The charge point connects with its identity and the configured password: accepted');
    const good = await station.tryConnect(connectOptionsAt(ctx, profile));
    check(good.ok, 'SECWP16-A00.FR.204', 'the upgrade with user = identity and the configured password is accepted', dialOutcome(good));

    ctx.step('The charge point boots on the authenticated connection');
    await ctx.given('Booted');
  },
);
