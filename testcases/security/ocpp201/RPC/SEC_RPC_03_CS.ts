import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, expectReachable, sendAndObserve } from '../../../../src/kit/index.js';

/** Message type ids OCPP 2.0.1 does not define (5 and 6 exist only in 2.1), each on a Reset-shaped frame. */
const TYPES = [0, 1, 5, 6, 7, 99, -1];

export default defineCase(
  {
    id: 'SEC_RPC_03_CS',
    title: 'Unknown message type ids toward the station',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-03',
    severity: 'high',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.1.3', 'OCPPJ20-4.4'],
    purpose:
      'A frame with a message type id that 2.0.1 does not define (0, 1, 5, 6, 7, 99, -1) carries no request: the station ignores it or answers MessageTypeNotSupported, and in particular does not perform the Reset its payload names.',
    hint: 'Dispatch on the exact message type id: only 2 is a request. Ignore other ids or answer CALLERROR MessageTypeNotSupported; never treat them as a CALL.',
    fault: 'unknown-type-executed-as-call',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const codes = ['MessageTypeNotSupported', 'NotSupported', 'RpcFrameworkError', 'FormatViolation', 'ProtocolError', 'GenericError'];
    for (const type of TYPES) {
      ctx.step(`The harness sends a Reset-shaped frame with message type ${type}; the station ignores it or answers MessageTypeNotSupported`);
      const id = ctx.ids.next();
      const text = JSON.stringify([type, id, 'Reset', { type: 'Immediate' }]);
      const conn = csms.connection;
      const out = await sendAndObserve(ctx, text, { ids: [id], within: config.timeouts.silenceMs });
      ctx.note(`type ${type}: ${describeOutcome(out)}`);
      if (out.kind !== 'silent') ctx.evidence(text);
      ctx.check(out.kind !== 'result', 'OCPPJ20-4.1.3', `a frame of type ${type} is not executed (no CALLRESULT)`, describeOutcome(out));
      ctx.check(out.kind !== 'closed' && conn?.closed === undefined, 'OCPPJ20-4.1.3', `no reset and no disconnect after a frame of type ${type}`, describeOutcome(out));
      if (out.kind === 'error') ctx.expectOneOf(out.errorCode, codes, 'OCPPJ20-4.4', `CALLERROR code for message type ${type}`);
    }
    ctx.step('No reboot follows: no BootNotification, and the station still answers a valid call');
    await csms.expectNoCall('BootNotification', { within: config.timeouts.silenceMs, requirement: 'OCPPJ20-4.1.3' });
    await expectReachable(ctx, 'OCPPJ20-4.1.3');
  },
);
