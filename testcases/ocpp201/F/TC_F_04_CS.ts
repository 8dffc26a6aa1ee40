import { defineCase } from '../../../src/dsl.js';
import {
  callsSince,
  expectAfter,
  mark,
  plugIn201,
  respondToTransactionEvents,
  validToken,
  withVariable201,
} from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_F_04_CS',
    title: 'Remote start transaction - Remote start first - Cable plugin timeout',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'F',
    requirements: ['E03.FR.05', 'E03.FR.04', 'F01.FR.01'],
    purpose:
      'A remote start accepted while no EV is connected lapses once TxCtrlr.EVConnectionTimeOut passes without a cable: a transaction it started (TxStartPoint Authorized) ends with trigger EVConnectTimeout and reason Timeout, and a cable plugged in afterwards does not charge for its token.',
    fault: 'remote-start-timeout-ignored',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const token = validToken(config);
    const remoteStartId = 4204;
    // Short, but long enough for the station to answer and act (the message timeout, at least 1 s).
    const timeoutS = Math.max(1, Math.ceil(config.timeouts.messageMs / 1000));
    await ctx.given('Booted');
    const need = {
      component: 'TxCtrlr',
      variable: 'EVConnectionTimeOut',
      value: String(timeoutS),
      holds: (v: string) => Number(v) > 0 && Number(v) <= timeoutS,
    };
    await withVariable201(ctx, need, async () => {
      // With AuthorizeRemoteStart true the station asks first; the token is valid.
      csms.respondTo('Authorize', { idTokenInfo: { status: 'Accepted' } });
      respondToTransactionEvents(ctx);
      const ours = (p: { idToken?: { idToken?: string }; transactionInfo?: { remoteStartId?: number } }) =>
        p.idToken?.idToken === token.idToken || p.transactionInfo?.remoteStartId === remoteStartId;

      ctx.step('The harness sends RequestStartTransaction while no EV is connected; the station accepts');
      const since = mark(csms);
      const res = await csms.call(
        'RequestStartTransaction',
        { idToken: token, remoteStartId, evseId: config.ids.evseId },
        { requirement: 'F01.FR.01' },
      );
      ctx.expectOneOf(res.status, ['Accepted'], 'F01.FR.01', 'RequestStartTransactionResponse.status');

      ctx.step(`No cable is connected for longer than EVConnectionTimeOut (${timeoutS} s)`);
      await new Promise((r) => setTimeout(r, timeoutS * 1000 + config.timeouts.messageMs));

      const started = callsSince(csms, since).some(
        (c) => c.action === 'TransactionEvent' && (c.payload as { eventType?: string }).eventType === 'Started',
      );
      if (started) {
        // TxStartPoint Authorized: the remote start opened a transaction, which the timeout ends.
        ctx.step('The transaction the remote start opened ends on the timeout (EVConnectTimeout, Timeout)');
        const ended = await expectAfter(csms, since, 'TransactionEvent', {
          where: (p) => p.eventType === 'Ended',
          whereText: 'eventType Ended',
          requirement: 'E03.FR.05',
        });
        ctx.expectOneOf(ended.payload.triggerReason, ['EVConnectTimeout'], 'E03.FR.05', 'Ended triggerReason');
        ctx.expectOneOf(ended.payload.transactionInfo.stoppedReason, ['Timeout'], 'E03.FR.05', 'Ended stoppedReason');
        return;
      }

      ctx.step('The EV cable is plugged in after the timeout: the station does not charge for the lapsed remote start');
      await plugIn201(ctx);
      // A transaction the cable alone starts (TxStartPoint EVConnected) is allowed; it must not carry the remote start.
      await csms.expectNoCall('TransactionEvent', {
        within: config.timeouts.silenceMs + config.timeouts.messageMs,
        where: (p) => ours(p) || p.transactionInfo.chargingState === 'Charging',
        whereText: 'an event with the remote start token or remoteStartId, or charging',
        requirement: 'E03.FR.04',
      });
    });
  },
);
