import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, expectReachable, mark, callsSince, sendAndObserve } from '../../../../src/kit/index.js';

const HOSTILE = ['60;$(reboot)', '`id`', '../../../../etc/passwd', '%s%s%n%x', "1' OR '1'='1", '1\u0000', '\u202e06', '2147483648', '-1', '1e308'];
const NAMES = ["'; DROP TABLE variables;--", '<script>alert(1)</script>', 'a\u0000b', '\u202egpj.exe', '../../etc', '\u001b[31mX\u001b[0m', '\u{1F600}'.repeat(12)];

export default defineCase(
  {
    id: 'SEC_RPC_07_CS',
    title: 'Boundary and injection values inside valid requests to the station',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-07',
    severity: 'high',
    cwe: 'CWE-74',
    requirements: ['OCPPJ20-4.1.2', 'OCPPJ20-4.2.3'],
    purpose:
      'Schema-valid requests whose values are hostile (shell and SQL metacharacters, path traversal, NUL and bidi controls, integer overflows, extreme dates) neither crash the station nor get executed or stored as configuration: an integer variable keeps an integer value.',
    hint: 'Treat every string from the CSMS as data: validate values against the variable type before storing, never pass them to a shell, file path or query, and parse numbers and dates with range checks.',
    fault: 'setvar-stores-unvalidated',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const before = mark(csms);
    const send = async (what: string, action: string, payload: Record<string, unknown>) => {
      const id = ctx.ids.next();
      const text = JSON.stringify([2, id, action, payload]);
      const out = await sendAndObserve(ctx, text, { ids: [id], within: config.timeouts.messageMs });
      ctx.note(`${what}: ${describeOutcome(out)}`);
      if (out.kind === 'closed' || out.kind === 'silent') ctx.evidence(text);
      ctx.check(out.kind === 'result' || out.kind === 'error', 'OCPPJ20-4.1.2', `${what} is answered and the session survives`, describeOutcome(out));
      return out;
    };

    ctx.step('SetVariables with hostile values for integer variables: each is Rejected (or refused), nothing is stored');
    for (const value of HOSTILE) {
      const payload = { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: value }] };
      const out = await send(`SetVariables HeartbeatInterval = ${JSON.stringify(value)}`, 'SetVariables', payload);
      if (out.kind === 'result') {
        const status = out.payload.setVariableResult?.[0]?.attributeStatus;
        if (status === 'Accepted' && !/^\d+$/.test(value)) ctx.evidence(JSON.stringify(payload));
        ctx.check(status !== 'Accepted' || /^\d+$/.test(value), 'OCPPJ20-4.1.2', `HeartbeatInterval = ${JSON.stringify(value)} is not accepted as an integer`, `attributeStatus ${status}`);
      }
    }
    const read = await csms.call('GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] }, { requirement: 'OCPPJ20-4.1.2' });
    const stored = read.getVariableResult?.[0]?.attributeValue;
    ctx.check(stored === undefined || /^\d+$/.test(String(stored)), 'OCPPJ20-4.1.2', 'HeartbeatInterval still holds an integer', `attributeValue ${JSON.stringify(stored)}`);

    ctx.step('GetVariables with hostile component and variable names: answered, nothing else happens');
    for (const name of NAMES) {
      await send(`GetVariables for component ${JSON.stringify(name)}`, 'GetVariables', { getVariableData: [{ component: { name }, variable: { name } }] });
    }

    ctx.step('Requests with hostile identifiers, numbers and dates: answered, none has an effect');
    await send('RequestStopTransaction for transaction "../../../../etc/passwd"', 'RequestStopTransaction', { transactionId: '../../../../etc/passwd' });
    await send('RequestStopTransaction for transaction ";$(reboot)"', 'RequestStopTransaction', { transactionId: ';$(reboot)' });
    await send('ChangeAvailability for EVSE 2147483647', 'ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 2147483647 } });
    await send('ChangeAvailability for EVSE 9007199254740993', 'ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 9007199254740993 } });
    await send('TriggerMessage for EVSE 1e300', 'TriggerMessage', { requestedMessage: 'StatusNotification', evse: { id: 1e300 } });
    await send('DataTransfer with CR LF and ANSI escapes', 'DataTransfer', { vendorId: 'x\r\nX-Injected: 1\u001b[2J', messageId: '%n%n%n', data: '<script>alert(1)</script>' });
    for (const date of ['9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2016-12-31T23:59:60Z', '2024-01-01T00:00:00.123456789012Z', '2024-01-01T00:00:00+14:59']) {
      await send(`ReserveNow expiring ${date}`, 'ReserveNow', { id: 2147483647, expiryDateTime: date, idToken: { idToken: ';$(reboot)', type: 'Central' } });
    }

    ctx.step('No effect: the station did not reboot and still answers');
    await csms.wait(config.timeouts.silenceMs);
    const boots = callsSince(csms, before).filter((c) => c.action === 'BootNotification');
    ctx.check(boots.length === 0, 'OCPPJ20-4.1.2', 'no BootNotification after the hostile requests', `${boots.length} BootNotification(s)`);
    await expectReachable(ctx, 'OCPPJ20-4.1.2');
  },
);
