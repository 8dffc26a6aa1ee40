import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { configuredDisplayMessage, expectNoResend, operatorSends } from '../../../src/kit/index.js';

/**
 * Reading display messages back (O03 all, O04 a filter). `ask`: the filter the operator chooses
 * (none: all messages); `configured`: a message was set first; the station answers Accepted and
 * reports the message, or Unknown (nothing configured / nothing matches). requestIds are the CSMS's choice.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_O_02_CSMS',
      title: 'Get all Display Messages - Success',
      ask: 'all',
      configured: true,
      fault: 'getdisplaymessages-stray-filter',
    },
    {
      id: 'TC_O_03_CSMS',
      title: 'Get all Display Messages - No DisplayMessages configured',
      ask: 'all',
      configured: false,
      fault: 'getdisplaymessages-unknown-resent',
    },
    {
      id: 'TC_O_07_CSMS',
      title: 'Get a Specific Display Message - Id',
      ask: 'id',
      configured: true,
      fault: 'getdisplaymessages-id-dropped',
    },
    {
      id: 'TC_O_08_CSMS',
      title: 'Get a Specific Display Message - Priority',
      ask: 'priority',
      configured: true,
      fault: 'getdisplaymessages-priority-dropped',
    },
    {
      id: 'TC_O_09_CSMS',
      title: 'Get a Specific Display Message - State',
      ask: 'state',
      configured: true,
      fault: 'getdisplaymessages-state-dropped',
    },
    {
      id: 'TC_O_11_CSMS',
      title: 'Get a Specific Display Message - Unknown parameters',
      ask: 'unknown id',
      configured: true,
      fault: 'getdisplaymessages-id-dropped',
    },
  ] as const,
  ({ ask, configured, ...row }) => {
    const found = configured && ask !== 'unknown id';
    const requirement = ask === 'all' ? 'O03.FR.01' : 'O04.FR.01';
    return defineCase(
      {
        ...row,
        profiles: ['Advanced User Interface'],
        features: ['DisplayMessage'],
        ocpp: '2.0.1',
        sut: 'csms',
        block: 'O',
        requirements: [requirement, found ? 'O03.FR.05' : 'O03.FR.03'],
        purpose: `The operator asks for ${ask === 'all' ? 'every display message' : `the display messages of a given ${ask}`}: the CSMS sends GetDisplayMessagesRequest with a requestId and exactly that filter, and ${found ? 'answers the NotifyDisplayMessages that reports the message' : 'takes the answer Unknown as final'}.`,
      },
      async (ctx) => {
        const { station } = ctx;
        await ctx.given('Booted');
        const message = configured ? await configuredDisplayMessage(ctx, 'O01.FR.01') : undefined;
        const filter =
          ask === 'id' && message
            ? { ids: [message.id] }
            : ask === 'unknown id' && message
              ? { ids: [message.id + 1000] }
              : ask === 'priority' && message
                ? { priority: message.priority }
                : ask === 'state' && message
                  ? { state: message.state }
                  : {};

        ctx.step(`The operator asks for ${ask === 'all' ? 'all display messages' : `the display messages with ${JSON.stringify(filter)}`}`);
        const req = await operatorSends(
          ctx,
          'GetDisplayMessages',
          filter,
          `Make the CSMS request ${ask === 'all' ? 'all display messages' : `the display messages with ${JSON.stringify(filter)}`} of the station`,
          requirement,
        );
        const p = req.payload;
        const wanted = {
          id: 'ids' in filter ? filter.ids : undefined,
          priority: 'priority' in filter ? filter.priority : undefined,
          state: 'state' in filter ? filter.state : undefined,
        };
        for (const key of ['id', 'priority', 'state'] as const)
          check(
            JSON.stringify(p[key]) === JSON.stringify(wanted[key]),
            requirement,
            `${key} ${JSON.stringify(wanted[key]) ?? 'omitted'}`,
            JSON.stringify(p[key]) ?? 'omitted',
          );

        if (!found || !message) {
          ctx.step('The station has no matching message and answers Unknown; the CSMS does not ask again');
          await station.reply(req, { status: 'Unknown' });
          await expectNoResend(ctx, 'GetDisplayMessages', 'O03.FR.03');
          return;
        }
        ctx.step('The station accepts and reports the configured message; the CSMS answers');
        await station.reply(req, { status: 'Accepted' });
        await station.call('NotifyDisplayMessages', { requestId: p.requestId, messageInfo: [message] }, { requirement: 'O03.FR.05' });
      },
    );
  },
);
