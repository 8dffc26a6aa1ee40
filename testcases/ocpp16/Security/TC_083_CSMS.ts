import { check, defineCase } from '../../../src/dsl.js';
import { connectOptionsAt, dialOutcome, judgeRefusal } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_083_CSMS',
    title: 'Upgrade Charge Point Security Profile - Accepted',
    ocpp: '1.6',
    sut: 'csms',
    block: 'Security',
    profiles: ['Security'],
    securityProfiles: [1, 2],
    requirements: ['SECWP16-A05.FR.09', 'SECWP16-A05.FR.01', 'SECWP16-A00.FR.002'],
    purpose:
      "The operator raises the charge point's security profile by one (1 to 2: TLS with Basic auth; 2 to 3: TLS with a client certificate): the central system sends ChangeConfiguration SecurityProfile with the new value. The charge point accepts, reconnects on the new profile and is let in and served; a connection on the previous, lower profile is refused from then on.",
    features: ['Security.SecurityProfileUpgrade'],
    fault: 'accepts-lower-profile-after-upgrade',
  },
  async (ctx) => {
    const { station, config, securityProfile } = ctx;
    const from = securityProfile as 1 | 2;
    const to = (from + 1) as 2 | 3;
    await ctx.given('Booted');

    ctx.step(
      `The operator raises the security profile from ${from} to ${to}: the central system sends ChangeConfiguration SecurityProfile`,
    );
    await ctx.manual(
      'csmsSend',
      { message: 'ChangeConfiguration', stationId: config.stationId, key: 'SecurityProfile', value: String(to) },
      `Make the central system raise the security profile of ${config.stationId} to ${to} (ChangeConfiguration SecurityProfile = ${to}).`,
    );
    const req = await station.expectCall('ChangeConfiguration', {
      requirement: 'SECWP16-A05.FR.01',
      where: (p) => p.key === 'SecurityProfile',
      whereText: 'key = SecurityProfile',
    });
    check(
      req.payload.value === String(to),
      'SECWP16-A05.FR.01',
      `SecurityProfile value = "${to}"`,
      `value = ${JSON.stringify(req.payload.value)}`,
    );

    ctx.step(`The charge point has what profile ${to} needs: it answers Accepted and disconnects`);
    await station.reply(req, { status: 'Accepted' });
    station.connection?.close(1000, `reconnecting with security profile ${to}`);

    ctx.step(`The charge point reconnects on security profile ${to}: the central system lets it in`);
    const upgraded = await station.tryConnect(connectOptionsAt(ctx, to));
    check(
      upgraded.ok,
      'SECWP16-A00.FR.002',
      `the connection on security profile ${to} is accepted after the upgrade`,
      dialOutcome(upgraded),
    );
    await station.call('Heartbeat', {}, { requirement: 'SECWP16-A00.FR.002' });

    ctx.step(`A connection on the previous security profile ${from} is refused from now on`);
    const lower = await station.tryConnect(connectOptionsAt(ctx, from));
    const judged = await judgeRefusal(ctx, lower, connectOptionsAt(ctx, to));
    check(
      judged.refused,
      'SECWP16-A05.FR.09',
      `the connection on the lower security profile ${from} is refused after the upgrade`,
      judged.outcome,
    );
  },
);
