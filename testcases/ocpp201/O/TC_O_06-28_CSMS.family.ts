import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { checkDisplayWindow, displayWindow, expectNoResend, operatorSends, runningTx } from '../../../src/kit/index.js';

/**
 * A display message for the running transaction (O02): the operator picks the transaction (its
 * transactionId), a priority and possibly a display window, and no state (a transaction message
 * is shown while the transaction runs). The message id is the CSMS's choice.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_O_06_CSMS',
      title: 'Set Display Message - Specific transaction - Success',
      answer: 'Accepted',
      fault: 'displaymessage-txid-dropped',
    },
    {
      id: 'TC_O_10_CSMS',
      title: 'Set Display Message - Specific transaction - UnknownTransaction',
      answer: 'UnknownTransaction',
      fault: 'displaymessage-refusal-resent',
    },
    {
      id: 'TC_O_27_CSMS',
      title: 'Set Display Message - Specific transaction - Display message at StartTime',
      window: 'start',
      answer: 'Accepted',
      fault: 'displaymessage-start-dropped',
    },
    {
      id: 'TC_O_28_CSMS',
      title: 'Set Display Message - Specific transaction - Remove message after EndTime',
      window: 'end',
      answer: 'Accepted',
      fault: 'displaymessage-end-dropped',
    },
  ] as const,
  (row) => {
    const { answer } = row;
    const window = 'window' in row ? row.window : undefined;
    return defineCase(
      {
        id: row.id,
        title: row.title,
        fault: row.fault,
        profiles: ['Advanced User Interface'],
        features: ['DisplayMessage'],
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'O',
        requirements: ['O02.FR.01', 'O01.FR.01', ...(window ? ['O01.FR.05'] : []), ...(answer === 'Accepted' ? [] : ['O01.FR.06'])],
        purpose: `While a transaction charges, the operator sets a message for it${window ? ` with an ${window} time` : ''}: the CSMS sends SetDisplayMessageRequest with the transactionId of that transaction${answer === 'Accepted' ? '' : ` and takes the answer ${answer} as final`}.`,
      },
      async (ctx) => {
        ctx.step('A transaction is charging on the configured EVSE');
        await ctx.given('EnergyTransferStarted');
        const { transactionId } = runningTx(ctx);
        const content = 'Charging at 11 kW';
        const { time, details: times } = displayWindow(ctx, window);

        ctx.step(`The operator sets a message for transaction ${transactionId}${window ? ` with ${window} time ${time}` : ''}`);
        const req = await operatorSends(
          ctx,
          'SetDisplayMessage',
          { transactionId, priority: 'InFront', format: 'UTF8', content, ...times },
          `Make the CSMS set the display message "${content}" (priority InFront) for transaction ${transactionId}${window ? `, ${window} ${time}` : ''}`,
          'O01.FR.01',
        );
        const m = req.payload.message;
        check(m.transactionId === transactionId, 'O02.FR.01', `transactionId ${transactionId}`, m.transactionId ?? 'omitted');
        ctx.expectOneOf(m.priority, ['InFront'], 'O01.FR.01', 'message.priority');
        check(m.message.content === content, 'O01.FR.01', `content "${content}"`, m.message.content);
        checkDisplayWindow(m, window, time);

        ctx.step(`The station answers ${answer}`);
        await ctx.station.reply(req, { status: answer });
        if (answer !== 'Accepted') await expectNoResend(ctx, 'SetDisplayMessage', 'O01.FR.06');
      },
    );
  },
);
