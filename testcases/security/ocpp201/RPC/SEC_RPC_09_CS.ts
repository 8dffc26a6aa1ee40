import { defineCase } from '../../../../src/dsl.js';
import { callsSince, mark } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_RPC_09_CS',
    title: 'Unsolicited CALLRESULT must not unlock a Pending station',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-09',
    severity: 'high',
    cwe: 'CWE-345',
    requirements: ['OCPPJ20-4.2.2', 'B02.FR.02'],
    purpose:
      'Answers are matched to requests by message id. While its registration is Pending, a station that receives a forged BootNotificationResponse Accepted under an id it never used (or under the id of the boot already answered) ignores it: it stays Pending and sends nothing but its next BootNotification.',
    hint: 'Only accept a CALLRESULT for a request that is outstanding on this connection with exactly that message id; drop every other CALLRESULT/CALLERROR without changing state.',
    fault: 'forged-boot-result-unlocks',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    ctx.step('The station boots; the harness answers Pending');
    if (csms.booted) await ctx.manual('reboot', {}, 'Power-cycle the charging station so that it boots again.');
    const boot = await csms.expectCall('BootNotification', { within: config.timeouts.connectMs + config.timeouts.messageMs, requirement: 'B02.FR.02' });
    const retryS = config.timeouts.bootRetryIntervalS;
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: retryS, status: 'Pending' });
    const before = mark(csms);
    // Let the station take in the Pending answer before the forgeries arrive.
    await csms.wait(100);

    ctx.step('The harness sends forged answers: BootNotificationResponse Accepted under an unknown id and under the answered boot id, and a stray CALLERROR');
    const accepted = { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' };
    const forged = [
      JSON.stringify([3, ctx.ids.next(), accepted]),
      JSON.stringify([3, boot.messageId, accepted]),
      JSON.stringify([4, ctx.ids.next(), 'GenericError', 'stray', {}]),
    ];
    for (const f of forged) await csms.sendRaw(f);
    ctx.evidence(...forged);

    ctx.step('The station stays Pending: it sends nothing but BootNotification');
    await csms.wait(Math.min(config.timeouts.silenceMs, retryS * 1000 - 100));
    const others = callsSince(csms, before).filter((c) => c.action !== 'BootNotification');
    ctx.check(others.length === 0, 'OCPPJ20-4.2.2', 'no request other than BootNotification while Pending (the forged answers are ignored)', `received ${others.map((c) => c.action).join(', ')}`);

    ctx.step('The station retries its boot after the interval; the harness accepts it now');
    csms.respondTo('StatusNotification', {});
    csms.respondTo('SecurityEventNotification', {});
    csms.respondTo('NotifyEvent', {});
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    const retry = await csms.expectCall('BootNotification', { after: boot, within: retryS * 1000 + config.timeouts.messageMs, requirement: 'B02.FR.02' });
    await csms.reply(retry, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    await csms.expectCall('StatusNotification', { after: retry, requirement: 'B02.FR.02' });
  },
);
