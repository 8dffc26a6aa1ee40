import { defineCase } from '../../../../src/dsl.js';
import { FRAMING_CODES_16, judgeNotExecuted, sendProbes, type Probe } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_01_CS',
    title: 'Text that is not an OCPP-J frame is answered or ignored; the session goes on',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-01',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.1.2', 'OCPPJ16-4.2.3'],
    purpose:
      'The mock central system sends the charge point text frames that are not valid OCPP-J: plain text, an empty message, cut-off JSON, single quotes, a JSON object, scalars, a NaN token and trailing garbage. The charge point may answer with a CALLERROR (id "-1" when the id cannot be read) or drop the frame, but it executes nothing and the same WebSocket session keeps answering valid calls.',
    hint: 'Parse every inbound frame defensively: on a JSON error answer CALLERROR [4,"-1","FormationViolation",...] or drop the frame, and keep the connection open; never let a parse error close the socket or reach the application layer.',
    fault: 'cp-closes-on-invalid-json',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness sends ten frames that are not valid OCPP-J, then a valid GetConfiguration on the same connection');
    const id = () => ctx.ids.next();
    const [a, b, c, d] = [id(), id(), id(), id()];
    const probes: Probe[] = [
      { label: 'plain text', text: 'hello charge point' },
      { label: 'an empty message', text: '' },
      { label: 'JSON cut off before the end', text: `[2,"${a}","GetConfiguration",{"key":["HeartbeatInterval"]`, id: a },
      { label: 'single-quoted strings', text: `[2,'${b}','GetConfiguration',{}]` },
      { label: 'a JSON object instead of an array', text: JSON.stringify({ messageTypeId: 2, uniqueId: id(), action: 'GetConfiguration', payload: {} }) },
      { label: 'a JSON number', text: '2' },
      { label: 'JSON null', text: 'null' },
      { label: 'a JSON string holding a frame', text: JSON.stringify(JSON.stringify([2, id(), 'GetConfiguration', {}])) },
      { label: 'a bare NaN token', text: `[2,"${c}","GetConfiguration",{"key":NaN}]`, id: c },
      { label: 'trailing garbage after a frame', text: `[2,"${d}","GetConfiguration",{}]xyz`, id: d },
    ];
    const sent = await sendProbes(ctx, csms, probes, { action: 'GetConfiguration', payload: { key: ['HeartbeatInterval'] } }, 'OCPPJ16-4.1.2');

    ctx.step('None of them was executed (no CALLRESULT); any CALLERROR uses a 1.6 framing code');
    judgeNotExecuted(ctx, sent, 'OCPPJ16-4.2.3', FRAMING_CODES_16);
  },
);
