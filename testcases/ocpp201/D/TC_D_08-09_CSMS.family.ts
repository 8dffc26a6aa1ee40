import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { checkListVersion, expectSendLocalList } from '../../../src/kit/index.js';

/**
 * Get the local list version: the operator makes the CSMS ask GetLocalListVersion; the station
 * answers a version (D_08) or 0, no list (D_09). What the CSMS learnt must show in its next
 * update: the operator then makes it send a Differential update, whose versionNumber must be
 * above the reported one and above 0 (D01.FR.18). A Heartbeat round trip between the two
 * makes sure the CSMS has read the answer before the operator acts (frames are processed in order).
 */
export default defineCaseFamily(
  [
    { id: 'TC_D_08_CSMS', title: 'Get Local List Version - Success', version: 7 },
    { id: 'TC_D_09_CSMS', title: 'Get Local List Version - No list available', version: 0 },
  ] as const,
  ({ version, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'D',
        profiles: ['Local Authorization List Management'],
        features: ['LocalAuthListManagement'],
        requirements: ['D02.FR.01', 'D01.FR.18'],
        purpose: `The CSMS asks the station for its local list version; the station answers ${version}${version === 0 ? ' (no list)' : ''}, and the next update the CSMS sends has a higher versionNumber.`,
        fault: 'locallist-version-from-station',
      },
      async (ctx) => {
        const { station, config } = ctx;
        ctx.step('The station is booted and idle');
        await ctx.given('Booted');

        ctx.step('The operator makes the CSMS ask the station for its local list version');
        await ctx.manual(
          'csmsSend',
          { message: 'GetLocalListVersion', stationId: config.stationId },
          `Make the CSMS ask station ${config.stationId} for the version of its local authorization list`,
        );
        const req = await station.expectCall('GetLocalListVersion', { requirement: 'D02.FR.01' });
        ctx.step(`The station answers versionNumber ${version}${version === 0 ? ' (no list installed)' : ''}`);
        await station.reply(req, { versionNumber: version });
        await station.call('Heartbeat', {}, { requirement: 'D02.FR.01' });

        ctx.step('The operator makes the CSMS send a Differential update; its version is above the reported one');
        await ctx.manual(
          'csmsSend',
          { message: 'SendLocalList', stationId: config.stationId, updateType: 'Differential' },
          `Make the CSMS send station ${config.stationId} a Differential local authorization list update`,
        );
        const sent = await expectSendLocalList(ctx, version, 'D01.FR.18');
        checkListVersion(sent.req.payload, sent.told ?? version, 'D01.FR.18');
        await station.untyped.reply(sent.req, { status: 'Accepted' });
      },
    ),
);
