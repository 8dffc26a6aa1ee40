import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import {
  answer,
  readVariable201,
  respondToTransactionEvents,
  seqNoOf,
  startedTransaction,
  transactionEventAnswer,
  withVariables201,
} from '../../../src/kit/index.js';

/**
 * Retrying a transaction message (E13): the harness fails the station's next TransactionEvent,
 * by not answering it (the station's MessageTimeout runs out) or by answering CALLERROR, and
 * watches the station send it again. MessageAttempts[TransactionEvent] counts every attempt, the
 * first included; before attempt k+1 the station waits MessageAttemptInterval[TransactionEvent]
 * times k seconds (so consecutive attempts are at least that far apart, whatever the timeout).
 * "Success" rows answer the second attempt; "max" rows fail every attempt and expect the
 * station to drop the message and go on with the next one (periodic readings keep coming).
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_E_41_CS',
      title: 'Retry sending transaction message when failed - Max retry count reached',
      requirements: ['E13.FR.01', 'E13.FR.02', 'E13.FR.03'],
      purpose:
        'A TransactionEvent the CSMS never answers is sent MessageAttempts times in all, spaced by the attempt interval, then dropped for the next message.',
      fault: 'tx-retry-beyond-max',
      how: 'silence' as const,
      attempts: 2,
      answerAttempt: 0,
    },
    {
      id: 'TC_E_42_CS',
      title: 'Retry sending transaction message when failed - Success before reaching the max retry count',
      requirements: ['E13.FR.01', 'E13.FR.02'],
      purpose:
        'A TransactionEvent the CSMS does not answer is sent again after the attempt interval, and the answered retry ends the retries.',
      fault: 'tx-retry-none',
      how: 'silence' as const,
      attempts: 3,
      answerAttempt: 2,
    },
    {
      id: 'TC_E_50_CS',
      title: 'Retry sending transaction message when failed - Max retry count reached - CallError',
      requirements: ['E13.FR.01', 'E13.FR.02', 'E13.FR.03'],
      purpose:
        'A TransactionEvent the CSMS answers with CALLERROR every time is sent MessageAttempts times in all, spaced by the attempt interval, then dropped for the next message.',
      fault: 'tx-retry-beyond-max',
      how: 'callerror' as const,
      attempts: 3,
      answerAttempt: 0,
    },
    {
      id: 'TC_E_51_CS',
      title: 'Retry sending transaction message when failed - Success before reaching the max retry count - CallError',
      requirements: ['E13.FR.01', 'E13.FR.02'],
      purpose:
        'A TransactionEvent the CSMS answers with CALLERROR is sent again after the attempt interval, and the answered retry ends the retries.',
      fault: 'tx-retry-none',
      how: 'callerror' as const,
      attempts: 3,
      answerAttempt: 2,
    },
  ] as const,
  ({ how, attempts, answerAttempt, requirements, ...row }) =>
    defineCase({ ...row, requirements: [...requirements], ocpp: '2.0.1', sut: 'cs', block: 'E', profiles: ['Core'] }, async (ctx) => {
      const { csms, config } = ctx;
      const intervalS = 1;
      await ctx.given('Booted');
      // The station's own wait for an answer: how long an unanswered attempt takes to fail.
      const timeoutS = Number.parseInt((await readVariable201(ctx, 'OCPPCommCtrlr', 'MessageTimeout.Default')) ?? '', 10) || 30;
      const needs = [
        { component: 'OCPPCommCtrlr', variable: 'MessageAttempts.TransactionEvent', value: String(attempts) },
        { component: 'OCPPCommCtrlr', variable: 'MessageAttemptInterval.TransactionEvent', value: String(intervalS) },
        // Periodic readings: the message to fail, and the next ones the station goes on with.
        {
          component: 'SampledDataCtrlr',
          variable: 'TxUpdatedInterval',
          value: '2',
          holds: (v: string) => Number(v) >= 1 && Number(v) <= 5,
        },
      ];
      await withVariables201(ctx, needs, async () => {
        await ctx.given('EnergyTransferStarted');
        const txId = startedTransaction(ctx).payload.transactionInfo.transactionId as string;
        csms.stopResponding('TransactionEvent');
        const ofTx = { where: (p: { transactionInfo: { transactionId: string } }) => p.transactionInfo.transactionId === txId };

        ctx.step(`The harness fails the next TransactionEvent (${how === 'silence' ? 'no answer' : 'CALLERROR'})`);
        let call = await csms.expectCall('TransactionEvent', {
          ...ofTx,
          whereText: `an event of ${txId}`,
          within: 5_000 + config.timeouts.messageMs,
          requirement: 'E13.FR.01',
        });
        const seqNo = seqNoOf(call);
        for (let k = 1; ; k += 1) {
          if (k === answerAttempt) {
            ctx.step(`Attempt ${k} is answered: the retries end`);
            await answer(csms, call, transactionEventAnswer(call));
            break;
          }
          if (how === 'callerror') await csms.replyError(call, 'InternalError', 'the harness fails this TransactionEvent on purpose');
          const wait = intervalS * k * 1000 + (how === 'silence' ? timeoutS * 1000 : 0) + config.timeouts.messageMs;
          const before = call;
          if (k < attempts) {
            ctx.step(`The station sends seqNo ${seqNo} again (attempt ${k + 1} of ${attempts})`);
            call = await csms.expectCall('TransactionEvent', {
              where: (p) => p.transactionInfo.transactionId === txId && p.seqNo === seqNo,
              whereText: `seqNo ${seqNo} of ${txId} again`,
              within: wait,
              requirement: 'E13.FR.01',
            });
            // At least interval × k after the previous attempt (10% leeway for the station's timer).
            const gap = call.at - before.at;
            check(
              gap >= intervalS * k * 900,
              'E13.FR.02',
              `attempt ${k + 1} at least ${intervalS * k} s after attempt ${k}`,
              `${Math.round(gap)} ms`,
            );
            continue;
          }
          ctx.step('All attempts failed: the station drops the message and sends the next one');
          const next = await csms.expectCall('TransactionEvent', {
            ...ofTx,
            whereText: `the next event of ${txId}`,
            within: wait,
            requirement: 'E13.FR.03',
          });
          check(
            seqNoOf(next) !== seqNo,
            'E13.FR.03',
            `no attempt ${attempts + 1} of seqNo ${seqNo}: the next event has another seqNo`,
            `seqNo ${seqNoOf(next)}`,
          );
          await answer(csms, next, transactionEventAnswer(next));
          break;
        }
        respondToTransactionEvents(ctx);
      });
    }),
);
