import { defineCase } from '../../../../src/dsl.js';
import { FRAMING_CODES_16, judgeNotExecuted, sendProbes, type Probe } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_01_CSMS',
    title: 'Text that is not an OCPP-J frame is answered or ignored; the session goes on',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-01',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.1.2', 'OCPPJ16-4.2.3'],
    purpose:
      'A booted harness charge point sends the central system text frames that are not valid OCPP-J: plain text, an empty message, cut-off JSON, single quotes, a JSON object, scalars, a NaN token and trailing garbage. The central system may answer with a CALLERROR (id "-1" when the id cannot be read) or drop the frame, but it executes nothing and keeps serving the same WebSocket session.',
    hint: 'Catch JSON parse errors per frame: answer CALLERROR [4,"-1","FormationViolation",...] or drop the frame, and keep the connection and the charge point\'s session; one bad frame must not disconnect a charge point.',
    fault: 'cs-closes-on-invalid-json',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const idTag = config.ids.validIdToken.idToken;
    await ctx.given('Booted');

    ctx.step('The harness sends ten frames that are not valid OCPP-J, then a Heartbeat on the same connection');
    const id = () => ctx.ids.next();
    const [a, b, c] = [id(), id(), id()];
    const probes: Probe[] = [
      { label: 'plain text', text: 'hello central system' },
      { label: 'an empty message', text: '' },
      { label: 'JSON cut off before the end', text: `[2,"${a}","Authorize",{"idTag":"${idTag}"`, id: a },
      { label: 'single-quoted strings', text: `[2,'${id()}','Authorize',{'idTag':'${idTag}'}]` },
      { label: 'a JSON object instead of an array', text: JSON.stringify({ messageTypeId: 2, uniqueId: id(), action: 'Authorize', payload: { idTag } }) },
      { label: 'a JSON number', text: '2' },
      { label: 'JSON null', text: 'null' },
      { label: 'a JSON string holding a frame', text: JSON.stringify(JSON.stringify([2, id(), 'Authorize', { idTag }])) },
      { label: 'a bare NaN token', text: `[2,"${b}","Authorize",{"idTag":NaN}]`, id: b },
      { label: 'trailing garbage after a frame', text: `[2,"${c}","Authorize",{"idTag":"${idTag}"}]xyz`, id: c },
    ];
    const sent = await sendProbes(ctx, station, probes, { action: 'Heartbeat', payload: {} }, 'OCPPJ16-4.1.2');

    ctx.step('None of them was executed (no CALLRESULT); any CALLERROR uses a 1.6 framing code');
    judgeNotExecuted(ctx, sent, 'OCPPJ16-4.2.3', FRAMING_CODES_16);
  },
);
