import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_A_03_CSMS',
    title: 'Basic Authentication - Invalid password',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'A',
    profiles: ['Core'],
    securityProfiles: [1, 2],
    requirements: ['A00.FR.204', 'A00.FR.303'],
    purpose:
      'An upgrade for the station with its identity as user name but a password other than its configured one is refused (HTTP 401); a password that only shares a prefix with the right one is refused too.',
    fault: 'basic-auth-password-unchecked',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const requirement = ctx.securityProfile === 1 ? 'A00.FR.204' : 'A00.FR.303';
    const right = config.security.basicAuthPassword ?? '';
    const wrong: [string, string][] = [
      ['an unrelated password', ctx.secret('Wrong-Password-0123456789abc')],
      ['the right password with one more character', ctx.secret(`${right}x`)],
    ];
    for (const [what, password] of wrong) {
      ctx.step(`The station connects as ${config.stationId} with ${what}: refused`);
      const dial = await station.tryConnect({ password });
      if (dial.ok) dial.conn.close(1000, 'test done');
      check(!dial.ok, requirement, `the upgrade with ${what} is refused`, 'HTTP 101: the connection was accepted');
      if (!dial.ok && dial.status !== 401) ctx.nonStrict(requirement, `refused with ${dial.error}; HTTP 401 is the answer for bad credentials`);
    }
  },
);
