import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, sendAndObserve } from '../../../../src/kit/index.js';

/** Message ids that break "a string of at most 36 characters", on a valid Heartbeat CALL. */
const IDS: ReadonlyArray<readonly [string, string]> = [
  ['37 characters', JSON.stringify('a'.repeat(37))],
  ['an empty string', '""'],
  ['a number', '12345'],
  ['null', 'null'],
  ['an object', '{}'],
  ['64 KiB long', JSON.stringify('b'.repeat(64 * 1024))],
];
const CODES = ['RpcFrameworkError', 'FormatViolation', 'ProtocolError', 'GenericError', 'OccurrenceConstraintViolation', 'PropertyConstraintViolation', 'TypeConstraintViolation'];

export default defineCase(
  {
    id: 'SEC_RPC_04_CSMS',
    title: 'Invalid message ids toward the CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-04',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.1.4', 'OCPPJ20-4.2.3'],
    purpose:
      'A CALL whose message id is too long (37 characters, 64 KiB), empty, a number, null or an object is not executed: the CSMS answers with a CALLERROR (under the id when it can be read, else "-1") and keeps the session.',
    hint: 'Validate the message id (a string of 1 to 36 characters) before dispatching; reject others with RpcFrameworkError and never run the action or store the id.',
    fault: 'long-message-id-accepted',
  },
  async (ctx) => {
    await ctx.given('Booted');
    for (const [what, idText] of IDS) {
      const text = `[2,${idText},"Heartbeat",{}]`;
      let id: string | undefined;
      const parsed = JSON.parse(idText) as unknown;
      if (typeof parsed === 'string') id = parsed;
      ctx.step(`The station sends a Heartbeat CALL whose message id is ${what}; the CSMS does not execute it`);
      const out = await sendAndObserve(ctx, text, { ids: id !== undefined ? [id] : [], requirement: 'OCPPJ20-4.1.4' });
      ctx.note(`message id ${what}: ${describeOutcome(out)}`);
      if (out.closed) ctx.evidence(text);
      ctx.check(!out.closed, 'OCPPJ20-4.1.4', `the session stays open after a message id that is ${what}`, `the CSMS closed the connection (code ${out.closed?.code})`);
      const f = out.answer;
      if (f?.kind === 'result') {
        ctx.evidence(text, out.answer!.text);
        ctx.check(false, 'OCPPJ20-4.1.4', `a CALL with a message id that is ${what} is not executed`, `CALLRESULT ${out.answer!.text.slice(0, 200)}`);
      }
      if (!out.answer) ctx.nonStrict('OCPPJ20-4.1.4', `no CALLERROR for a message id that is ${what}; the sender cannot tell the call was refused`);
      else if (f?.kind === 'error' && !CODES.includes(f.errorCode ?? '')) ctx.nonStrict('OCPPJ20-4.2.3', `message id ${what} answered with ${f.errorCode}; RpcFrameworkError fits an invalid message id`);
    }
  },
);
