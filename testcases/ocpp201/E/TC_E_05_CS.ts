import { check, defineCase } from '../../../src/dsl.js';
import {
  callsSince,
  mark,
  plugIn201,
  readVariable201,
  respondToTransactionEvents,
  validToken,
  withVariable201,
  type VariableNeed,
} from '../../../src/kit/index.js';

/** A short EVConnectionTimeOut keeps the case quick; any value from 1 to 10 s will do. */
const SHORT_TIMEOUT: VariableNeed = {
  component: 'TxCtrlr',
  variable: 'EVConnectionTimeOut',
  value: '3',
  holds: (v) => Number(v) >= 1 && Number(v) <= 10,
};

export default defineCase(
  {
    id: 'TC_E_05_CS',
    title: 'Local start transaction - Authorization first - Cable plugin timeout',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'E',
    profiles: ['Core'],
    requirements: ['E03.FR.05'],
    purpose:
      'A driver who is authorized but plugs in only after EVConnectionTimeOut gets no charging session from that authorization: a transaction it started (TxStartPoint Authorized) ends with stoppedReason Timeout, and the late cable starts no charging for the token.',
    fault: 'ev-connect-timeout-ignored',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const token = validToken(config);
    await ctx.given('Booted');
    await withVariable201(ctx, SHORT_TIMEOUT, async () => {
      const timeoutS = Number(await readVariable201(ctx, 'TxCtrlr', 'EVConnectionTimeOut')) || 10;
      csms.respondTo('Authorize', { idTokenInfo: { status: 'Accepted' } });
      respondToTransactionEvents(ctx);
      const since = mark(csms);
      ctx.step('The driver presents the valid token; no cable is plugged in');
      await ctx.manual(
        'presentIdToken',
        { ...token, evseId: config.ids.evseId },
        'Present the configured valid idToken (no cable plugged in).',
      );

      ctx.step(`No cable within EVConnectionTimeOut (${timeoutS} s): the authorization lapses`);
      await csms.wait(timeoutS * 1000 + config.timeouts.messageMs);
      const events = callsSince(csms, since).filter((c) => c.action === 'TransactionEvent');
      // A station whose TxStartPoint is Authorized started a transaction at once: it must have ended on the timeout.
      // A station that starts later (at the cable) shows nothing here, which is fine.
      for (const started of events.filter((c) => c.payload.eventType === 'Started')) {
        const txId = started.payload.transactionInfo?.transactionId;
        const ended = events.find((c) => c.payload.eventType === 'Ended' && c.payload.transactionInfo?.transactionId === txId);
        check(ended !== undefined, 'E03.FR.05', `transaction ${txId} started at authorization ends on the timeout`, 'no Ended event');
        ctx.expectOneOf(ended?.payload.transactionInfo?.stoppedReason, ['Timeout'], 'E03.FR.05', 'Ended stoppedReason');
        ctx.expectOneOf(ended?.payload.triggerReason, ['EVConnectTimeout'], 'E03.FR.05', 'Ended triggerReason');
      }

      ctx.step('The cable is plugged in after the timeout: no charging starts for the lapsed authorization');
      const afterPlug = mark(csms);
      await plugIn201(ctx);
      await csms.wait(config.timeouts.messageMs);
      // TxStartPoint EVConnected / ParkingBayOccupancy may start an unauthorized transaction at the cable: allowed, if it does not charge for the token.
      const charging = callsSince(csms, afterPlug).filter(
        (c) =>
          c.action === 'TransactionEvent' &&
          (c.payload.transactionInfo?.chargingState === 'Charging' || c.payload.idToken?.idToken === token.idToken),
      );
      check(
        charging.length === 0,
        'E03.FR.05',
        'no TransactionEvent charging or naming the lapsed token after the late plug-in',
        charging.map((c) => `${String(c.payload.eventType)} ${String(c.payload.transactionInfo?.chargingState)}`).join(', '),
      );
    });
  },
);
