import { check, defineCase } from '../../../src/dsl.js';
import { answer, transactionEventAnswer, validToken, withVariable201, START_WHEN_CHARGING } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_F_01_CS',
    title: 'Remote start transaction - Cable plugin first',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'F',
    requirements: ['F01.FR.25', 'F01.FR.01', 'F01.FR.19'],
    purpose:
      'With the EV already connected, a RequestStartTransaction from the CSMS is accepted and starts a transaction for the given token that carries the remoteStartId of the request.',
    fault: 'remote-start-no-remotestartid',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const token = validToken(config);
    const remoteStartId = 4201;
    await ctx.given('Booted');
    await withVariable201(ctx, START_WHEN_CHARGING, async () => {
      await ctx.given('EVConnectedPreSession');
      csms.respondTo('Authorize', { idTokenInfo: { status: 'Accepted' } });

      ctx.step('The harness sends RequestStartTransaction for the connected EVSE; the station accepts');
      const res = await csms.call(
        'RequestStartTransaction',
        { idToken: token, remoteStartId, evseId: config.ids.evseId },
        { requirement: 'F01.FR.01' },
      );
      ctx.expectOneOf(res.status, ['Accepted'], 'F01.FR.01', 'RequestStartTransactionResponse.status');

      ctx.step('The station starts the transaction for the requested token');
      const started = await csms.expectCall('TransactionEvent', {
        where: (p) => p.eventType === 'Started',
        whereText: 'eventType Started',
        requirement: 'F01.FR.19',
      });
      await answer(csms, started, transactionEventAnswer(started));
      check(
        started.payload.idToken?.idToken === token.idToken,
        'F01.FR.19',
        `idToken ${token.idToken}`,
        started.payload.idToken ?? 'no idToken',
      );
      ctx.expectOneOf(started.payload.triggerReason, ['RemoteStart'], 'F01.FR.19', 'Started triggerReason');

      ctx.step('The Started event carries the remoteStartId of the request');
      ctx.expectOneOf(started.payload.transactionInfo.remoteStartId, [remoteStartId], 'F01.FR.25', 'transactionInfo.remoteStartId');
    });
  },
);
