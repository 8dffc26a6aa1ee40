import { defineCase } from '../../../../src/dsl.js';
import { judgeNotExecuted, sendProbes, type Probe } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_05_CSMS',
    title: 'Unknown, wrong-direction and wrong-case actions are refused with NotImplemented / NotSupported',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-05',
    severity: 'high',
    cwe: 'CWE-749',
    requirements: ['OCPPJ16-4.2.3', 'OCPPJ16-4.2.1'],
    purpose:
      'The harness charge point calls an action 1.6 does not have, four actions only a central system sends (RemoteStartTransaction, Reset, ChangeConfiguration, GetConfiguration), and Heartbeat and Authorize spelled in the wrong case or with a trailing space. The central system answers NotImplemented (unknown name) or NotSupported (known, but not one it receives), never a CALLRESULT: a charge point must not be able to trigger central-system commands.',
    hint: 'Route inbound CALLs only to handlers of the actions a central system receives, matched case-sensitively; answer NotImplemented for unknown names and NotSupported for known ones travelling the wrong way. A charge point sending RemoteStartTransaction or Reset is an attack, not a request.',
    fault: 'cs-executes-wrong-direction-remote-start',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const idTag = config.ids.validIdToken.idToken;
    const call = (label: string, action: string, payload: object): Probe => {
      const id = ctx.ids.next();
      return { label, text: JSON.stringify([2, id, action, payload]), id };
    };

    ctx.step('The harness sends an unknown action, four central-system-to-charge-point actions, and four wrong spellings');
    const unknown = [call('unknown action OcppHarnessNoSuchAction', 'OcppHarnessNoSuchAction', {})];
    const wrongDirection = [
      call('RemoteStartTransaction sent by a charge point', 'RemoteStartTransaction', { connectorId: config.ids.connectorId, idTag }),
      call('Reset sent by a charge point', 'Reset', { type: 'Hard' }),
      call('ChangeConfiguration sent by a charge point', 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '1' }),
      call('GetConfiguration sent by a charge point', 'GetConfiguration', {}),
    ];
    const wrongCase = [
      call('action spelled "heartbeat"', 'heartbeat', {}),
      call('action spelled "HEARTBEAT"', 'HEARTBEAT', {}),
      call('action spelled "authorize"', 'authorize', { idTag }),
      call('action spelled "Authorize "', 'Authorize ', { idTag }),
    ];
    const probes = [...unknown, ...wrongDirection, ...wrongCase];
    const sent = await sendProbes(ctx, station, probes, { action: 'Heartbeat', payload: {} }, 'OCPPJ16-4.2.3');

    ctx.step('None got a CALLRESULT; unknown names are answered NotImplemented, wrong-direction actions NotSupported or NotImplemented');
    judgeNotExecuted(ctx, sent, 'OCPPJ16-4.2.3', ['NotImplemented', 'NotSupported']);
    for (const o of sent.outcomes) {
      if (o.answers.length === 0) ctx.nonStrict('OCPPJ16-4.2.3', `${o.probe.label}: no answer (a CALLERROR was expected)`);
    }
    const loose = sent.outcomes.filter((o) => !wrongDirection.includes(o.probe) && o.answers.some((a) => a.errorCode === 'NotSupported'));
    if (loose.length) ctx.nonStrict('OCPPJ16-4.2.3', `answered NotSupported where the name is unknown (NotImplemented): ${loose.map((o) => o.probe.label).join(', ')}`);
  },
);
