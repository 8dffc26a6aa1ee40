import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  answer,
  AUTH_CACHE_ENABLED,
  LOCAL_PRE_AUTHORIZE,
  STOP_ON_DEAUTHORIZE,
  cacheToken,
  clearAuthCache,
  sessionFor,
  validToken,
  withVariables201,
} from '../../../src/kit/index.js';

/**
 * A token cached as Accepted starts a session locally (LocalPreAuthorize); the CSMS then refuses
 * it in the TransactionEventResponse. With TxCtrlr.StopTxOnInvalidId true the station deauthorizes
 * the transaction: it ends it with triggerReason Deauthorized and stoppedReason DeAuthorized.
 * Both cases set TxStopPoint to one the authorization holds up, so a deauthorization would end
 * the transaction. With false the transaction stays open (the station may stop the energy transfer and report
 * that in Updated events, or not: both are accepted). Whether the station still sent Authorize
 * (a station may check the cache and the CSMS both) is not judged; Authorize is answered Accepted.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_C_16_CS',
      title: 'Authorization through authorization cache - StopTxOnInvalidId = true',
      stop: 'true',
      requirements: ['E01.FR.11', 'E06.FR.04'],
      purpose:
        'With StopTxOnInvalidId true, a transaction whose token the CSMS refuses in a TransactionEventResponse is ended as DeAuthorized.',
    },
    {
      id: 'TC_C_17_CS',
      title: 'Authorization through authorization cache - StopTxOnInvalidId = false',
      stop: 'false',
      requirements: ['E05.FR.03'],
      purpose: 'With StopTxOnInvalidId false, a transaction whose token the CSMS refuses in a TransactionEventResponse is not ended.',
    },
  ] as const,
  ({ stop, requirements, ...row }) =>
    defineCase(
      {
        ...row,
        requirements: [...requirements],
        ocpp: '2.0.1',
        sut: 'cs',
        block: 'C',
        profiles: ['Core'],
        features: ['C-49'],
        fault: 'stop-tx-on-invalid-inverted',
      },
      async (ctx) => {
        const { csms, config } = ctx;
        const token = validToken(config);
        const requirement = requirements[0];
        await ctx.given('Booted');
        const setting = { component: 'TxCtrlr', variable: 'StopTxOnInvalidId', value: stop };
        await withVariables201(ctx, [AUTH_CACHE_ENABLED, setting, STOP_ON_DEAUTHORIZE], async () => {
          await clearAuthCache(ctx);
          await cacheToken(ctx, token, { status: 'Accepted' }, 'C10.FR.01');
          await withVariables201(ctx, [LOCAL_PRE_AUTHORIZE], async () => {
            ctx.step('The cable is plugged in and the cached token presented; the station starts charging for it');
            const event = await sessionFor(ctx, token, { status: 'Accepted' }, 'C12.FR.02');
            const transactionId = event.payload.transactionInfo.transactionId;

            ctx.step('The harness refuses the token in the TransactionEventResponse (Invalid)');
            await answer(csms, event, { idTokenInfo: { status: 'Invalid' } });
            const ofTx = (p: { eventType: string; transactionInfo: { transactionId: string } }) =>
              p.eventType === 'Ended' && p.transactionInfo.transactionId === transactionId;
            if (stop === 'false') {
              ctx.step('The transaction is not ended');
              await csms.expectNoCall('TransactionEvent', { within: config.timeouts.silenceMs, where: ofTx, requirement });
              return;
            }
            ctx.step('The station ends the transaction as deauthorized');
            const ended = await csms.expectCall('TransactionEvent', {
              where: ofTx,
              whereText: `Ended for ${transactionId}`,
              requirement,
            });
            await answer(csms, ended, ended.payload.idToken ? { idTokenInfo: { status: 'Invalid' } } : {});
            ctx.expectOneOf(ended.payload.triggerReason, ['Deauthorized'], requirement, 'Ended triggerReason');
            ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason, ['DeAuthorized'], 'E06.FR.04', 'Ended stoppedReason');
          });
        });
      },
    ),
);
