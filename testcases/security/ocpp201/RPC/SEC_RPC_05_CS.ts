import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, expectReachable, sendAndObserve } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_RPC_05_CS',
    title: 'Unknown, wrong-direction and wrong-case actions toward the station',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-05',
    severity: 'high',
    cwe: 'CWE-20',
    requirements: ['OCPPJ20-4.1.7', 'OCPPJ20-4.2.3'],
    purpose:
      'Only the actions a CSMS may send to a station are served, spelled exactly. An unknown action, an action the CSMS never sends (BootNotification, StatusNotification) and Reset spelled in another case are answered NotImplemented or NotSupported and have no effect.',
    hint: 'Match action names case-sensitively against the CSMS-to-station list; answer NotImplemented for unknown names and NotSupported for known ones the station does not serve, without executing anything.',
    fault: 'action-name-case-insensitive',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const reset = { type: 'Immediate' };
    const calls: ReadonlyArray<readonly [string, string, Record<string, unknown>]> = [
      ['an unknown action', 'SecHarnessUnknownAction', {}],
      ['BootNotification (a station-to-CSMS message)', 'BootNotification', { reason: 'PowerUp', chargingStation: { model: 'Attacker', vendorName: 'ocpp-harness' } }],
      ['StatusNotification (a station-to-CSMS message)', 'StatusNotification', { timestamp: ctx.nowIso(), connectorStatus: 'Faulted', evseId: config.ids.evseId, connectorId: config.ids.connectorId }],
      ['"reset" in lower case', 'reset', reset],
      ['"RESET" in upper case', 'RESET', reset],
      ['"Reset " with a trailing space', 'Reset ', reset],
    ];
    for (const [what, action, payload] of calls) {
      ctx.step(`The harness sends ${what}; the station answers NotImplemented or NotSupported`);
      const id = ctx.ids.next();
      const text = JSON.stringify([2, id, action, payload]);
      const conn = csms.connection;
      const out = await sendAndObserve(ctx, text, { ids: [id], within: config.timeouts.messageMs });
      ctx.note(`${what}: ${describeOutcome(out)}`);
      if (out.kind !== 'error' || !['NotImplemented', 'NotSupported'].includes(out.errorCode)) ctx.evidence(text);
      ctx.check(out.kind === 'error', 'OCPPJ20-4.1.7', `${what} is answered with a CALLERROR`, describeOutcome(out));
      if (out.kind === 'error') ctx.expectOneOf(out.errorCode, ['NotImplemented', 'NotSupported'], 'OCPPJ20-4.2.3', `CALLERROR code for ${what}`);
      ctx.check(conn?.closed === undefined, 'OCPPJ20-4.1.7', `no reset and no disconnect after ${what}`, 'the connection closed');
    }
    ctx.step('None of them had an effect: no reboot, and the station still answers a valid call');
    await csms.expectNoCall('BootNotification', { within: config.timeouts.silenceMs, requirement: 'OCPPJ20-4.1.7' });
    await expectReachable(ctx, 'OCPPJ20-4.1.7');
  },
);
