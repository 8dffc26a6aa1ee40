import { setMaxListeners } from 'node:events';
import { defineCase, serializeCall, type CallOutcome } from '../../../../src/dsl.js';
import { expectReachable } from '../../../../src/kit/index.js';

/** The flood: this many valid calls sent back to back (bounded: about 20 KiB of traffic). */
const FLOOD = 200;
const VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ['OCPPCommCtrlr', 'HeartbeatInterval'],
  ['TxCtrlr', 'EVConnectionTimeOut'],
  ['AuthCtrlr', 'AuthorizeRemoteStart'],
  ['SampledDataCtrlr', 'TxUpdatedInterval'],
  ['AlignedDataCtrlr', 'Interval'],
];

export default defineCase(
  {
    id: 'SEC_DOS_03_CS',
    title: 'Flood of valid calls toward the station',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-03',
    severity: 'medium',
    cwe: 'CWE-400',
    requirements: ['OCPPJ20-4.2.2', 'OCPPJ20-4.1.1'],
    purpose:
      `${FLOOD} valid GetVariables calls sent back to back may be answered, throttled with a CALLERROR, or dropped, but every answer that comes must belong to its own call, and the station keeps working afterwards.`,
    hint: 'Under load, queue or refuse requests (CALLERROR, closing the socket) but never mix up state: each answer carries the message id of the call it answers.',
    fault: 'flood-mixes-responses',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    ctx.step(`The harness sends ${FLOOD} GetVariables back to back`);
    const conn = csms.connection!;
    // Each outstanding wait listens on the case's abort signal.
    setMaxListeners(FLOOD + 32, ctx.abort);
    const sent = Array.from({ length: FLOOD }, (_, i) => {
      const [component, variable] = VARIABLES[i % VARIABLES.length];
      const id = ctx.ids.next();
      return { id, variable, frame: serializeCall(id, 'GetVariables', { getVariableData: [{ component: { name: component }, variable: { name: variable } }] }) };
    });
    for (const s of sent) void conn.send(s.frame);
    const outcomes = await Promise.allSettled(sent.map((s) => csms.awaitResponse(s.id, 'GetVariables', conn, { within: config.timeouts.messageMs, requirement: 'OCPPJ20-4.2.2' })));

    ctx.step('Every answer that came belongs to its own call');
    let results = 0;
    let errors = 0;
    outcomes.forEach((o, i) => {
      if (o.status !== 'fulfilled') return;
      const res = o.value as CallOutcome;
      if (res.kind === 'error') {
        errors++;
        return;
      }
      results++;
      const got = res.payload.getVariableResult?.[0]?.variable?.name;
      if (got !== sent[i].variable) ctx.evidence(sent[i].frame);
      ctx.check(got === sent[i].variable, 'OCPPJ20-4.2.2', `the answer to ${sent[i].id} is about ${sent[i].variable}`, `it is about ${String(got)}`);
    });
    ctx.note(`flood: ${results} CALLRESULTs, ${errors} CALLERRORs, ${FLOOD - results - errors} unanswered`);

    ctx.step('The station is still reachable and its configuration unchanged');
    await expectReachable(ctx, 'OCPPJ20-4.1.1', 'after the flood');
  },
);
