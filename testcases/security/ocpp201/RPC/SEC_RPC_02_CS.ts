import { defineCase, schemaViolationCodes } from '../../../../src/dsl.js';
import { describeOutcome, expectReachable, sendAndObserve } from '../../../../src/kit/index.js';

const RESET = { type: 'Immediate' };
/** Frames shaped almost like a CALL of Reset: wrong element count or a message type that is not an integer. */
const FRAMES: ReadonlyArray<readonly [string, (id: string) => string]> = [
  ['a CALL with a fifth element', (id) => JSON.stringify([2, id, 'Reset', RESET, 'trailing'])],
  ['a CALL without a payload', (id) => JSON.stringify([2, id, 'Reset'])],
  ['a frame with only type and id', (id) => JSON.stringify([2, id])],
  ['a CALL whose message type is the string "2"', (id) => JSON.stringify(['2', id, 'Reset', RESET])],
  ['a CALL whose message type is 2.5', (id) => `[2.5,${JSON.stringify(id)},"Reset",${JSON.stringify(RESET)}]`],
];

export default defineCase(
  {
    id: 'SEC_RPC_02_CS',
    title: 'Wrong arity and non-integer message types toward the station',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-02',
    severity: 'high',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.2.1', 'OCPPJ20-4.2.3'],
    purpose:
      'Frames that look like a Reset CALL but have the wrong number of elements or a message type that is not the integer 2 are not valid RPC messages: the station answers with a CALLERROR or ignores them, and never performs the reset.',
    hint: 'Check the element count and that the message type id is an integer before dispatching; answer RpcFrameworkError (or FormatViolation) and do not execute the action.',
    fault: 'arity-tolerated',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const codes = ['RpcFrameworkError', 'FormatViolation', 'ProtocolError', 'GenericError', 'MessageTypeNotSupported', ...schemaViolationCodes(ctx.ocpp)];
    for (const [what, build] of FRAMES) {
      ctx.step(`The harness sends ${what}; the station rejects or ignores it without resetting`);
      const id = ctx.ids.next();
      const text = build(id);
      const conn = csms.connection;
      const out = await sendAndObserve(ctx, text, { ids: [id], within: config.timeouts.silenceMs });
      ctx.note(`${what}: ${describeOutcome(out)}`);
      if (out.kind !== 'silent') ctx.evidence(text);
      ctx.check(out.kind !== 'result', 'OCPPJ20-4.2.1', `${what} is not executed (no CALLRESULT)`, describeOutcome(out));
      ctx.check(out.kind !== 'closed' && conn?.closed === undefined, 'OCPPJ20-4.2.1', `the station neither resets nor drops the session after ${what}`, describeOutcome(out));
      if (out.kind === 'error') ctx.expectOneOf(out.errorCode, codes, 'OCPPJ20-4.2.3', `CALLERROR code for ${what}`);
    }
    ctx.step('No reboot follows: the station sends no BootNotification and still answers a valid call');
    await csms.expectNoCall('BootNotification', { within: config.timeouts.silenceMs, requirement: 'OCPPJ20-4.2.1' });
    await expectReachable(ctx, 'OCPPJ20-4.2.1');
  },
);
