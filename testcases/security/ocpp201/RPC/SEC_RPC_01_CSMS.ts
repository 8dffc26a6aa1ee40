import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, sendAndObserve } from '../../../../src/kit/index.js';

/** Texts that are not an OCPP-J message at all: no message id can be read from any of them. */
const FRAMES: ReadonlyArray<readonly [string, string]> = [
  ['plain text', 'hello, CSMS'],
  ['a truncated JSON array', '[2,"sec-rpc-01-a","Heartbeat",{'],
  ['a JSON scalar', '42'],
  ['a JSON string', '"Heartbeat"'],
  ['JSON null', 'null'],
  ['a JSON object instead of an array', '{"messageTypeId":2,"messageId":"sec-rpc-01-b","action":"Heartbeat","payload":{}}'],
  ['an empty text message', ''],
  ['a byte-order mark before a frame', '\ufeff[2,"sec-rpc-01-c","Heartbeat",{}]'],
];
const FRAMING_CODES = ['RpcFrameworkError', 'FormatViolation', 'ProtocolError', 'GenericError'];

export default defineCase(
  {
    id: 'SEC_RPC_01_CSMS',
    title: 'Non-JSON and truncated frames toward the CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-01',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.1.2', 'OCPPJ20-4.2.3'],
    purpose:
      'Text that is not a JSON array (words, a cut-off frame, a scalar, an object, an empty message, a BOM) must not cost the station its session: the CSMS answers with a framework CALLERROR under the id "-1" or ignores the text, and keeps answering the station.',
    hint: 'Parse every frame defensively. When the text is not a JSON array, answer [4,"-1","RpcFrameworkError",...] or drop it, but never close the station connection or stop serving it.',
    fault: 'non-json-closes-connection',
  },
  async (ctx) => {
    await ctx.given('Booted');
    for (const [what, text] of FRAMES) {
      ctx.step(`The station sends ${what}; the CSMS answers with a framework CALLERROR or ignores it, and keeps the session`);
      const out = await sendAndObserve(ctx, text, { ids: [], requirement: 'OCPPJ20-4.1.2' });
      ctx.note(`${what}: ${describeOutcome(out)}`);
      if (out.closed) ctx.evidence(text);
      ctx.check(!out.closed, 'OCPPJ20-4.1.2', `the session stays open after ${what}`, `the CSMS closed the connection (code ${out.closed?.code})`);
      const f = out.answer;
      if (f?.kind === 'result') {
        ctx.evidence(text, out.answer!.text);
        ctx.check(false, 'OCPPJ20-4.2.3', `no CALLRESULT for ${what}`, out.answer!.text);
      }
      if (f?.kind === 'error') {
        if (!FRAMING_CODES.includes(f.errorCode ?? '')) ctx.nonStrict('OCPPJ20-4.2.3', `${what} answered with ${f.errorCode}; RpcFrameworkError is the code for an unreadable frame`);
        else if (f.errorCode !== 'RpcFrameworkError') ctx.note(`${what}: ${f.errorCode} accepted (framing family)`);
        if (f.messageId !== '-1') ctx.nonStrict('OCPPJ20-4.2.3', `the CALLERROR for ${what} uses id ${JSON.stringify(f.messageId)}; with no readable id it should be "-1"`);
      }
    }
  },
);
