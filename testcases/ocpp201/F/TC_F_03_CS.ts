import { check, defineCase } from '../../../src/dsl.js';
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
    id: 'TC_F_03_CS',
    title: 'Remote start transaction - Remote start first - AuthorizeRemoteStart is false',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'F',
    requirements: ['F02.FR.02', 'F01.FR.01', 'F02.FR.03'],
    purpose:
      'When AuthorizeRemoteStart is false, a station treats the token of a RequestStartTransaction as authorized: it sends no Authorize and starts the transaction once the EV is connected.',
    fault: 'remote-start-authorizes-anyway',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const token = validToken(config);
    const remoteStartId = 4203;
    await ctx.given('Booted');
    await withVariable201(ctx, START_WHEN_CHARGING, async () => {
      ctx.step('The harness sets AuthCtrlr.AuthorizeRemoteStart to false');
      await setVariable(ctx, 'AuthCtrlr', 'AuthorizeRemoteStart', 'false', 'F02.FR.02');

      ctx.step('The harness sends RequestStartTransaction before any EV is connected; the station accepts');
      // An Authorize the station sends at once, before the silence window opens, counts too.
      const sent = ctx.clock.monotonic();
      const res = await csms.call(
        'RequestStartTransaction',
        { idToken: token, remoteStartId, evseId: config.ids.evseId },
        { requirement: 'F01.FR.01' },
      );
      ctx.expectOneOf(res.status, ['Accepted'], 'F01.FR.01', 'RequestStartTransactionResponse.status');

      ctx.step('The station does not ask to authorize the token');
      await csms.expectNoCall('Authorize', { within: config.timeouts.silenceMs, since: sent, requirement: 'F02.FR.02' });

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
      check(
        started.payload.idToken?.idToken === token.idToken,
        'F02.FR.03',
        `idToken ${token.idToken}`,
        started.payload.idToken ?? 'no idToken',
      );
    });
  },
);
