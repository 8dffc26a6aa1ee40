import { defineCase, CaseFailure, serializeError, serializeResult } from '../../../../src/dsl.js';
import { fenceCall } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC16_RPC_09_CS',
    title: 'Unsolicited CALLRESULT / CALLERROR frames are ignored: a forged boot acceptance does not unlock a Pending charge point',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-09',
    severity: 'high',
    cwe: 'CWE-345',
    requirements: ['OCPPJ16-4.2.2', 'OCPP16-4.2'],
    purpose:
      'The harness answers the charge point\'s BootNotification with Pending, then sends results nobody asked for: a second CALLRESULT {status: Accepted} for the already answered BootNotification id, one for an id the charge point never used, and a stray CALLERROR. The charge point correlates results by message id only, so it ignores all three: it stays Pending (sends nothing but BootNotification) and keeps answering the central system.',
    hint: 'Match every CALLRESULT/CALLERROR to an outstanding CALL by message id and drop anything that matches none (including ids already answered); never derive state such as "boot accepted" from the shape of an unmatched result.',
    fault: 'cp-unsolicited-result-accepted',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    const t = config.timeouts;

    ctx.step('The charge point boots; the harness answers BootNotification with Pending');
    if (csms.booted) await ctx.manual('reboot', {}, 'Power-cycle the charge point so that it sends a new BootNotification.');
    const boot = await csms.expectCall('BootNotification', { within: t.connectMs + t.messageMs, requirement: 'OCPP16-4.2' });
    await csms.reply(boot, { status: 'Pending', currentTime: ctx.nowIso(), interval: t.bootRetryIntervalS });
    const conn = boot.conn;
    // The Pending answer has been processed once a later request is answered.
    await fenceCall(ctx, csms, conn, 'GetConfiguration', { key: ['HeartbeatInterval'] }, 'OCPP16-4.2');

    ctx.step('The harness sends a forged boot acceptance for the answered id, one for an unknown id, and a stray CALLERROR');
    const since = ctx.clock.monotonic();
    const accepted = { status: 'Accepted', currentTime: ctx.nowIso(), interval: t.heartbeatIntervalS };
    const forged = [serializeResult(boot.messageId, accepted), serializeResult(ctx.ids.next(), accepted), serializeError(ctx.ids.next(), 'GenericError', 'unsolicited', {})];
    for (const f of forged) await conn.send(f);

    ctx.step('The charge point still answers on the same connection (GetConfiguration is allowed while Pending)');
    await fenceCall(ctx, csms, conn, 'GetConfiguration', { key: ['HeartbeatInterval'] }, 'OCPPJ16-4.2.2');

    ctx.step('It stays Pending: apart from BootNotification it sends no request');
    await csms.wait(t.silenceMs);
    const sent = csms.receivedCalls().filter((c) => c.at >= since && c.action !== 'BootNotification');
    if (sent.length) {
      ctx.evidence(...forged);
      throw new CaseFailure('OCPPJ16-4.2.2', ['no request other than BootNotification while the boot is Pending'], sent.map((c) => `CALL ${c.action}`).join(', '));
    }

    // Leave the charge point usable: its next BootNotification is accepted.
    csms.respondTo('BootNotification', () => ({ status: 'Accepted', currentTime: ctx.nowIso(), interval: t.heartbeatIntervalS }));
    csms.respondTo('StatusNotification', {});
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
  },
);
