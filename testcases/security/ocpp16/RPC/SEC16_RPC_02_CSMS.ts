import { defineCase, schemaViolationCodes } from '../../../../src/dsl.js';
import { FRAMING_CODES_16, judgeNotExecuted, sendProbes, type Probe } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_02_CSMS',
    title: 'CALL frames with a wrong shape are not executed',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-02',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.2.1', 'OCPPJ16-4.1.3', 'OCPPJ16-4.2.3'],
    purpose:
      'Authorize and StartTransaction requests for the valid idTag are framed wrongly: five elements, three, two, none, the message type as a string, a fraction or a boolean, the payload as an array or a string, the action as a number. The central system answers with a CALLERROR or ignores the frame; it never answers with a CALLRESULT (which would mean it authorized or started something from a broken frame).',
    hint: 'Check the frame shape before dispatching: exactly [2, "<id>", "<Action>", {payload}] with an integer message type. Anything else gets a CALLERROR (FormationViolation or ProtocolError) and is not processed; do not ignore extra elements.',
    fault: 'cs-lenient-frame-arity',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const auth = { idTag: config.ids.validIdToken.idToken };
    const start = { connectorId: config.ids.connectorId, idTag: auth.idTag, meterStart: 0, timestamp: ctx.nowIso() };

    ctx.step('The harness sends wrongly shaped Authorize and StartTransaction frames, then a Heartbeat');
    const id = () => ctx.ids.next();
    const ids = Array.from({ length: 10 }, id);
    const probes: Probe[] = [
      { label: 'Authorize with a fifth element', text: JSON.stringify([2, ids[0], 'Authorize', auth, 'extra']), id: ids[0] },
      { label: 'StartTransaction with a fifth element', text: JSON.stringify([2, ids[1], 'StartTransaction', start, {}]), id: ids[1] },
      { label: 'no payload element', text: JSON.stringify([2, ids[2], 'Authorize']), id: ids[2] },
      { label: 'only type and id', text: JSON.stringify([2, id()]) },
      { label: 'an empty array', text: '[]' },
      { label: 'message type "2" as a string', text: JSON.stringify(['2', ids[3], 'Authorize', auth]), id: ids[3] },
      { label: 'message type 2.5', text: JSON.stringify([2.5, ids[4], 'Authorize', auth]), id: ids[4] },
      { label: 'message type true', text: JSON.stringify([true, ids[5], 'Authorize', auth]), id: ids[5] },
      { label: 'the payload as an array', text: JSON.stringify([2, ids[6], 'Authorize', [auth]]), id: ids[6] },
      { label: 'the payload as a JSON string', text: JSON.stringify([2, ids[7], 'StartTransaction', JSON.stringify(start)]), id: ids[7] },
      { label: 'the action as a number', text: JSON.stringify([2, ids[8], 8, start]), id: ids[8] },
    ];
    const sent = await sendProbes(ctx, station, probes, { action: 'Heartbeat', payload: {} }, 'OCPPJ16-4.2.3');

    ctx.step('No probe got a CALLRESULT; any CALLERROR uses a framing or payload code');
    judgeNotExecuted(ctx, sent, 'OCPPJ16-4.2.1', [...FRAMING_CODES_16, ...schemaViolationCodes('1.6')], 'OCPPJ16-4.2.3');
  },
);
