import type { CaseContext } from '../engine/context.js';
import { CaseFailure } from '../engine/verdict.js';
import type { StateTable } from '../engine/states.js';
import type { Payload, ReceivedCall } from '../transport/endpoint.js';

/**
 * Reusable states for 1.6 cases where the SUT is a charge point (the harness is central system).
 *
 *   Booted      the charge point is connected, its boot accepted, its connector reported; the
 *               harness answers Heartbeat, StatusNotification and MeterValues from here on
 *   Charging    a transaction runs on the configured connector ({ via: 'local' | 'remote' })
 *   Idle        whatever session the case left is ended (remote stop) and the cable unplugged
 *
 * The session a case runs (transaction id, idTag, cable) is kept per case; see session16().
 */

export interface Session16 {
  connectorId: number;
  idTag: string;
  /** Set once StartTransaction was answered; cleared when StopTransaction was. */
  transactionId?: number;
  plugged: boolean;
}


/** The session of this case (created empty on first use). */
export function session16(ctx: CaseContext): Session16 {
  return ctx.remember<Session16>('v16-cs.session', () => ({ connectorId: ctx.config.ids.connectorId, idTag: ctx.config.ids.validIdToken.idToken, plugged: false }));
}

/** A transaction id for StartTransaction.conf, distinct per case. */
export function newTransactionId(ctx: CaseContext): number {
  const digits = ctx.ids.next().replace(/\D/g, '').slice(0, 6);
  return 1000 + (Number.parseInt(digits || '0', 10) % 900_000);
}

/** Only StatusNotifications of one connector with one of these statuses. */
export function statusOf(connectorId: number, ...statuses: string[]) {
  return {
    where: (p: Payload) => p.connectorId === connectorId && (statuses.length === 0 || statuses.includes(p.status)),
    whereText: `connectorId = ${connectorId}${statuses.length ? ` and status ${statuses.join(' or ')}` : ''}`,
  };
}

/**
 * Waits for the connector to report Preparing (a tag presented or a remote start accepted while
 * no cable is in). Status Preparing is how a charge point shows it holds the authorization, so
 * the case waits for it before the next manual step; its absence is only a non-strict note.
 */
export async function expectPreparing(ctx: CaseContext, why: string): Promise<void> {
  const connectorId = ctx.config.ids.connectorId;
  try {
    await ctx.csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Preparing'), requirement: 'OCPP16-4.9' });
  } catch (err) {
    if (!(err instanceof CaseFailure)) throw err;
    ctx.nonStrict('OCPP16-4.9', `connector ${connectorId} did not report Preparing ${why}`);
  }
}

/** Answers a StartTransaction with an accepted idTagInfo and a new transaction id; returns it. */
export async function acceptStart(ctx: CaseContext, start: ReceivedCall): Promise<number> {
  const transactionId = newTransactionId(ctx);
  await ctx.csms.reply(start, { idTagInfo: { status: 'Accepted' }, transactionId });
  const s = session16(ctx);
  s.transactionId = transactionId;
  s.idTag = String(start.payload.idTag);
  return transactionId;
}

/** Answers a StopTransaction (idTagInfo Accepted) and forgets the case's transaction. */
export async function acceptStop(ctx: CaseContext, stop: ReceivedCall): Promise<void> {
  await ctx.csms.reply(stop, { idTagInfo: { status: 'Accepted' } });
  const s = session16(ctx);
  if (s.transactionId === stop.payload.transactionId) s.transactionId = undefined;
}

/** Manual step: the EV cable is plugged into the configured connector. */
export async function plugIn(ctx: CaseContext, connectorId = ctx.config.ids.connectorId): Promise<void> {
  await ctx.manual('plugIn', { connectorId }, `Plug the EV cable into connector ${connectorId}.`);
  session16(ctx).plugged = true;
}

/** Manual step: the EV cable is unplugged from the configured connector. */
export async function unplug(ctx: CaseContext, connectorId = ctx.config.ids.connectorId): Promise<void> {
  await ctx.manual('unplug', { connectorId }, `Unplug the EV cable from connector ${connectorId}.`);
  session16(ctx).plugged = false;
}

/** Manual step: a driver presents an idTag (default: the configured valid one). */
export async function presentIdTag(ctx: CaseContext, token = ctx.config.ids.validIdToken, connectorId = ctx.config.ids.connectorId): Promise<void> {
  await ctx.manual('presentIdToken', { idToken: token.idToken, type: token.type, connectorId }, `Present the idTag ${token.idToken} at the charge point (connector ${connectorId}).`);
}

export const states16Cs: StateTable = {
  async Booted(ctx) {
    const { csms, config } = ctx;
    csms.respondTo('Heartbeat', () => ({ currentTime: ctx.nowIso() }));
    csms.respondTo('StatusNotification', {});
    csms.respondTo('MeterValues', {});
    csms.respondTo('DiagnosticsStatusNotification', {});
    csms.respondTo('FirmwareStatusNotification', {});
    if (csms.booted) return;
    const boot = await csms.expectCall('BootNotification', { within: config.timeouts.connectMs + config.timeouts.messageMs, requirement: 'OCPP16-4.2' });
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
      const auth = await csms.expectCall('Authorize', { where: (p) => p.idTag === idTag, whereText: `idTag = ${idTag}`, requirement: 'OCPP16-4.1' });
      await csms.reply(auth, { idTagInfo: { status: 'Accepted' } });
    }
    const start = await csms.expectCall('StartTransaction', { where: (p) => p.connectorId === connectorId, whereText: `connectorId = ${connectorId}`, requirement: 'OCPP16-4.8' });
    await acceptStart(ctx, start);
    await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Charging'), requirement: 'OCPP16-4.9' });
  },

  async Idle(ctx) {
    const { csms, config } = ctx;
    const s = session16(ctx);
    if (s.transactionId !== undefined) {
      const transactionId = s.transactionId;
      const res = await csms.call('RemoteStopTransaction', { transactionId }, { requirement: 'OCPP16-5.12' });
      ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.12', 'RemoteStopTransaction.conf status');
      const stop = await csms.expectCall('StopTransaction', { where: (p) => p.transactionId === transactionId, whereText: `transactionId = ${transactionId}`, requirement: 'OCPP16-4.10' });
      await acceptStop(ctx, stop);
    }
    if (s.plugged) {
      await unplug(ctx, s.connectorId);
      await csms.expectCall('StatusNotification', { ...statusOf(s.connectorId, 'Available'), within: config.timeouts.messageMs, requirement: 'OCPP16-4.9' });
    }
  },
};
