import { defineCase, serializeCall } from '../../../../src/dsl.js';
import { answer, callsSince, mark } from '../../../../src/kit/index.js';

const VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ['OCPPCommCtrlr', 'HeartbeatInterval'],
  ['TxCtrlr', 'EVConnectionTimeOut'],
];

export default defineCase(
  {
    id: 'SEC_RPC_10_CS',
    title: 'Back-to-back and crossing CALLs with the station',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-10',
    severity: 'medium',
    cwe: 'CWE-662',
    requirements: ['OCPPJ20-4.1.1', 'OCPPJ20-4.2.2'],
    purpose:
      'Two CALLs sent back to back are both answered, each under its own message id; a CALL that crosses one of the station\'s own unanswered CALLs is still answered (no deadlock); and the station itself never has more than one CALL outstanding.',
    hint: 'Correlate answers strictly by message id, serve incoming CALLs independently of your own outstanding request, and queue your own requests until the previous one is answered or timed out.',
    fault: 'second-call-before-answer',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');

    ctx.step('The harness sends two GetVariables back to back; both are answered, each with its own variable');
    const conn = csms.connection!;
    const ids = VARIABLES.map(() => ctx.ids.next());
    const frames = VARIABLES.map(([c, v], i) => serializeCall(ids[i], 'GetVariables', { getVariableData: [{ component: { name: c }, variable: { name: v } }] }));
    for (const f of frames) await conn.send(f);
    const answers = await Promise.all(ids.map((id) => csms.awaitResponse(id, 'GetVariables', conn, { requirement: 'OCPPJ20-4.1.1' })));
    answers.forEach((a, i) => {
      const name = a.kind === 'result' ? a.payload.getVariableResult?.[0]?.variable?.name : `CALLERROR ${a.kind === 'error' ? a.errorCode : ''}`;
      if (name !== VARIABLES[i][1]) ctx.evidence(...frames);
      ctx.check(name === VARIABLES[i][1], 'OCPPJ20-4.2.2', `the answer to ${ids[i]} is about ${VARIABLES[i][1]}`, name);
    });

    ctx.step('The station sends a Heartbeat the harness leaves unanswered');
    csms.stopResponding('Heartbeat');
    csms.stopResponding('StatusNotification');
    const hbMark = mark(csms);
    const trig = await csms.call('TriggerMessage', { requestedMessage: 'Heartbeat' }, { requirement: 'OCPPJ20-4.1.1' });
    ctx.expectOneOf(trig.status, ['Accepted'], 'OCPPJ20-4.1.1', 'TriggerMessage Heartbeat status');
    const hb = callsSince(csms, hbMark).find((c) => c.action === 'Heartbeat') ?? (await csms.expectCall('Heartbeat', { requirement: 'OCPPJ20-4.1.1' }));
    const outstanding = mark(csms);

    ctx.step('A crossing CALL from the harness is answered while the station waits for its own answer');
    const crossing = await csms.callMayError('GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] }, { requirement: 'OCPPJ20-4.1.1' });
    ctx.check(crossing.kind === 'result', 'OCPPJ20-4.1.1', 'the crossing GetVariables is answered with a CALLRESULT', crossing);
    const trig2 = await csms.call('TriggerMessage', { requestedMessage: 'StatusNotification', evse: { id: config.ids.evseId, connectorId: config.ids.connectorId } }, { requirement: 'OCPPJ20-4.1.1' });
    ctx.expectOneOf(trig2.status, ['Accepted'], 'OCPPJ20-4.1.1', 'TriggerMessage StatusNotification status');

    ctx.step('While its Heartbeat is unanswered the station sends no further CALL');
    await csms.wait(config.timeouts.silenceMs);
    const early = callsSince(csms, outstanding).filter((c) => c !== hb);
    if (early.length) ctx.evidence(`[2,"${hb.messageId}","Heartbeat",{}] left unanswered`);
    ctx.check(early.length === 0, 'OCPPJ20-4.1.1', 'no new CALL from the station while its Heartbeat is outstanding', `received ${early.map((c) => c.action).join(', ')}`);

    ctx.step('Once the Heartbeat is answered, the triggered StatusNotification follows');
    csms.respondTo('StatusNotification', {});
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    await answer(csms, hb, { currentTime: ctx.nowIso() });
    await csms.expectCall('StatusNotification', { requirement: 'OCPPJ20-4.1.1' });
  },
);
