import { check, defineCase, defineCaseFamily, type CaseContext, untypedContext } from '../../../src/dsl.js';
import { judgeRefusal } from '../../../src/kit/index.js';

/**
 * Basic authentication with credentials the CSMS must refuse, one case per kind of wrong
 * credential (another user name, wrong passwords); afterwards the right credentials still work.
 */

/** [what, the credentials the station dials with] */
type Attempt = readonly [string, { user?: string; password?: string }];

export default defineCaseFamily(
  [
    {
      id: 'TC_A_02_CSMS',
      title: 'Basic Authentication - Username does not equal the station identity',
      purpose:
        'Basic credentials only count for the identity they name: an upgrade for the station whose Authorization header carries the right password under another user name is refused (HTTP 401), while the same password under the station identity still works.',
      fault: 'basic-auth-user-unchecked',
      attempts: (ctx: CaseContext): Attempt[] => {
        const user = `${ctx.config.stationId}X`.slice(0, 48);
        return [[`the right password but user name ${user}`, { user }]];
      },
    },
    {
      id: 'TC_A_03_CSMS',
      title: 'Basic Authentication - Invalid password',
      purpose:
        'An upgrade for the station with its identity as user name but a password other than its configured one is refused (HTTP 401); a password that only shares a prefix with the right one is refused too, while the right password still works.',
      fault: 'basic-auth-password-unchecked',
      attempts: (ctx: CaseContext): Attempt[] => [
        ['an unrelated password', { password: ctx.secret('Wrong-Password-0123456789abc') }],
        ['the right password with one more character', { password: ctx.secret(`${ctx.config.security.basicAuthPassword ?? ''}x`) }],
      ],
    },
  ],
  ({ attempts, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'A',
        profiles: ['Core'],
        securityProfiles: [1, 2],
        requirements: ['A00.FR.204', 'A00.FR.303'],
      },
      async (ctx) => {
        const { station, config } = ctx;
        const requirement = ctx.securityProfile === 1 ? 'A00.FR.204' : 'A00.FR.303';
        for (const [what, credentials] of attempts(untypedContext(ctx))) {
          ctx.step(`The station connects as ${config.stationId} with ${what}: refused`);
          const dial = await station.tryConnect(credentials);
          const judged = await judgeRefusal(ctx, dial);
          check(judged.refused, requirement, `the upgrade with ${what} is refused`, judged.outcome);
          if (dial.ok || dial.status !== 401) ctx.nonStrict(requirement, `${judged.outcome}; HTTP 401 is the answer for bad credentials`);
        }

        ctx.step('With the identity as user name and the right password the upgrade is accepted');
        const ok = await station.tryConnect();
        check(ok.ok, requirement, 'the upgrade with valid credentials is accepted', ok.ok ? '' : ok.error);
      },
    ),
);
