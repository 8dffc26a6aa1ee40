import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { configuredDisplayMessage, expectNoResend, operatorSends } from '../../../src/kit/index.js';

/** Removing (O05) or replacing (O06) a configured display message, and removing one the station does not know. */
export default defineCaseFamily(
  [
    { id: 'TC_O_04_CSMS', title: 'Clear Display Message - Success', act: 'clear', fault: 'cleardisplay-wrong-id' },
    { id: 'TC_O_05_CSMS', title: 'Clear Display Message - Unknown Key', act: 'clear unknown', fault: 'cleardisplay-unknown-resent' },
    { id: 'TC_O_12_CSMS', title: 'Set Display Message - Replace DisplayMessage', act: 'replace', fault: 'displaymessage-replace-new-id' },
  ] as const,
  ({ act, ...row }) => {
    const requirements = act === 'replace' ? ['O06.FR.01', 'O01.FR.01'] : ['O05.FR.01'];
    return defineCase(
      {
        ...row,
        profiles: ['Advanced User Interface'],
        features: ['DisplayMessage'],
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'O',
        requirements,
        purpose:
          act === 'replace'
            ? 'The operator replaces a configured display message: the CSMS sends SetDisplayMessageRequest with the id of the message it replaces and the new content.'
            : act === 'clear'
              ? 'The operator removes a configured display message: the CSMS sends ClearDisplayMessageRequest with its id.'
              : 'The operator removes a display message the station does not know: the CSMS takes the answer Unknown as final.',
      },
      async (ctx) => {
        const { station } = ctx;
        await ctx.given('Booted');
        const message = await configuredDisplayMessage(ctx, 'O01.FR.01');

        if (act === 'replace') {
          const content = 'Welcome - now with 22 kW charging';
          ctx.step(`The operator replaces message ${message.id} with new content`);
          const req = await operatorSends(
            ctx,
            'SetDisplayMessage',
            { id: message.id, priority: message.priority, state: message.state, format: 'UTF8', content },
            `Make the CSMS replace display message ${message.id} with "${content}" (priority ${message.priority})`,
            'O06.FR.01',
          );
          check(req.payload.message.id === message.id, 'O06.FR.01', `message.id ${message.id}`, req.payload.message.id);
          check(req.payload.message.message.content === content, 'O01.FR.01', `content "${content}"`, req.payload.message.message.content);
          await station.reply(req, { status: 'Accepted' });
          return;
        }

        const id = act === 'clear' ? message.id : message.id + 1000;
        ctx.step(`The operator removes display message ${id}${act === 'clear' ? '' : ' (not on the station)'}`);
        const req = await operatorSends(ctx, 'ClearDisplayMessage', { id }, `Make the CSMS clear display message ${id}`, 'O05.FR.01');
        check(req.payload.id === id, 'O05.FR.01', `id ${id}`, req.payload.id);
        await station.reply(req, { status: act === 'clear' ? 'Accepted' : 'Unknown' });
        if (act !== 'clear') await expectNoResend(ctx, 'ClearDisplayMessage', 'O05.FR.01');
      },
    );
  },
);
