import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { authorize201, expectAcceptedInGroup, expectGroup, expectSendLocalList, txEvent } from '../../../src/kit/index.js';

/**
 * Authorization by GroupId: validIdToken starts a transaction and validIdToken2, a different token
 * of the same group, stops it. Every IdTokenInfo the CSMS gives for either token carries the
 * configured group (C09.FR.02) and the stop with the second token is Accepted (C09.FR.03).
 *  - C_39: the station asks the CSMS about validIdToken2 online (AuthorizeRequest) before and
 *    during the transaction.
 *  - C_40: the CSMS first sends a Full local list with both tokens (a GetLocalListVersion before
 *    it is allowed); each entry carries the group, and the station authorizes from that list.
 *  - C_43: the station's local list gives validIdToken2 a status other than Accepted, so the
 *    station asks the CSMS online, which answers Accepted with the group.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_C_39_CSMS',
      title: 'Authorization by GroupId - Success',
      list: false,
      askOnline: true,
      profiles: ['Core'],
      features: [],
      fault: 'groupid-omitted',
    },
    {
      id: 'TC_C_40_CSMS',
      title: 'Authorization by GroupId - Success with Local Authorization List',
      list: true,
      askOnline: false,
      profiles: ['Local Authorization List Management'],
      features: ['LocalAuthListManagement'],
      fault: 'locallist-groupid-omitted',
    },
    {
      id: 'TC_C_43_CSMS',
      title: 'Authorization by GroupId - Invalid status with Local Authorization List',
      list: false,
      askOnline: true,
      profiles: ['Local Authorization List Management'],
      features: ['LocalAuthListManagement'],
      fault: 'groupid-omitted',
    },
  ] as const,
  ({ list, askOnline, profiles, features, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'C',
        profiles: [...profiles],
        features: [...features],
        requirements: ['C09.FR.02', 'C09.FR.03', ...(list ? ['D01.FR.01'] : [])],
        purpose:
          'Two valid tokens of one group: the first starts a transaction, the second stops it. The CSMS gives both tokens the configured groupIdToken and accepts the stop by the second token.',
      },
      async (ctx) => {
        const { station, config } = ctx;
        const { validIdToken: first, validIdToken2: second, groupIdToken } = config.ids;
        const group = groupIdToken.idToken;
        await ctx.given('Booted');

        if (list) {
          ctx.step('The operator makes the CSMS send a Full local list with both tokens of the group');
          await ctx.manual(
            'csmsSend',
            { message: 'SendLocalList', stationId: config.stationId, updateType: 'Full', idTokens: [first, second] },
            `Make the CSMS send station ${config.stationId} a Full local authorization list with the tokens ${first.idToken} and ${second.idToken}`,
          );
          const { req } = await expectSendLocalList(ctx, 0, 'D01.FR.01');
          const entries = (req.payload.localAuthorizationList ?? []) as {
            idToken: { idToken: string };
            idTokenInfo?: { groupIdToken?: { idToken: string } };
          }[];
          for (const token of [first, second]) {
            const entry = entries.find((e) => e.idToken.idToken === token.idToken);
            check(
              entry !== undefined,
              'D01.FR.01',
              `an entry for ${token.idToken} in the local list`,
              JSON.stringify(entries.map((e) => e.idToken.idToken)),
            );
            expectGroup(entry?.idTokenInfo, group, 'C09.FR.02');
          }
          await station.untyped.reply(req, { status: 'Accepted' });
        }

        ctx.step('The EV is plugged in: the transaction starts without an idToken');
        await ctx.given('EVConnectedPreSession');
        if (askOnline) {
          ctx.step('The second token of the group is presented first; the station asks the CSMS about it');
          const auth = await authorize201(ctx, second, 'C09.FR.02');
          expectAcceptedInGroup(ctx, auth.idTokenInfo, group, 'AuthorizeResponse', 'C09.FR.02', 'C09.FR.02');
        }

        ctx.step('The first token authorizes the transaction; the CSMS answers Accepted with the group');
        const started = await txEvent(ctx, 'Updated', 'Authorized', { idToken: first, requirement: 'C09.FR.02' });
        expectAcceptedInGroup(ctx, started.idTokenInfo, group, 'TransactionEventResponse', 'C09.FR.02', 'C09.FR.02');
        await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging', requirement: 'C09.FR.03' });

        if (askOnline) {
          ctx.step('The second token is presented to stop; the station asks the CSMS about it again');
          const again = await authorize201(ctx, second, 'C09.FR.03');
          expectAcceptedInGroup(ctx, again.idTokenInfo, group, 'AuthorizeResponse', 'C09.FR.03', 'C09.FR.02');
        }

        ctx.step('The second token stops the transaction; the CSMS accepts it with the group');
        const stop = await txEvent(ctx, 'Updated', 'StopAuthorized', {
          idToken: second,
          chargingState: 'EVConnected',
          requirement: 'C09.FR.03',
        });
        expectAcceptedInGroup(ctx, stop.idTokenInfo, group, 'TransactionEventResponse', 'C09.FR.03', 'C09.FR.02');

        ctx.step('The EV is unplugged: the transaction ends');
        await ctx.given('EVDisconnected', { stoppedReason: 'Local' });
      },
    ),
);
