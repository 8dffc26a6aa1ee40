import { defineCase, CaseFailure } from '../../../../src/dsl.js';
import { callsSince, expectReachable, mark } from '../../../../src/kit/index.js';

/** Broken answers to the station's own Heartbeat: each must count as a failed call, nothing worse. */
const ANSWERS: ReadonlyArray<readonly [string, (id: string) => string]> = [
  ['a CALLRESULT without payload', (id) => JSON.stringify([3, id])],
  ['a CALLRESULT whose payload is a string', (id) => JSON.stringify([3, id, 'not an object'])],
  ['a CALLRESULT violating the HeartbeatResponse schema', (id) => JSON.stringify([3, id, { currentTime: 'not-a-date', extra: 1 }])],
  ['a CALLERROR with an unknown error code', (id) => JSON.stringify([4, id, 'SecHarnessNoSuchCode', '', {}])],
  ['a CALLERROR with a 300-character description', (id) => JSON.stringify([4, id, 'GenericError', 'd'.repeat(300), {}])],
  ['a CALLERROR whose details are an array', (id) => JSON.stringify([4, id, 'GenericError', '', []])],
];

export default defineCase(
  {
    id: 'SEC_RPC_11_CS',
    title: 'Malformed CALLRESULT and CALLERROR answers to the station\'s own calls',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-11',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.2.2', 'OCPPJ20-4.2.3', 'B01.FR.04'],
    purpose:
      'When the CSMS answers the station\'s calls with broken frames (wrong arity, a payload that is not an object or breaks the schema, an unknown error code, an overlong description, details that are not an object) the station treats the call as failed and carries on. A BootNotificationResponse interval of -1 is not used as a heartbeat interval.',
    hint: 'Validate answers like requests: a malformed or schema-violating CALLRESULT/CALLERROR fails the pending call (retry later) instead of crashing or blocking; ignore non-positive intervals.',
    fault: 'negative-interval-accepted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    csms.stopResponding('Heartbeat');

    for (const [what, build] of ANSWERS) {
      ctx.step(`The harness answers a triggered Heartbeat with ${what}; the station survives`);
      const at = mark(csms);
      const trig = await csms.call('TriggerMessage', { requestedMessage: 'Heartbeat' }, { requirement: 'OCPPJ20-4.2.2' });
      ctx.expectOneOf(trig.status, ['Accepted'], 'OCPPJ20-4.2.2', 'TriggerMessage Heartbeat status');
      let hb = callsSince(csms, at).find((c) => c.action === 'Heartbeat' && !c.answered);
      if (!hb) {
        try {
          hb = await csms.expectCall('Heartbeat', { requirement: 'OCPPJ20-4.2.2', schema: false });
        } catch (err) {
          if (!(err instanceof CaseFailure)) throw err;
          ctx.nonStrict('OCPPJ20-4.2.2', `after the previous broken answer the station sent no Heartbeat within ${config.timeouts.messageMs} ms (it may wait for its message timeout)`);
          break;
        }
      }
      const text = build(hb.messageId);
      hb.answered = true;
      await csms.sendRaw(text);
      try {
        await expectReachable(ctx, 'OCPPJ20-4.2.2', `after ${what}`);
      } catch (err) {
        ctx.evidence(text);
        throw err;
      }
    }
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));

    ctx.step('The station is reset and boots; the harness accepts the boot with interval -1');
    const reset = await csms.call('Reset', { type: 'Immediate' }, { requirement: 'B01.FR.04' });
    ctx.expectOneOf(reset.status, ['Accepted'], 'B01.FR.04', 'Reset status');
    const boot = await csms.expectCall('BootNotification', { within: config.timeouts.connectMs + config.timeouts.messageMs, requirement: 'B01.FR.04' });
    const bootAnswer = { currentTime: ctx.nowIso(), interval: -1, status: 'Accepted' as const };
    await csms.reply(boot, bootAnswer);

    ctx.step('The station does not take -1 as its heartbeat interval: no burst of Heartbeats');
    const after = mark(csms);
    await csms.wait(2 * config.timeouts.silenceMs);
    const beats = callsSince(csms, after).filter((c) => c.action === 'Heartbeat').length;
    if (beats > 3) ctx.evidence(JSON.stringify([3, boot.messageId, bootAnswer]));
    ctx.check(beats <= 3, 'B01.FR.04', `at most 3 Heartbeats in ${2 * config.timeouts.silenceMs} ms after an interval of -1`, `${beats} Heartbeats`);
  },
);
