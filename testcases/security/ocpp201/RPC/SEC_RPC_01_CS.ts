import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, expectReachable, sendAndObserve } from '../../../../src/kit/index.js';

/** Texts that are not an OCPP-J message at all (none has a message id the station could read). */
const FRAMES: ReadonlyArray<readonly [string, string]> = [
  ['plain text', 'hello, charging station'],
  ['truncated JSON array', '[2,"sec-rpc-01","GetVariables",{"getVariableData":[{"component":{"name":"OCPPCommCtrlr"}'],
  ['a JSON scalar', '42'],
  ['a JSON object instead of an array', '{"messageTypeId":2,"messageId":"sec-rpc-01","action":"GetVariables"}'],
  ['an empty text message', ''],
];
const FRAMING_CODES = ['RpcFrameworkError', 'FormatViolation', 'ProtocolError', 'GenericError'];

export default defineCase(
  {
    id: 'SEC_RPC_01_CS',
    title: 'Non-JSON and truncated frames toward the station',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-01',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.1.2', 'OCPPJ20-4.2.3'],
    purpose:
      'Text that is not a JSON array (plain words, a cut-off frame, a scalar, an object, nothing) must neither crash nor disconnect the station: it answers with a framework CALLERROR under the id "-1", or drops the text, and keeps serving the session.',
    hint: 'Parse every incoming frame defensively. When the text is not a JSON array, answer [4,"-1","RpcFrameworkError",...] or ignore it, and keep the WebSocket session open.',
    fault: 'non-json-closes-connection',
  },
  async (ctx) => {
    const { config } = ctx;
    await ctx.given('Booted');
    for (const [what, text] of FRAMES) {
      ctx.step(`The harness sends ${what}; the station answers with a framework CALLERROR or ignores it`);
      const out = await sendAndObserve(ctx, text, { within: config.timeouts.silenceMs });
      ctx.note(`${what}: ${describeOutcome(out)}`);
      if (out.kind === 'closed' || out.kind === 'error') ctx.evidence(text);
      ctx.check(out.kind !== 'closed', 'OCPPJ20-4.1.2', `the session stays open after ${what}`, describeOutcome(out));
      if (out.kind === 'error') {
        ctx.expectOneOf(out.errorCode, FRAMING_CODES, 'OCPPJ20-4.2.3', `CALLERROR code for ${what}`);
        ctx.check(out.messageId === '-1', 'OCPPJ20-4.2.3', `the CALLERROR for ${what} uses message id "-1" (no id was readable)`, `message id ${JSON.stringify(out.messageId)}`);
      }
      ctx.step(`The station still answers a valid call after ${what}`);
      await expectReachable(ctx, 'OCPPJ20-4.1.2', `after ${what}`);
    }
  },
);
