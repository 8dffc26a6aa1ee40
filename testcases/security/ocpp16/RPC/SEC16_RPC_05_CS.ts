import { defineCase } from '../../../../src/dsl.js';
import { ConfigMarker, judgeNotExecuted, sendProbes, type Probe } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_05_CS',
    title: 'Unknown, wrong-direction and wrong-case actions are refused with NotImplemented / NotSupported',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-05',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.2.3', 'OCPPJ16-4.2.1'],
    purpose:
      'The harness calls an action 1.6 does not have, four actions only a charge point sends (BootNotification, StartTransaction, StatusNotification, Heartbeat), and ChangeConfiguration to a marker value spelled in the wrong case or with a trailing space. The charge point answers NotImplemented (unknown name) or NotSupported (known but not its to receive), never a CALLRESULT, and the marker value is not stored.',
    hint: 'Look action names up case-sensitively and only among the actions the charge point receives; answer NotImplemented for unknown names and NotSupported for known ones it does not handle. Never route a central-system-bound action (BootNotification, StartTransaction ...) into local logic.',
    fault: 'cp-action-case-insensitive',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const mark = await ConfigMarker.create(ctx);
    const now = ctx.nowIso();
    const call = (label: string, action: string, payload: object): Probe => {
      const id = ctx.ids.next();
      return { label, text: JSON.stringify([2, id, action, payload]), id };
    };

    ctx.step('The harness sends an unknown action, four charge-point-to-central-system actions, and ChangeConfiguration in three wrong spellings');
    const unknown = [call('unknown action OcppHarnessNoSuchAction', 'OcppHarnessNoSuchAction', {})];
    const wrongDirection = [
      call('BootNotification sent to the charge point', 'BootNotification', { chargePointVendor: 'ocpp-harness', chargePointModel: 'Attacker' }),
      call('StartTransaction sent to the charge point', 'StartTransaction', { connectorId: config.ids.connectorId, idTag: config.ids.validIdToken.idToken, meterStart: 0, timestamp: now }),
      call('StatusNotification sent to the charge point', 'StatusNotification', { connectorId: config.ids.connectorId, errorCode: 'NoError', status: 'Faulted', timestamp: now }),
      call('Heartbeat sent to the charge point', 'Heartbeat', {}),
    ];
    const wrongCase = ['changeconfiguration', 'CHANGECONFIGURATION', 'ChangeConfiguration '].map((name) => call(`action spelled ${JSON.stringify(name)}`, name, mark.payload));
    const probes = [...unknown, ...wrongDirection, ...wrongCase];
    const sent = await sendProbes(ctx, csms, probes, { action: 'GetConfiguration', payload: { key: ['HeartbeatInterval'] } }, 'OCPPJ16-4.2.3');

    ctx.step('None got a CALLRESULT; unknown names are answered NotImplemented, receive-side gaps NotImplemented or NotSupported');
    judgeNotExecuted(ctx, sent, 'OCPPJ16-4.2.3', ['NotImplemented', 'NotSupported']);
    for (const o of sent.outcomes) {
      if (o.answers.length === 0) ctx.nonStrict('OCPPJ16-4.2.3', `${o.probe.label}: no answer (a CALLERROR was expected)`);
    }
    const loose = sent.outcomes.filter((o) => !wrongDirection.includes(o.probe) && o.answers.some((a) => a.errorCode === 'NotSupported'));
    if (loose.length) ctx.nonStrict('OCPPJ16-4.2.3', `answered NotSupported where the name is unknown (NotImplemented): ${loose.map((o) => o.probe.label).join(', ')}`);

    ctx.step(`${mark.key} still has its old value: no wrong-case ChangeConfiguration was executed`);
    await mark.assertUnchanged(ctx, 'OCPPJ16-4.2.1', wrongCase);
  },
);
