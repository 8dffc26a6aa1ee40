import { defineCase } from '../../../src/dsl.js';
import {
  answer,
  mark,
  expectAfter,
  setVariable,
  transactionEventAnswer,
  validToken,
  withVariable201,
  START_WHEN_CHARGING,
  plugIn201,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_F_02_CS',
    title: 'Remote start transaction - Remote start first - AuthorizeRemoteStart is true',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'F',
    requirements: ['F02.FR.01', 'F01.FR.01', 'F02.FR.03'],
    purpose:
      'When AuthorizeRemoteStart is true, a station receiving RequestStartTransaction first authorizes the token with the CSMS, and starts the transaction once the EV is connected.',
    fault: 'remote-start-skips-authorize',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const token = validToken(config);
    const remoteStartId = 4202;
    await ctx.given('Booted');
    await withVariable201(ctx, START_WHEN_CHARGING, async () => {
      ctx.step('The harness sets AuthCtrlr.AuthorizeRemoteStart to true');
      // setVariable restores the station's own value at case end (a post-condition).
      await setVariable(ctx, 'AuthCtrlr', 'AuthorizeRemoteStart', 'true', 'F02.FR.01');

      ctx.step('The harness sends RequestStartTransaction before any EV is connected; the station accepts');
      const res = await csms.call(
        'RequestStartTransaction',
        { idToken: token, remoteStartId, evseId: config.ids.evseId },
        { requirement: 'F01.FR.01' },
      );
      ctx.expectOneOf(res.status, ['Accepted'], 'F01.FR.01', 'RequestStartTransactionResponse.status');

      ctx.step('The station asks the harness to authorize the token; the harness accepts');
      const auth = await csms.expectCall('Authorize', { requirement: 'F02.FR.01' });
      ctx.expectOneOf(auth.payload.idToken.idToken, [token.idToken], 'F02.FR.01', 'Authorize idToken');
      await answer(csms, auth, { idTokenInfo: { status: 'Accepted' } });

      ctx.step('The EV cable is plugged in; the station starts the transaction with the remoteStartId');
      const since = mark(csms);
      await plugIn201(ctx);
      const started = await expectAfter(csms, since, 'TransactionEvent', {
        where: (p) => p.eventType === 'Started',
        whereText: 'eventType Started',
        requirement: 'F02.FR.03',
      });
      await answer(csms, started, transactionEventAnswer(started));
      ctx.expectOneOf(started.payload.transactionInfo.remoteStartId, [remoteStartId], 'F02.FR.03', 'transactionInfo.remoteStartId');
    });
  },
);
