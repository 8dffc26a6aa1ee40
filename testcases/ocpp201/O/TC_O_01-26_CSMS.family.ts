import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { checkDisplayWindow, displayWindow, expectNoResend, operatorSends } from '../../../src/kit/index.js';

/**
 * A display message for the whole station (O01): the operator chooses priority, state, format,
 * content and possibly a display window; the station accepts it or refuses it. The message id is
 * the CSMS's choice (any integer). `window`: 'start' / 'end' adds that time, one hour from now.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_O_01_CSMS',
      title: 'Set Display Message - Success',
      state: 'Idle',
      answer: 'Accepted',
      fault: 'displaymessage-state-dropped',
    },
    {
      id: 'TC_O_13_CSMS',
      title: 'Set Display Message - Display message at StartTime',
      window: 'start',
      answer: 'Accepted',
      fault: 'displaymessage-start-dropped',
    },
    {
      id: 'TC_O_14_CSMS',
      title: 'Set Display Message - Remove message after EndTime',
      window: 'end',
      answer: 'Accepted',
      fault: 'displaymessage-end-dropped',
    },
    {
      id: 'TC_O_17_CSMS',
      title: 'Set Display Message - NotSupportedPriority',
      priority: 'AlwaysFront',
      answer: 'NotSupportedPriority',
      fault: 'displaymessage-refusal-resent',
    },
    {
      id: 'TC_O_18_CSMS',
      title: 'Set Display Message - NotSupportedState',
      state: 'Unavailable',
      answer: 'NotSupportedState',
      fault: 'displaymessage-refusal-resent',
    },
    {
      id: 'TC_O_19_CSMS',
      title: 'Set Display Message - NotSupportedMessageFormat',
      format: 'HTML',
      answer: 'NotSupportedMessageFormat',
      fault: 'displaymessage-refusal-resent',
    },
    {
      id: 'TC_O_25_CSMS',
      title: 'Set Display Message - Send Specific state',
      state: 'Charging',
      answer: 'Accepted',
      fault: 'displaymessage-state-dropped',
      // In Part 6 but in no certification profile of Part 5.
      profiles: [],
    },
    { id: 'TC_O_26_CSMS', title: 'Set Display Message - Rejected', answer: 'Rejected', fault: 'displaymessage-refusal-resent' },
  ] as const,
  (row) => {
    const { answer } = row;
    const priority = 'priority' in row ? row.priority : 'NormalCycle';
    const state = 'state' in row ? row.state : undefined;
    const format = 'format' in row ? row.format : 'UTF8';
    const window = 'window' in row ? row.window : undefined;
    const requirements = ['O01.FR.01', 'O01.FR.04', ...(window ? ['O01.FR.05'] : []), ...(answer === 'Accepted' ? [] : ['O01.FR.06'])];
    return defineCase(
      {
        id: row.id,
        title: row.title,
        fault: row.fault,
        profiles: 'profiles' in row ? [] : ['Advanced User Interface'],
        features: ['DisplayMessage'],
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'O',
        requirements,
        purpose: `The operator sets a ${priority} message${state ? ` for the state ${state}` : ''} in ${format}${window ? ` with an ${window} time` : ''}: the CSMS sends SetDisplayMessageRequest with those choices and no transactionId${answer === 'Accepted' ? '' : `, and takes the answer ${answer} as final`}.`,
      },
      async (ctx) => {
        const content = format === 'HTML' ? '<b>Maintenance tonight</b>' : 'Maintenance tonight 22:00-23:00';
        const { time, details: times } = displayWindow(ctx, window);
        await ctx.given('Booted');

        ctx.step(
          `The operator sets a ${priority} ${format} message${state ? ` for state ${state}` : ''}${window ? ` with ${window} time ${time}` : ''}`,
        );
        const req = await operatorSends(
          ctx,
          'SetDisplayMessage',
          { priority, state, format, content, ...times },
          `Make the CSMS set the display message "${content}" (${format}, priority ${priority}${state ? `, state ${state}` : ''}${window ? `, ${window} ${time}` : ''})`,
          'O01.FR.01',
        );
        const m = req.payload.message;
        // The id is the CSMS's own choice; what the operator chose must be there as chosen.
        ctx.expectOneOf(m.priority, [priority], 'O01.FR.01', 'message.priority');
        ctx.expectOneOf(m.message.format, [format], 'O01.FR.01', 'message.message.format');
        check(m.message.content === content, 'O01.FR.01', `content "${content}"`, m.message.content);
        if (state) ctx.expectOneOf(m.state, [state], 'O01.FR.01', 'message.state');
        check(m.transactionId === undefined, 'O01.FR.04', 'no transactionId (the message belongs to no transaction)', m.transactionId);
        checkDisplayWindow(m, window, time);

        ctx.step(`The station answers ${answer}`);
        await ctx.station.reply(req, { status: answer });
        if (answer !== 'Accepted') await expectNoResend(ctx, 'SetDisplayMessage', 'O01.FR.06');
      },
    );
  },
);
