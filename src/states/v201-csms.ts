import type { StateTableOf } from '../engine/states.js';
import { connectorStatus, currentTx, expectIdTokenStatus, runningTx, txEvent } from '../kit/station201.js';
import { idTokenOf } from '../kit/csms201.js';
import { bootThroughPending } from '../kit/preconditions.js';
import type { ReasonEnumType } from '../protocol/payloads/v201.js';

/**
 * Reusable states for 2.0.1 cases where the SUT is a CSMS (the harness is a station). The
 * station's transaction bookkeeping (transactionId, contiguous seqNo) is in kit/station201.ts.
 * The states assume the CSMS-side defaults of the certification tests: TxStartPoint =
 * EVConnected,Authorized and TxStopPoint = EVConnected.
 *
 *   Booted                 connect, BootNotification accepted, connector reported Available
 *   EVConnectedPreSession  cable plugged in: Occupied, transaction Started (CablePluggedIn)
 *   Authorized             valid idToken authorized (Authorize), then Started or Updated with it
 *   EnergyTransferStarted  EVConnectedPreSession + Authorized + chargingState Charging
 *   StopAuthorized         the driver stops with the valid idToken (Updated StopAuthorized)
 *   EVDisconnected         the cable is removed: transaction Ended, connector Available
 *   Unavailable            the CSMS (operator) made the EVSE/connector/station Inoperative
 */

export const states201Csms = {
  async Booted(ctx) {
    const { station } = ctx;
    if (!station.connection) await station.connect({ requirement: 'B01.FR.01' });
    const res = await bootThroughPending(ctx, () =>
      station.call(
        'BootNotification',
        { reason: 'PowerUp', chargingStation: { model: 'HarnessStation', vendorName: 'ocpp-harness' } },
        { requirement: 'B01.FR.01' },
      ),
    );
    ctx.expectOneOf(res.status, ['Accepted'], 'B01.FR.01', 'BootNotificationResponse.status');
    await connectorStatus(ctx, 'Available');
  },

  async EVConnectedPreSession(ctx) {
    if (!ctx.station.connection) await ctx.given('Booted');
    await connectorStatus(ctx, 'Occupied');
    const tx = currentTx(ctx);
    if (tx?.started) {
      await txEvent(ctx, 'Updated', 'CablePluggedIn', { chargingState: 'EVConnected', withEvse: true });
    } else {
      await txEvent(ctx, 'Started', 'CablePluggedIn', { chargingState: 'EVConnected' });
    }
  },

  async Authorized(ctx) {
    if (!ctx.station.connection) await ctx.given('Booted');
    const token = ctx.config.ids.validIdToken;
    const auth = await ctx.station.call('Authorize', { idToken: idTokenOf(token) }, { requirement: 'C01.FR.02' });
    ctx.expectOneOf(auth.idTokenInfo?.status, ['Accepted'], 'C01.FR.02', 'AuthorizeResponse.idTokenInfo.status');
    const tx = currentTx(ctx);
    const res = tx?.started
      ? await txEvent(ctx, 'Updated', 'Authorized', { idToken: token })
      : await txEvent(ctx, 'Started', 'Authorized', { idToken: token });
    expectIdTokenStatus(ctx, res, ['Accepted'], 'E01.FR.03');
    runningTx(ctx).authorized = true;
  },

  async EnergyTransferStarted(ctx) {
    const tx = currentTx(ctx);
    if (!tx?.started) await ctx.given('EVConnectedPreSession');
    if (!currentTx(ctx)?.authorized) await ctx.given('Authorized');
    await txEvent(ctx, 'Updated', 'ChargingStateChanged', { chargingState: 'Charging' });
  },

  async StopAuthorized(ctx) {
    const token = ctx.config.ids.validIdToken;
    const tx = currentTx(ctx);
    await txEvent(ctx, 'Updated', 'StopAuthorized', { idToken: token, chargingState: 'EVConnected' });
    if (tx) tx.stopAuthorized = true;
  },

  async EVDisconnected(ctx, options) {
    const tx = currentTx(ctx);
    const stoppedReason = (options.stoppedReason as ReasonEnumType | undefined) ?? (tx?.stopAuthorized ? 'Local' : 'EVDisconnected');
    await txEvent(ctx, 'Ended', 'EVCommunicationLost', { chargingState: 'Idle', stoppedReason });
    await connectorStatus(ctx, (options.connectorStatus as 'Available' | 'Unavailable' | undefined) ?? 'Available');
  },

  /**
   * Unavailable: the operator makes the CSMS set the configured EVSE (or connector, or with
   * scope 'station' the whole station) Inoperative; the station accepts and reports Unavailable.
   */
  async Unavailable(ctx, options) {
    const { station, config } = ctx;
    if (!station.connection) await ctx.given('Booted');
    const scope = (options.scope as 'evse' | 'connector' | 'station' | undefined) ?? 'evse';
    const target =
      scope === 'station'
        ? {}
        : scope === 'connector'
          ? { evseId: config.ids.evseId, connectorId: config.ids.connectorId }
          : { evseId: config.ids.evseId };
    await ctx.manual(
      'csmsSend',
      { message: 'ChangeAvailability', stationId: config.stationId, operationalStatus: 'Inoperative', ...target },
      `Make the CSMS set the ${scope === 'station' ? 'whole station' : scope === 'connector' ? `connector ${config.ids.connectorId} of EVSE ${config.ids.evseId}` : `EVSE ${config.ids.evseId}`} Inoperative`,
    );
    const req = await station.expectCall('ChangeAvailability', { requirement: scope === 'station' ? 'G04.FR.01' : 'G03.FR.01' });
    ctx.expectOneOf(
      req.payload.operationalStatus,
      ['Inoperative'],
      scope === 'station' ? 'G04.FR.01' : 'G03.FR.01',
      'ChangeAvailabilityRequest.operationalStatus',
    );
    await station.reply(req, { status: 'Accepted' });
    await connectorStatus(ctx, 'Unavailable');
  },
} satisfies StateTableOf<'2.0.1', 'csms'>;

/** The state names of this table (what ctx.given accepts in these cases). */
export type State201Csms = keyof typeof states201Csms;
