import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, sendAndObserve } from '../../../../src/kit/index.js';

/** Message type ids 2.0.1 does not define, each on an otherwise valid Heartbeat frame. */
const TYPES: ReadonlyArray<readonly [string, string]> = [
  ['0', '[0,"sec-rpc-03-0","Heartbeat",{}]'],
  ['1', '[1,"sec-rpc-03-1","Heartbeat",{}]'],
  ['5 (a 2.1 CALLRESULTERROR)', '[5,"sec-rpc-03-5","GenericError","",{}]'],
  ['6 (a 2.1 SEND)', '[6,"sec-rpc-03-6","Heartbeat",{}]'],
  ['7', '[7,"sec-rpc-03-7","Heartbeat",{}]'],
  ['99', '[99,"sec-rpc-03-99","Heartbeat",{}]'],
  ['-1', '[-1,"sec-rpc-03-m1","Heartbeat",{}]'],
];
/** 2.0.1 says both "ignore" and "answer MessageTypeNotSupported"; RpcFrameworkError also fits. */
const EXPECTED_CODES = ['MessageTypeNotSupported', 'RpcFrameworkError'];
const TOLERATED_CODES = ['NotSupported', 'FormatViolation', 'ProtocolError', 'GenericError'];

export default defineCase(
  {
    id: 'SEC_RPC_03_CSMS',
    title: 'Unknown message type ids toward the CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-03',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.1.3', 'OCPPJ20-4.2.3'],
    purpose:
      'Frames with a message type id 2.0.1 does not have (0, 1, 5, 6, 7, 99, -1) are ignored or answered with MessageTypeNotSupported; in particular a 2.1 SEND is not executed as a CALL on a 2.0.1 connection, and the session stays usable.',
    hint: 'Dispatch on the exact message type ids 2, 3 and 4 only. Drop any other type, or answer MessageTypeNotSupported, without looking at the action or payload it carries.',
    fault: 'unknown-message-type-executed',
  },
  async (ctx) => {
    await ctx.given('Booted');
    for (const [type, text] of TYPES) {
      const id = (JSON.parse(text) as unknown[])[1] as string;
      ctx.step(`The station sends a frame with message type ${type}; the CSMS ignores it or answers MessageTypeNotSupported`);
      const out = await sendAndObserve(ctx, text, { ids: [id], requirement: 'OCPPJ20-4.1.3' });
      ctx.note(`type ${type}: ${describeOutcome(out)}`);
      if (out.closed) ctx.evidence(text);
      ctx.check(!out.closed, 'OCPPJ20-4.1.3', `the session stays open after message type ${type}`, `the CSMS closed the connection (code ${out.closed?.code})`);
      const f = out.answer;
      if (f?.kind === 'result') {
        ctx.evidence(text, out.answer!.text);
        ctx.check(false, 'OCPPJ20-4.1.3', `a frame of message type ${type} is not executed`, `CALLRESULT ${out.answer!.text}`);
      }
      if (f?.kind === 'error' && !EXPECTED_CODES.includes(f.errorCode ?? '')) {
        ctx.check(TOLERATED_CODES.includes(f.errorCode ?? ''), 'OCPPJ20-4.2.3', `CALLERROR MessageTypeNotSupported (or RpcFrameworkError) for type ${type}`, f.errorCode);
        ctx.nonStrict('OCPPJ20-4.2.3', `message type ${type} answered with ${f.errorCode}; MessageTypeNotSupported is the code 2.0.1 defines`);
      }
    }
  },
);
