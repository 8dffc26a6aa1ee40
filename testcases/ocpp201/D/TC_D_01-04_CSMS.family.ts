import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { checkListVersion, expectSendLocalList } from '../../../src/kit/index.js';

/**
 * Send a local authorization list: the operator makes the CSMS send one kind of update, and the
 * station (holding list version STATION_VERSION) accepts it. A CSMS may ask GetLocalListVersion
 * first (allowed, not required): then its versionNumber must be above the version reported;
 * in any case it is above 0 (D01.FR.18). Which tokens a list holds is the operator's data, so
 * only the shape the update type demands is checked:
 *  - D_01 Full: entries present, each with idTokenInfo (a full list says what each token is).
 *  - D_02 Differential update: entries present, each with idTokenInfo (D01.FR.04).
 *  - D_03 Differential remove: entries present, none with idTokenInfo (D01.FR.17).
 *  - D_04 Full with an empty list: no entries (localAuthorizationList absent or empty).
 */
const STATION_VERSION = 3;

export default defineCaseFamily(
  [
    {
      id: 'TC_D_01_CSMS',
      title: 'Send Local Authorization List - Full',
      details: { updateType: 'Full' },
      updateType: 'Full',
      entries: 'with-info',
      requirement: 'D01.FR.02',
      fault: 'locallist-update-type-inverted',
    },
    {
      id: 'TC_D_02_CSMS',
      title: 'Send Local Authorization List - Differential Update',
      details: { updateType: 'Differential' },
      updateType: 'Differential',
      entries: 'with-info',
      requirement: 'D01.FR.04',
      fault: 'locallist-update-type-inverted',
    },
    {
      id: 'TC_D_03_CSMS',
      title: 'Send Local Authorization List - Differential Remove',
      details: { updateType: 'Differential', remove: true },
      updateType: 'Differential',
      entries: 'without-info',
      requirement: 'D01.FR.17',
      fault: 'locallist-remove-keeps-info',
    },
    {
      id: 'TC_D_04_CSMS',
      title: 'Send Local Authorization List - Full with empty list',
      details: { updateType: 'Full', idTokens: [] },
      updateType: 'Full',
      entries: 'none',
      requirement: 'D01.FR.02',
      fault: 'locallist-update-type-inverted',
    },
  ] as const,
  ({ details, updateType, entries, requirement, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'D',
        profiles: ['Local Authorization List Management'],
        features: ['LocalAuthListManagement'],
        requirements: ['D01.FR.01', 'D01.FR.18', requirement],
        purpose: `Asked by the operator, the CSMS sends SendLocalList with updateType ${updateType}, a versionNumber above the station's, and ${entries === 'none' ? 'no entries' : entries === 'with-info' ? 'entries that carry idTokenInfo' : 'entries without idTokenInfo (removals)'}.`,
      },
      async (ctx) => {
        const { station, config } = ctx;
        ctx.step('The station is booted and idle');
        await ctx.given('Booted');

        const what = entries === 'none' ? 'an empty Full' : entries === 'without-info' ? 'a Differential removal' : `a ${updateType}`;
        ctx.step(`The operator makes the CSMS send ${what} local authorization list`);
        await ctx.manual(
          'csmsSend',
          { message: 'SendLocalList', stationId: config.stationId, ...details },
          `Make the CSMS send station ${config.stationId} ${what} local authorization list${entries === 'without-info' ? ' that removes a token' : ''}`,
        );
        const { req, told } = await expectSendLocalList(ctx, STATION_VERSION, 'D01.FR.01');
        const p = req.payload as { updateType: string; versionNumber: number; localAuthorizationList?: { idTokenInfo?: unknown }[] };

        ctx.step(`The request is a ${updateType} update with a new version number`);
        ctx.expectOneOf(p.updateType, [updateType], 'D01.FR.01', 'SendLocalListRequest.updateType');
        checkListVersion(p, told, 'D01.FR.18');
        const list = p.localAuthorizationList ?? [];
        if (entries === 'none') check(list.length === 0, requirement, 'no localAuthorizationList entries', `${list.length} entries`);
        else {
          check(list.length > 0, requirement, 'localAuthorizationList entries', 'none');
          const withInfo = list.filter((e) => e.idTokenInfo !== undefined).length;
          if (entries === 'with-info')
            check(withInfo === list.length, requirement, 'idTokenInfo in every entry', `${list.length - withInfo} without`);
          else check(withInfo === 0, requirement, 'no idTokenInfo in any entry (removal)', `${withInfo} with idTokenInfo`);
        }

        ctx.step('The station accepts the update');
        await station.untyped.reply(req, { status: 'Accepted' });
      },
    ),
);
