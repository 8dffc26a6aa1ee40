import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, sendAndObserve } from '../../../../src/kit/index.js';

/** JSON arrays that are not a well-formed CALL; [id, label, text]. Each would be a Heartbeat. */
const FRAMES: ReadonlyArray<readonly [string, string, string]> = [
  ['sec-rpc-02-a', 'a CALL without its payload element', '[2,"sec-rpc-02-a","Heartbeat"]'],
  ['sec-rpc-02-b', 'a CALL with a fifth element', '[2,"sec-rpc-02-b","Heartbeat",{},"extra"]'],
  ['sec-rpc-02-c', 'a message type id given as a string', '["2","sec-rpc-02-c","Heartbeat",{}]'],
  ['sec-rpc-02-d', 'a fractional message type id', '[2.5,"sec-rpc-02-d","Heartbeat",{}]'],
  ['sec-rpc-02-e', 'a payload that is an array', '[2,"sec-rpc-02-e","Heartbeat",[]]'],
  ['sec-rpc-02-f', 'a payload that is a string', '[2,"sec-rpc-02-f","Heartbeat","{}"]'],
  ['sec-rpc-02-g', 'a payload that is null', '[2,"sec-rpc-02-g","Heartbeat",null]'],
  ['sec-rpc-02-h', 'only a type and an id', '[2,"sec-rpc-02-h"]'],
  ['sec-rpc-02-i', 'an empty array', '[]'],
];
const CODES = ['RpcFrameworkError', 'FormatViolation', 'ProtocolError', 'GenericError', 'TypeConstraintViolation', 'OccurrenceConstraintViolation', 'PropertyConstraintViolation'];

export default defineCase(
  {
    id: 'SEC_RPC_02_CSMS',
    title: 'Malformed RPC arrays toward the CSMS: arity, type id, payload type',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-02',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.2.1', 'OCPPJ20-4.2.3'],
    purpose:
      'A JSON array that is not a well-formed CALL (missing or extra elements, a message type id that is a string or a fraction, a payload that is not an object) is not executed: the CSMS answers with a CALLERROR (under the frame\'s id, or "-1") or ignores it, and keeps the session.',
    hint: 'Check the shape of every frame before dispatching it: exactly [2, id, action, {payload}] with an integer type id and an object payload. Reject anything else with RpcFrameworkError (or FormatViolation) and do not run the action.',
    fault: 'lenient-rpc-arity',
  },
  async (ctx) => {
    await ctx.given('Booted');
    for (const [id, what, text] of FRAMES) {
      ctx.step(`The station sends ${what}; the CSMS does not execute it`);
      const out = await sendAndObserve(ctx, text, { ids: [id], requirement: 'OCPPJ20-4.2.1' });
      ctx.note(`${what}: ${describeOutcome(out)}`);
      if (out.closed) ctx.evidence(text);
      ctx.check(!out.closed, 'OCPPJ20-4.2.1', `the session stays open after ${what}`, `the CSMS closed the connection (code ${out.closed?.code})`);
      const f = out.answer;
      if (f?.kind === 'result') {
        ctx.evidence(text, out.answer!.text);
        ctx.check(false, 'OCPPJ20-4.2.1', `${what} is not executed (a CALLERROR or no answer)`, `CALLRESULT ${out.answer!.text}`);
      }
      if (f?.kind === 'error' && !CODES.includes(f.errorCode ?? '')) ctx.nonStrict('OCPPJ20-4.2.3', `${what} answered with ${f.errorCode}; RpcFrameworkError or FormatViolation fits a malformed frame`);
    }
  },
);
