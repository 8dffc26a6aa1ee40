import type { StateTableOf } from '../engine/states.js';
import { bootNotification16, startTransaction16, statusNotification16 } from '../kit/charge-point16.js';
import { bootThroughPending } from '../kit/preconditions.js';

/**
 * Reusable states for 1.6 cases where the SUT is a central system (the harness is a charge point).
 * The charge point's vocabulary (payloads, the running transaction) is in kit/charge-point16.ts.
 *
 *   Booted       connected, BootNotification accepted, connectors 0 and the configured one Available
 *   Authorized   Booted, then the configured valid idTag (or options.idTag) authorized
 *   Charging     Booted, Preparing, Authorized, transaction started and Charging reported
 */

export const states16Csms = {
  /** Connected, BootNotification accepted, connectors 0 and the configured one reported Available. */
  async Booted(ctx) {
    const { station, config } = ctx;
    if (!station.connection) await station.connect({ requirement: 'OCPP16-4.2' });
    const res = await bootThroughPending(ctx, () => station.call('BootNotification', bootNotification16(), { requirement: 'OCPP16-4.2' }));
    ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-4.2', 'BootNotification.conf status');
    await statusNotification16(ctx, 'Available', 0);
    await statusNotification16(ctx, 'Available', config.ids.connectorId);
  },

  /** Booted, then the configured valid idTag is authorized (options.idTag overrides it). */
  async Authorized(ctx, options) {
    const { station, config } = ctx;
    if (!station.connection) await ctx.given('Booted');
    const idTag = typeof options.idTag === 'string' ? options.idTag : config.ids.validIdToken.idToken;
    const res = await station.call('Authorize', { idTag }, { requirement: 'OCPP16-4.1' });
    ctx.expectOneOf(res.idTagInfo?.status, ['Accepted'], 'OCPP16-4.1', 'Authorize.conf idTagInfo.status');
  },

  /** Booted, cable plugged in (Preparing), authorized, transaction started and Charging reported. */
  async Charging(ctx) {
    const { config } = ctx;
    if (!ctx.station.connection) await ctx.given('Booted');
    await statusNotification16(ctx, 'Preparing');
    await ctx.given('Authorized');
    const res = await startTransaction16(ctx, config.ids.validIdToken.idToken);
    ctx.expectOneOf(res.idTagInfo?.status, ['Accepted'], 'OCPP16-4.8', 'StartTransaction.conf idTagInfo.status');
    await statusNotification16(ctx, 'Charging');
  },
} satisfies StateTableOf<'1.6', 'csms'>;

/** The state names of this table (what ctx.given accepts in these cases). */
export type State16Csms = keyof typeof states16Csms;
