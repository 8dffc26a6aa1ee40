import { defineCase } from '../../../../src/dsl.js';
import { ConfigMarker, FRAMING_CODES_16, judgeNotExecuted, sendProbes, type Probe } from '../../../../src/kit/index.js';

/** Length of the oversized message id (bounded: the point is the length check, not memory). */
const HUGE_ID = 65_536;

export default defineCase(
  {
    id: 'SEC16_RPC_04_CS',
    title: 'CALLs with an invalid message id are refused and not executed',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-04',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.1.4', 'OCPPJ16-4.2.3'],
    purpose:
      'Each probe is a ChangeConfiguration to a marker value whose message id is not a string of at most 36 characters: 37 characters, 64 KiB, empty, a number, null, an object, an array. The charge point answers a CALLERROR (with id "-1" when it cannot use the id) or drops the frame; it sends no CALLRESULT and does not store the marker.',
    hint: 'Validate the message id before anything else: a string of 1 to 36 characters. Refuse any other id with a CALLERROR and do not execute the call; a long id is also a cheap way to inflate memory in id-keyed tables.',
    fault: 'cp-accepts-long-message-id',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    const mark = await ConfigMarker.create(ctx);

    ctx.step(`The harness sends ChangeConfiguration of ${mark.key} to ${mark.marker} with seven invalid message ids`);
    const long = 'L'.repeat(37);
    const huge = 'H'.repeat(HUGE_ID);
    const probes: Probe[] = [
      { label: 'a 37-character id', text: mark.frame(2, long), id: long },
      { label: `a ${HUGE_ID}-character id`, text: mark.frame(2, huge), id: huge },
      { label: 'an empty id', text: mark.frame(2, ''), id: '' },
      { label: 'a numeric id', text: mark.frame(2, 12345) },
      { label: 'a null id', text: mark.frame(2, null) },
      { label: 'an object id', text: mark.frame(2, { id: ctx.ids.next() }) },
      { label: 'an array id', text: mark.frame(2, [ctx.ids.next()]) },
    ];
    const sent = await sendProbes(ctx, csms, probes, { action: 'GetConfiguration', payload: { key: ['HeartbeatInterval'] } }, 'OCPPJ16-4.1.4');

    ctx.step('No probe got a CALLRESULT; any CALLERROR uses a 1.6 framing code');
    judgeNotExecuted(ctx, sent, 'OCPPJ16-4.1.4', FRAMING_CODES_16, 'OCPPJ16-4.2.3');

    ctx.step(`${mark.key} still has its old value: no probe was executed`);
    await mark.assertUnchanged(ctx, 'OCPPJ16-4.1.4', probes);
  },
);
