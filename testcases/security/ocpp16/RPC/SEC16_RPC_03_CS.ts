import { defineCase } from '../../../../src/dsl.js';
import { ConfigMarker, FRAMING_CODES_16, judgeNotExecuted, sendProbes, type Probe } from '../../../../src/kit/index.js';

/** Message type ids OCPP 1.6 does not define (1.6 has only 2, 3 and 4; 5 and 6 belong to 2.1). */
const UNKNOWN_TYPES = [0, 1, 5, 6, 7, 99, -1];

export default defineCase(
  {
    id: 'SEC16_RPC_03_CS',
    title: 'Frames with a message type 1.6 does not define are ignored, never executed',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-03',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.1.3', 'OCPPJ16-4.2.3'],
    purpose:
      'The harness sends CALL-shaped frames carrying a ChangeConfiguration to a marker value but with message type 0, 1, 5, 6, 7, 99 or -1. OCPP-J 1.6 knows only 2, 3 and 4 (5 and 6 are 2.1 frame types); the charge point ignores the payload of the others (a CALLERROR is tolerated), answers no CALLRESULT and stores nothing.',
    hint: 'Dispatch on the exact message type: 2 is a CALL, 3 and 4 answer one of your own calls; drop every other type (or answer a CALLERROR) without looking at the rest of the frame. Do not treat newer-version types such as 6 (SEND) as calls.',
    fault: 'cp-executes-send-type-6',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    const mark = await ConfigMarker.create(ctx);

    ctx.step(`The harness sends ${UNKNOWN_TYPES.length} frames with unknown message types, each a ChangeConfiguration of ${mark.key} to ${mark.marker}`);
    const probes: Probe[] = UNKNOWN_TYPES.map((type) => {
      const id = ctx.ids.next();
      return { label: `message type ${type}`, text: mark.frame(type, id), id };
    });
    const sent = await sendProbes(ctx, csms, probes, { action: 'GetConfiguration', payload: { key: ['HeartbeatInterval'] } }, 'OCPPJ16-4.1.3');

    ctx.step('No frame got a CALLRESULT (ignored, or a CALLERROR with a 1.6 code)');
    judgeNotExecuted(ctx, sent, 'OCPPJ16-4.1.3', FRAMING_CODES_16, 'OCPPJ16-4.2.3');

    ctx.step(`${mark.key} still has its old value: no frame was executed`);
    await mark.assertUnchanged(ctx, 'OCPPJ16-4.1.3', probes);
  },
);
