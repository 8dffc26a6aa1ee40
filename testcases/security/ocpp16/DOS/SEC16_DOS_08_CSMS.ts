import { defineCase, CaseFailure } from '../../../../src/dsl.js';
import { closedText, fenceCall, waitClosed } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_DOS_08_CSMS',
    title: 'A second connection with a connected charge point\'s identity: one session survives, commands reach it only',
    ocpp: '1.6',
    sut: 'csms',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-08',
    severity: 'high',
    cwe: 'CWE-613',
    requirements: ['OCPPJ16-3.1.1', 'OCPPJ16-3.2'],
    purpose:
      'While the booted harness charge point is connected, a second WebSocket connection with the same identity and the same valid credentials is opened (a cloned or rebooted charge point). OCPP leaves the policy open, but it must be deterministic: either the new connection is refused (the old one stays) or it replaces the old one, which the central system closes. Two live sessions for one identity are a failure. The surviving session is served (Heartbeat) and an operator command reaches exactly that socket.',
    hint: 'Keep at most one live session per charge point identity: on a new, fully authenticated connection either refuse it (e.g. HTTP 409) or close the previous socket, document which, and raise an alert; route every command to the registered session only.',
    fault: 'cs-duplicate-keeps-both',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const first = station.connection!;

    ctx.step('A second connection with the same identity and credentials is opened');
    const dial = await station.tryConnect();
    let survivor = first;
    if (!dial.ok) {
      ctx.note(`policy: the duplicate connection is refused (${dial.error})`);
      if (dial.status !== undefined && dial.status >= 500) ctx.nonStrict('OCPPJ16-3.2', `the duplicate was refused with HTTP ${dial.status} (a 4xx such as 409 is expected)`);
      ctx.check(first.isOpen, 'OCPPJ16-3.1.1', 'the first connection stays open when the duplicate is refused', closedText(first));
    } else {
      const second = dial.conn;
      ctx.step('Exactly one of the two connections stays open');
      await Promise.race([waitClosed(first, config.timeouts.messageMs), waitClosed(second, config.timeouts.messageMs)]);
      await station.wait(50);
      if (first.isOpen && second.isOpen) {
        ctx.evidence(`second upgrade for identity ${station.identity} while ${first.label} was live`);
        throw new CaseFailure('OCPPJ16-3.1.1', ['one of the two connections closed by the central system (refuse the new one or replace the old one)'], `both ${first.label} and ${second.label} still open after ${config.timeouts.messageMs} ms`);
      }
      if (!first.isOpen && !second.isOpen) {
        throw new CaseFailure('OCPPJ16-3.1.1', ['one connection of the charge point survives'], `both closed: ${closedText(first)}; ${closedText(second)}`);
      }
      survivor = first.isOpen ? first : second;
      ctx.note(`policy: ${survivor === second ? 'the new connection replaces the old one' : 'the new connection is closed, the old one kept'}`);
    }

    ctx.step('The surviving session is served: it gets a Heartbeat answered');
    await fenceCall(ctx, station, survivor, 'Heartbeat', {}, 'OCPPJ16-3.1.1');

    ctx.step('An operator command reaches the surviving socket');
    await ctx.manual('csmsSend', { message: 'GetConfiguration', stationId: config.stationId, key: ['HeartbeatInterval'] }, 'Make the central system send GetConfiguration for HeartbeatInterval to the charge point.');
    const get = await station.expectCall('GetConfiguration', { requirement: 'OCPPJ16-3.1.1' });
    ctx.check(get.conn === survivor, 'OCPPJ16-3.1.1', `GetConfiguration on the surviving connection ${survivor.label}`, `on ${get.conn.label}`);
    await station.reply(get, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: String(config.timeouts.heartbeatIntervalS) }] });
  },
);
