import { defineCase, schemaViolationCodes } from '../../../../src/dsl.js';
import { ConfigMarker, FRAMING_CODES_16, judgeNotExecuted, sendProbes, type Probe } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_02_CS',
    title: 'CALL frames with a wrong shape are not executed',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-02',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.2.1', 'OCPPJ16-4.1.3', 'OCPPJ16-4.2.3'],
    purpose:
      'Each probe is a ChangeConfiguration that would set a marker value, framed wrongly: five elements, three, two, none, the message type as a string, a fraction or a boolean, the payload as an array or a string, the action as a number. The charge point answers with a CALLERROR or ignores the frame; it never answers with a CALLRESULT and the marker value is not stored.',
    hint: 'Check the frame shape before dispatching: exactly [2, "<id>", "<Action>", {payload}] with an integer message type. Anything else gets a CALLERROR (FormationViolation or ProtocolError) and is not executed; do not "repair" frames by ignoring extra elements.',
    fault: 'cp-lenient-frame-arity',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    const mark = await ConfigMarker.create(ctx);

    ctx.step(`The harness sends wrongly shaped frames, each a ChangeConfiguration of ${mark.key} to ${mark.marker}`);
    const id = () => ctx.ids.next();
    const ids = Array.from({ length: 9 }, id);
    const probes: Probe[] = [
      { label: 'a fifth element', text: mark.frame(2, ids[0], 'ChangeConfiguration', 'extra'), id: ids[0] },
      { label: 'a fifth element that is an object', text: mark.frame(2, ids[1], 'ChangeConfiguration', {}), id: ids[1] },
      { label: 'no payload element', text: JSON.stringify([2, ids[2], 'ChangeConfiguration']), id: ids[2] },
      { label: 'only type and id', text: JSON.stringify([2, id()]) },
      { label: 'an empty array', text: '[]' },
      { label: 'message type "2" as a string', text: mark.frame('2', ids[3]), id: ids[3] },
      { label: 'message type 2.5', text: mark.frame(2.5, ids[4]), id: ids[4] },
      { label: 'message type true', text: mark.frame(true, ids[5]), id: ids[5] },
      { label: 'the payload as an array', text: JSON.stringify([2, ids[6], 'ChangeConfiguration', [mark.payload]]), id: ids[6] },
      { label: 'the payload as a JSON string', text: JSON.stringify([2, ids[7], 'ChangeConfiguration', JSON.stringify(mark.payload)]), id: ids[7] },
      { label: 'the action as a number', text: JSON.stringify([2, ids[8], 5, mark.payload]), id: ids[8] },
    ];
    const sent = await sendProbes(ctx, csms, probes, { action: 'GetConfiguration', payload: { key: ['HeartbeatInterval'] } }, 'OCPPJ16-4.2.3');

    ctx.step('No probe got a CALLRESULT; any CALLERROR uses a framing or payload code');
    judgeNotExecuted(ctx, sent, 'OCPPJ16-4.2.1', [...FRAMING_CODES_16, ...schemaViolationCodes('1.6')], 'OCPPJ16-4.2.3');

    ctx.step(`${mark.key} still has its old value: no probe was executed`);
    await mark.assertUnchanged(ctx, 'OCPPJ16-4.2.1', probes);
  },
);
