import { check, defineCase } from '../../../src/dsl.js';
import { expectBootAccepted201 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_01_CSMS',
    title: 'Basic Authentication - Valid username/password combination',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'A',
    profiles: ['Core'],
    securityProfiles: [1, 2],
    requirements: ['A00.FR.202', 'A00.FR.302', 'B01.FR.02'],
    purpose:
      'A station that presents HTTP Basic credentials with its identity as user name and its configured password (a 16 to 40 character password) is let in: the upgrade succeeds and its BootNotification is accepted.',
    fault: 'basic-auth-password-max-20',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const requirement = ctx.securityProfile === 1 ? 'A00.FR.202' : 'A00.FR.302';
    const length = config.security.basicAuthPassword?.length ?? 0;

    ctx.step(`The station connects with Basic credentials ${config.stationId}:<configured password of ${length} characters>`);
    const dial = await station.tryConnect();
    check(dial.ok, requirement, 'the CSMS accepts the upgrade with valid Basic credentials', dial.ok ? '' : dial.error);

    // A CSMS may answer Pending first (B02) and accept a later boot: both are conformant.
    ctx.step('The station sends BootNotification (again after each Pending); the CSMS accepts it');
    await expectBootAccepted201(ctx);
  },
);
