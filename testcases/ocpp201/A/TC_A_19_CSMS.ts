import { check, defineCase } from '../../../src/dsl.js';
import { closeAndWait, reconnectAndBoot, secureDial, wssTarget, judgeRefusal } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_A_19_CSMS',
    title: 'Upgrade Charging Station Security Profile - Accepted',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'A',
    profiles: ['Core'],
    securityProfiles: [1, 2],
    requirements: ['A05.FR.09', 'A05.FR.02', 'B09.FR.01'],
    purpose:
      'The CSMS moves the station one security profile up: SetNetworkProfile with the next profile and a wss:// URL, then Reset; the station reconnects on the higher profile and is let in, after which the CSMS refuses it on the old, lower profile.',
    features: ['NetworkProfiles'],
    fault: 'lower-profile-accepted-after-upgrade',
    hint: 'After this case the CSMS has the station on the higher profile; a real SUT run must set it back.',
  },
  async (ctx) => {
    const { station, config, pki } = ctx;
    const from = ctx.securityProfile;
    const to = from + 1;
    await ctx.given('Booted');

    ctx.step(`The operator makes the CSMS move the station to security profile ${to}`);
    await ctx.manual(
      'csmsSend',
      { message: 'SetNetworkProfile', stationId: config.stationId, securityProfile: to, configurationSlot: 1 },
      `Make the CSMS send SetNetworkProfile with security profile ${to} to station ${config.stationId}`,
    );
    const req = await station.expectCall('SetNetworkProfile', { requirement: 'B09.FR.01' });
    const data = req.payload.connectionData as { securityProfile: number; ocppCsmsUrl: string };
    check(data.securityProfile === to, 'A05.FR.02', `connectionData.securityProfile = ${to}`, String(data.securityProfile));
    check(/^wss:\/\//i.test(data.ocppCsmsUrl), 'A05.FR.02', 'a wss:// CSMS URL for profile 2/3', data.ocppCsmsUrl);
    await station.reply(req, { status: 'Accepted' });

    ctx.step('The operator makes the CSMS reset the station');
    await ctx.manual(
      'csmsSend',
      { message: 'Reset', stationId: config.stationId, type: 'Immediate' },
      `Make the CSMS reset station ${config.stationId}`,
    );
    const reset = await station.expectCall('Reset', { requirement: 'A05.FR.02' });
    await station.reply(reset, { status: 'Accepted' });
    await closeAndWait(ctx);

    ctx.step(`The station reconnects on security profile ${to} and boots`);
    const upgraded =
      to === 3 ? { tls: secureDial(ctx, { clientCert: pki.artifact('station') }), password: null } : { tls: secureDial(ctx) };
    const conn = await reconnectAndBoot(
      ctx,
      { target: wssTarget(ctx), ...upgraded },
      'A05.FR.02',
      `the CSMS accepts the station on security profile ${to}`,
    );
    await closeAndWait(ctx, conn);

    ctx.step(`The station tries its old profile ${from}: refused`);
    const old =
      from === 2
        ? { target: wssTarget(ctx), tls: secureDial(ctx, { clientCert: null }) }
        : { target: station.target.replace(/^wss:/, 'ws:') };
    const dial = await station.tryConnect(old);
    const judged = await judgeRefusal(ctx, dial, { target: wssTarget(ctx), ...upgraded });
    check(judged.refused, 'A05.FR.09', `the station is refused on its former profile ${from}`, judged.outcome);
  },
);
