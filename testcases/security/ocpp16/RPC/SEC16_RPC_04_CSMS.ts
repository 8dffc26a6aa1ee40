import { defineCase } from '../../../../src/dsl.js';
import { FRAMING_CODES_16, judgeNotExecuted, sendProbes, type Probe } from '../../../../src/kit/index.js';

/** Length of the oversized message id (bounded: the point is the length check, not memory). */
const HUGE_ID = 65_536;

export default defineCase(
  {
    id: 'SEC16_RPC_04_CSMS',
    title: 'CALLs with an invalid message id are refused and not executed',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-04',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.1.4', 'OCPPJ16-4.2.3'],
    purpose:
      'Each probe is an Authorize for the valid idTag whose message id is not a string of at most 36 characters: 37 characters, 64 KiB, empty, a number, null, an object, an array. The central system answers a CALLERROR (id "-1" when it cannot use the id) or drops the frame; it never authorizes from such a frame.',
    hint: 'Validate the message id before anything else: a string of 1 to 36 characters. Refuse any other id with a CALLERROR and do not process the call; bound what you store per id.',
    fault: 'cs-accepts-overlong-message-id',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const auth = { idTag: config.ids.validIdToken.idToken };
    const frame = (id: unknown) => JSON.stringify([2, id, 'Authorize', auth]);

    ctx.step('The harness sends Authorize with seven invalid message ids, then a Heartbeat');
    const long = 'L'.repeat(37);
    const huge = 'H'.repeat(HUGE_ID);
    const probes: Probe[] = [
      { label: 'a 37-character id', text: frame(long), id: long },
      { label: `a ${HUGE_ID}-character id`, text: frame(huge), id: huge },
      { label: 'an empty id', text: frame(''), id: '' },
      { label: 'a numeric id', text: frame(12345) },
      { label: 'a null id', text: frame(null) },
      { label: 'an object id', text: frame({ id: ctx.ids.next() }) },
      { label: 'an array id', text: frame([ctx.ids.next()]) },
    ];
    const sent = await sendProbes(ctx, station, probes, { action: 'Heartbeat', payload: {} }, 'OCPPJ16-4.1.4');

    ctx.step('No probe got a CALLRESULT; any CALLERROR uses a 1.6 framing code');
    judgeNotExecuted(ctx, sent, 'OCPPJ16-4.1.4', FRAMING_CODES_16, 'OCPPJ16-4.2.3');
    const numeric = sent.watch.frames.find((f) => f.text.startsWith('[3,12345'));
    if (numeric) {
      ctx.evidence(probes[3].text);
      ctx.check(false, 'OCPPJ16-4.1.4', 'no CALLRESULT for the numeric message id', numeric.text.slice(0, 200));
    }
  },
);
