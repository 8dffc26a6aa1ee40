import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, sendAndObserve } from '../../../../src/kit/index.js';

type Probe = readonly [label: string, action: string, payload: Record<string, unknown>, expected: readonly string[]];

export default defineCase(
  {
    id: 'SEC_RPC_05_CSMS',
    title: 'Unknown, wrong-direction and wrong-case actions toward the CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-05',
    severity: 'high',
    cwe: 'CWE-749',
    requirements: ['OCPPJ20-4.2.3', 'OCPPJ20-4.2.1'],
    purpose:
      'A station must not be able to run anything but the station-to-CSMS actions: an unknown action and a differently cased known one are answered NotImplemented, and CSMS-to-station actions sent by a station (RequestStartTransaction, RequestStopTransaction, Reset, SetVariables, UnlockConnector) are answered NotSupported or NotImplemented, never executed.',
    hint: 'Route actions through an exact, case-sensitive table of what a station may send; answer NotImplemented for names you do not know and NotSupported for actions that only travel from the CSMS to the station.',
    fault: 'action-case-insensitive',
  },
  async (ctx) => {
    const { config } = ctx;
    const token = config.ids.validIdToken;
    const probes: Probe[] = [
      ['an unknown action', 'FuzzUnknownAction', {}, ['NotImplemented']],
      ['an action name in lower case', 'heartbeat', {}, ['NotImplemented']],
      ['an action name in upper case', 'HEARTBEAT', {}, ['NotImplemented']],
      ['a known action with a trailing space', 'Heartbeat ', {}, ['NotImplemented']],
      ['BootNotification in camel case', 'bootNotification', { reason: 'PowerUp', chargingStation: { model: 'HarnessStation', vendorName: 'ocpp-harness' } }, ['NotImplemented']],
      ['RequestStartTransaction (a CSMS-to-station action)', 'RequestStartTransaction', { idToken: { idToken: token.idToken, type: token.type }, remoteStartId: 4711, evseId: config.ids.evseId }, ['NotSupported', 'NotImplemented']],
      ['RequestStopTransaction (a CSMS-to-station action)', 'RequestStopTransaction', { transactionId: 'sec-rpc-05-tx' }, ['NotSupported', 'NotImplemented']],
      ['Reset (a CSMS-to-station action)', 'Reset', { type: 'Immediate' }, ['NotSupported', 'NotImplemented']],
      ['SetVariables (a CSMS-to-station action)', 'SetVariables', { setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, attributeValue: '0' }] }, ['NotSupported', 'NotImplemented']],
      ['UnlockConnector (a CSMS-to-station action)', 'UnlockConnector', { evseId: config.ids.evseId, connectorId: config.ids.connectorId }, ['NotSupported', 'NotImplemented']],
    ];
    await ctx.given('Booted');
    for (const [what, action, payload, expected] of probes) {
      const id = ctx.ids.next();
      const text = JSON.stringify([2, id, action, payload]);
      ctx.step(`The station sends ${what}; the CSMS answers ${expected.join(' or ')} and runs nothing`);
      const out = await sendAndObserve(ctx, text, { ids: [id], requirement: 'OCPPJ20-4.2.3' });
      ctx.note(`${what}: ${describeOutcome(out)}`);
      if (out.closed) ctx.evidence(text);
      ctx.check(!out.closed, 'OCPPJ20-4.2.1', `the session stays open after ${what}`, `the CSMS closed the connection (code ${out.closed?.code})`);
      const f = out.answer;
      if (f?.kind === 'result') {
        ctx.evidence(text, out.answer!.text);
        ctx.check(false, 'OCPPJ20-4.2.3', `CALLERROR ${expected.join(' or ')} for ${what} (not executed)`, `CALLRESULT ${out.answer!.text}`);
      }
      ctx.check(f !== undefined, 'OCPPJ20-4.2.3', `CALLERROR ${expected.join(' or ')} for ${what}`, 'no answer');
      if (!expected.includes(f!.errorCode ?? '')) {
        const other = ['NotImplemented', 'NotSupported'].includes(f!.errorCode ?? '');
        ctx.nonStrict('OCPPJ20-4.2.3', `${what} answered ${f!.errorCode}${other ? '' : ' (not executed, but the wrong code)'}; expected ${expected.join(' or ')}`);
      }
    }
  },
);
