import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, expectReachable, sendAndObserve } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_RPC_04_CS',
    title: 'Invalid message ids toward the station',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-04',
    severity: 'high',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.1.4', 'OCPPJ20-4.2.3'],
    purpose:
      'A message id must be a string of at most 36 characters. A Reset CALL whose id is 37 characters, 64 KiB, empty, a number or null is rejected with a CALLERROR (or ignored) and never executed.',
    hint: 'Validate the message id (a non-empty string of at most 36 characters) before dispatching; answer RpcFrameworkError, using "-1" when the id cannot be used, and do not run the action.',
    fault: 'long-message-id-accepted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const payload = JSON.stringify({ type: 'Immediate' });
    const cases: ReadonlyArray<readonly [string, string, string | undefined]> = [
      ['a 37-character id', JSON.stringify('R'.repeat(37)), 'R'.repeat(37)],
      ['a 64 KiB id', JSON.stringify('L'.repeat(65_536)), 'L'.repeat(65_536)],
      ['an empty id', '""', ''],
      ['a numeric id', '4711', undefined],
      ['a null id', 'null', undefined],
    ];
    const codes = ['RpcFrameworkError', 'FormatViolation', 'ProtocolError', 'GenericError', 'PropertyConstraintViolation'];
    for (const [what, idText, id] of cases) {
      ctx.step(`The harness sends Reset with ${what}; the station answers with a CALLERROR or ignores it`);
      const text = `[2,${idText},"Reset",${payload}]`;
      const conn = csms.connection;
      const out = await sendAndObserve(ctx, text, { ids: id ? [id] : undefined, within: config.timeouts.silenceMs });
      ctx.note(`${what}: ${describeOutcome(out)}`);
      if (out.kind !== 'silent') ctx.evidence(text.length > 300 ? `${text.slice(0, 300)}…` : text);
      ctx.check(out.kind !== 'result', 'OCPPJ20-4.1.4', `Reset with ${what} is not executed (no CALLRESULT)`, describeOutcome(out));
      ctx.check(out.kind !== 'closed' && conn?.closed === undefined, 'OCPPJ20-4.1.4', `no reset and no disconnect after Reset with ${what}`, describeOutcome(out));
      if (out.kind === 'error') ctx.expectOneOf(out.errorCode, codes, 'OCPPJ20-4.2.3', `CALLERROR code for ${what}`);
    }
    ctx.step('No reboot follows: no BootNotification, and the station still answers a valid call');
    await csms.expectNoCall('BootNotification', { within: config.timeouts.silenceMs, requirement: 'OCPPJ20-4.1.4' });
    await expectReachable(ctx, 'OCPPJ20-4.1.4');
  },
);
