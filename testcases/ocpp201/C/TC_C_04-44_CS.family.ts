import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  answer,
  AUTH_CACHE_ENABLED,
  LOCAL_PRE_AUTHORIZE,
  STOP_ON_DEAUTHORIZE,
  cacheToken,
  clearAuthCache,
  presentToken,
  secondToken,
  sessionFor,
  validToken,
  withVariables201,
  type VariableNeed,
} from '../../../src/kit/index.js';

/**
 * A transaction runs for token A, which the CSMS put in group G (groupIdToken). A second card B
 * is presented. B stops the transaction when it is accepted and in the same group (TC_C_04, TC_C_39; from
 * the cache, TC_C_41); it does not when it is in another group (TC_C_42) or not accepted (TC_C_44,
 * cached and answered Invalid). The TxStopPoint is set to one the authorization holds up, so a
 * stop by B ends the transaction. Whether the station asks the CSMS about B (it must for an
 * unknown or refused token; a cached Accepted one may be checked locally) is not judged: an
 * Authorize for B gets B's answer of the row. How the Ended event names its reason is not judged.
 */
const GROUP = { idToken: 'HARNESS-GROUP-G', type: 'Central' as const };
const OTHER_GROUP = { idToken: 'HARNESS-GROUP-H', type: 'Central' as const };

export default defineCaseFamily(
  [
    {
      id: 'TC_C_04_CS',
      title: 'Local Stop Transaction - Different idToken',
      cachedB: undefined,
      answerB: { status: 'Accepted', groupIdToken: GROUP },
      stops: true,
      requirements: ['C09.FR.03'],
      purpose: 'An accepted different token of the same group as the token that started the transaction stops it.',
      fault: 'group-stop-ignored',
    },
    {
      id: 'TC_C_39_CS',
      title: 'Authorization by GroupId - Success',
      cachedB: undefined,
      answerB: { status: 'Accepted', groupIdToken: GROUP },
      stops: true,
      requirements: ['C09.FR.03'],
      purpose: 'A different token the CSMS accepts in the group of the token that started the transaction stops it.',
      fault: 'group-stop-ignored',
    },
    {
      id: 'TC_C_41_CS',
      title: 'Authorization by GroupId - Success with Authorization Cache',
      cachedB: { status: 'Accepted', groupIdToken: GROUP },
      answerB: { status: 'Accepted', groupIdToken: GROUP },
      stops: true,
      requirements: ['C09.FR.03', 'C10.FR.01'],
      purpose: 'A different token cached as Accepted in the same group as the transaction token stops the transaction.',
      fault: 'group-stop-ignored',
    },
    {
      id: 'TC_C_42_CS',
      title: 'Authorization by GroupId - Not stopped by GroupId',
      cachedB: undefined,
      answerB: { status: 'Accepted', groupIdToken: OTHER_GROUP },
      stops: false,
      requirements: ['C09.FR.04'],
      purpose: 'An accepted token of another group than the transaction token does not stop the transaction.',
      fault: 'other-group-stops',
    },
    {
      id: 'TC_C_44_CS',
      title: 'Authorization by GroupId - Invalid status with Authorization Cache',
      cachedB: { status: 'Invalid', groupIdToken: GROUP },
      answerB: { status: 'Invalid', groupIdToken: GROUP },
      stops: false,
      requirements: ['C09.FR.03', 'C10.FR.03'],
      purpose: 'A token of the transaction group that is cached and answered Invalid does not stop the transaction.',
      fault: 'group-stop-ignores-status',
    },
  ] as const,
  ({ cachedB, answerB, stops, requirements, ...row }) =>
    defineCase(
      {
        ...row,
        requirements: [...requirements],
        ocpp: '2.0.1',
        sut: 'cs',
        block: 'C',
        profiles: ['Core'],
        features: cachedB ? ['C-49'] : [],
      },
      async (ctx) => {
        const { csms, config } = ctx;
        const a = validToken(config);
        const b = secondToken(config);
        const requirement = requirements[0];
        await ctx.given('Booted');
        const needs: VariableNeed[] = cachedB ? [STOP_ON_DEAUTHORIZE, AUTH_CACHE_ENABLED] : [STOP_ON_DEAUTHORIZE];
        await withVariables201(ctx, needs, async () => {
          if (cachedB) {
            await clearAuthCache(ctx);
            await cacheToken(ctx, b, cachedB, 'C10.FR.01');
          }
          await withVariables201(ctx, cachedB ? [LOCAL_PRE_AUTHORIZE] : [], async () => {
            ctx.step(`A session starts for token A, which the harness puts in group ${GROUP.idToken}`);
            const event = await sessionFor(ctx, a, { status: 'Accepted', groupIdToken: GROUP }, 'C01.FR.01');
            await answer(csms, event, { idTokenInfo: { status: 'Accepted', groupIdToken: GROUP } });
            const transactionId = event.payload.transactionInfo.transactionId;

            ctx.step(`Token B is presented; the harness answers it ${answerB.status} in group ${answerB.groupIdToken.idToken}`);
            csms.respondTo('Authorize', (c) =>
              (c.payload as { idToken?: { idToken: string } }).idToken?.idToken === b.idToken ? { idTokenInfo: answerB } : undefined,
            );
            await presentToken(ctx, b, 'Present the second card (the configured invalid idToken) during the transaction.');
            const ended = (p: { eventType: string; transactionInfo: { transactionId: string } }) =>
              p.eventType === 'Ended' && p.transactionInfo.transactionId === transactionId;
            if (!stops) {
              ctx.step('The transaction goes on');
              await csms.expectNoCall('TransactionEvent', { within: config.timeouts.silenceMs, where: ended, requirement });
              return;
            }
            ctx.step('The station ends the transaction');
            const end = await csms.expectCall('TransactionEvent', { where: ended, whereText: `Ended for ${transactionId}`, requirement });
            await answer(csms, end, end.payload.idToken ? { idTokenInfo: { status: 'Accepted', groupIdToken: GROUP } } : {});
          });
        });
      },
    ),
);
