import { defineCase } from '../../../../src/dsl.js';
import { FRAMING_CODES_16, judgeNotExecuted, sendProbes, type Probe } from '../../../../src/kit/index.js';

/** Message type ids OCPP 1.6 does not define (1.6 has only 2, 3 and 4; 5 and 6 belong to 2.1). */
const UNKNOWN_TYPES = [0, 1, 5, 6, 7, 99, -1];

export default defineCase(
  {
    id: 'SEC16_RPC_03_CSMS',
    title: 'Frames with a message type 1.6 does not define are ignored, never executed',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-03',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.1.3', 'OCPPJ16-4.2.3'],
    purpose:
      'The harness sends CALL-shaped Authorize frames for the valid idTag with message type 0, 1, 5, 6, 7, 99 or -1. OCPP-J 1.6 knows only 2, 3 and 4; the central system ignores the payload of any other type (a CALLERROR is tolerated) and never answers one with a CALLRESULT.',
    hint: 'Dispatch on the exact message type: 2 is a CALL, 3 and 4 answer one of your own calls; drop every other type (or answer a CALLERROR) without processing the rest of the frame. Do not treat newer-version types such as 6 (SEND) as calls on a 1.6 connection.',
    fault: 'cs-unknown-type-handled-as-call',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');

    ctx.step(`The harness sends Authorize frames with ${UNKNOWN_TYPES.length} unknown message types, then a Heartbeat`);
    const probes: Probe[] = UNKNOWN_TYPES.map((type) => {
      const id = ctx.ids.next();
      return { label: `message type ${type}`, text: JSON.stringify([type, id, 'Authorize', { idTag: config.ids.validIdToken.idToken }]), id };
    });
    const sent = await sendProbes(ctx, station, probes, { action: 'Heartbeat', payload: {} }, 'OCPPJ16-4.1.3');

    ctx.step('No frame got a CALLRESULT (ignored, or a CALLERROR with a 1.6 code)');
    judgeNotExecuted(ctx, sent, 'OCPPJ16-4.1.3', FRAMING_CODES_16, 'OCPPJ16-4.2.3');
  },
);
