import { check, defineCase } from '../../../src/dsl.js';

export default defineCase(
  {
    id: 'TC_A_02_CSMS',
    title: 'Basic Authentication - Username does not equal the station identity',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'A',
    profiles: ['Core'],
    securityProfiles: [1, 2],
    requirements: ['A00.FR.204', 'A00.FR.303'],
    purpose:
      'Basic credentials only count for the identity they name: an upgrade for the station whose Authorization header carries the right password under another user name is refused (HTTP 401), while the same password under the station identity still works.',
    fault: 'basic-auth-user-unchecked',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const requirement = ctx.securityProfile === 1 ? 'A00.FR.204' : 'A00.FR.303';
    const user = `${config.stationId}X`.slice(0, 48);

    ctx.step(`The station connects as ${config.stationId} with the right password but user name ${user}: refused`);
    const dial = await station.tryConnect({ user });
    if (dial.ok) dial.conn.close(1000, 'test done');
    check(!dial.ok, requirement, `the upgrade is refused when the Basic user name (${user}) is not the identity in the URL`, 'HTTP 101: the connection was accepted');
    if (!dial.ok && dial.status !== 401) ctx.nonStrict(requirement, `refused with ${dial.error}; HTTP 401 is the answer for bad credentials`);

    ctx.step('With the identity as user name the same password is accepted');
    const ok = await station.tryConnect();
    check(ok.ok, requirement, 'the upgrade with valid credentials is accepted', ok.ok ? '' : ok.error);
  },
);
