import type { StateTableOf } from '../engine/states.js';
import { acceptStop, expectStartCharging16, plugIn, presentIdTag, session16, statusOf, unplug } from '../kit/central-system16.js';
import { endWhatIsLeftRunning16 } from '../kit/left-running.js';

/**
 * Reusable states for 1.6 cases where the SUT is a charge point (the harness is central system).
 *
 *   Booted      the charge point is connected, its boot accepted, its connector reported; the
 *               harness answers Heartbeat, StatusNotification and MeterValues from here on
 *   Charging    a transaction runs on the configured connector ({ via: 'local' | 'remote' })
 *   Idle        whatever session the case left is ended (remote stop) and the cable unplugged
 *
 * The session a case runs (transaction id, idTag, cable) is kept per case; see session16() in
 * the kit (kit/central-system16.ts).
 */

export const states16Cs = {
  async Booted(ctx) {
    const { csms, config } = ctx;
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    csms.respondTo('StatusNotification', {});
    csms.respondTo('MeterValues', {});
    csms.respondTo('DiagnosticsStatusNotification', {});
    csms.respondTo('FirmwareStatusNotification', {});
    // Post-condition: a session the case leaves running is ended at case end, pass or fail.
    endWhatIsLeftRunning16(ctx);
    if (csms.booted) return;
    // A reconnect is not a reboot: a station that turns out to be running already is Booted as it is.
    const boot = await csms.bootOrRunning({
      within: ctx.waits.reconnect,
      quietMs: Math.max(config.timeouts.silenceMs, 2000),
      requirement: 'OCPP16-4.2',
    });
    if (!boot) return;
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    await csms.expectCall('StatusNotification', { ...statusOf(config.ids.connectorId), requirement: 'OCPP16-4.9' });
  },

  async Charging(ctx, options) {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const connectorId = config.ids.connectorId;
    const idTag = config.ids.validIdToken.idToken;
    if (options.via === 'remote') {
      csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });
      const res = await csms.call('RemoteStartTransaction', { connectorId, idTag }, { requirement: 'OCPP16-5.11' });
      ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.11', 'RemoteStartTransaction.conf status');
      await plugIn(ctx);
    } else {
      await plugIn(ctx);
      await presentIdTag(ctx);
      const auth = await csms.expectCall('Authorize', {
        where: (p) => p.idTag === idTag,
        whereText: `idTag = ${idTag}`,
        requirement: 'OCPP16-4.1',
      });
      await csms.reply(auth, { idTagInfo: { status: 'Accepted' } });
    }
    await expectStartCharging16(ctx);
  },

  async Idle(ctx) {
    const { csms, config } = ctx;
    const s = session16(ctx);
    if (s.transactionId !== undefined) {
      const transactionId = s.transactionId;
      const res = await csms.call('RemoteStopTransaction', { transactionId }, { requirement: 'OCPP16-5.12' });
      ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.12', 'RemoteStopTransaction.conf status');
      const stop = await csms.expectCall('StopTransaction', {
        where: (p) => p.transactionId === transactionId,
        whereText: `transactionId = ${transactionId}`,
        requirement: 'OCPP16-4.10',
      });
      await acceptStop(ctx, stop);
    }
    if (s.plugged) {
      await unplug(ctx, s.connectorId);
      await csms.expectCall('StatusNotification', {
        ...statusOf(s.connectorId, 'Available'),
        within: config.timeouts.messageMs,
        requirement: 'OCPP16-4.9',
      });
    }
  },
} satisfies StateTableOf<'1.6', 'cs'>;

/** The state names of this table (what ctx.given accepts in these cases). */
export type State16Cs = keyof typeof states16Cs;
