import type { StateTableOf } from '../engine/states.js';
import { answer, respondToTransactionEvents, transactionEventAnswer, validToken } from '../kit/csms201.js';
import { endWhatIsLeftRunning201, plugIn201 } from '../kit/left-running.js';

/**
 * Reusable states for 2.0.1 cases where the SUT is a charging station (the harness is CSMS).
 * The CSMS vocabulary the states and cases share is in kit/csms201.ts.
 *
 *   Booted                 the station connects, its boot is accepted, and it reports its connectors
 *   EVConnectedPreSession  the EV cable is plugged in and the connector reported Occupied
 *   Authorized             the configured valid token is presented and authorized by the CSMS
 *   EnergyTransferStarted  all of the above; the transaction has started and is charging
 */

/**
 * Reusable states for 2.0.1 cases where the SUT is a charging station (the harness is CSMS).
 * Booted: the station connects, its boot is accepted, and it reports its connectors.
 * EVConnectedPreSession: the EV cable is plugged in and the connector reported Occupied.
 * Authorized: the configured valid token is presented and authorized by the CSMS.
 * EnergyTransferStarted: all of the above; the transaction has started and is charging.
 */
export const states201Cs = {
  async Booted(ctx) {
    const { csms, config } = ctx;
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    csms.respondTo('StatusNotification', {});
    csms.respondTo('NotifyEvent', {});
    csms.respondTo('SecurityEventNotification', {});
    csms.respondTo('MeterValues', {});
    csms.respondTo('LogStatusNotification', {});
    csms.respondTo('FirmwareStatusNotification', {});
    // Post-condition: what the case leaves running is ended at case end, pass or fail.
    endWhatIsLeftRunning201(ctx);
    if (csms.booted) return;
    // A reconnect is not a reboot: a station that turns out to be running already is Booted as it is.
    const boot = await csms.bootOrRunning({
      within: ctx.waits.reconnect,
      quietMs: Math.max(config.timeouts.silenceMs, 2000),
      requirement: 'B01.FR.01',
    });
    if (!boot) return;
    await csms.reply(boot, { currentTime: ctx.nowIso(), interval: config.timeouts.heartbeatIntervalS, status: 'Accepted' });
    // The configured EVSE's report (a station with several EVSEs reports each, in any order).
    await csms.expectCall('StatusNotification', {
      where: (p) => p.evseId === config.ids.evseId,
      whereText: 'the configured EVSE',
      requirement: 'B01.FR.05',
    });
  },

  async EVConnectedPreSession(ctx) {
    const { csms, config } = ctx;
    // A station whose TxStartPoint is EVConnected or ParkingBayOccupancy starts the transaction here.
    respondToTransactionEvents(ctx);
    await plugIn201(ctx);
    await csms.expectCall('StatusNotification', {
      where: (p) => p.connectorStatus === 'Occupied' && p.evseId === config.ids.evseId,
      whereText: 'connectorStatus Occupied on the configured EVSE',
      requirement: 'G01.FR.01',
    });
  },

  async Authorized(ctx) {
    const { csms, config } = ctx;
    const token = validToken(config);
    await ctx.manual('presentIdToken', { ...token, evseId: config.ids.evseId }, 'Present the configured valid idToken at the station.');
    const auth = await csms.expectCall('Authorize', {
      where: (p) => p.idToken?.idToken === token.idToken,
      whereText: 'the presented idToken',
      requirement: 'C01.FR.01',
    });
    await answer(csms, auth, { idTokenInfo: { status: 'Accepted' } });
  },

  async EnergyTransferStarted(ctx) {
    const { csms } = ctx;
    await ctx.given('Booted');
    await ctx.given('EVConnectedPreSession');
    await ctx.given('Authorized');
    const started = await csms.expectCall('TransactionEvent', {
      where: (p) => p.eventType === 'Started',
      whereText: 'eventType Started',
      requirement: 'E02.FR.01',
    });
    await answer(csms, started, transactionEventAnswer(started));
    respondToTransactionEvents(ctx);
  },
} satisfies StateTableOf<'2.0.1', 'cs'>;

/** The state names of this table (what ctx.given accepts in these cases). */
export type State201Cs = keyof typeof states201Cs;
