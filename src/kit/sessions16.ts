import type { Ctx16Cs } from './contexts.js';
import { expectPreparing, sessionTransactionId16 } from './central-system16.js';
import { changeConfiguration16 } from './restore.js';

/**
 * Session openings several 1.6 `_CS` cases share: a remote start accepted before the cable is in,
 * and a transaction sampled at a short MeterValueSampleInterval.
 */

/**
 * The harness sends RemoteStartTransaction for the configured connector and idTag while no cable
 * is in; the charge point must accept it and (non-strictly) report Preparing. Authorize, sent when
 * AuthorizeRemoteTxRequests is true, is answered Accepted.
 */
export async function remoteStartFirst16(ctx: Ctx16Cs): Promise<void> {
  const { csms, config } = ctx;
  const connectorId = config.ids.connectorId;
  const idTag = config.ids.validIdToken.idToken;
  csms.respondTo('Authorize', { idTagInfo: { status: 'Accepted' } });
  ctx.step('The harness sends RemoteStartTransaction for the idle connector; the charge point accepts it');
  const res = await csms.call('RemoteStartTransaction', { connectorId, idTag }, { requirement: 'OCPP16-5.11' });
  ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.11', 'RemoteStartTransaction.conf status');
  ctx.step('The charge point holds the remote authorization and reports the connector Preparing');
  await expectPreparing(ctx, 'after accepting the remote start');
}

/**
 * Sets MeterValueSampleInterval to a short interval (the configured transaction duration, at least
 * 1 s; restored at case end), then starts a transaction (the Charging state). Returns both.
 */
export async function chargingSampled16(ctx: Ctx16Cs): Promise<{ intervalS: number; transactionId: number }> {
  const intervalS = Math.max(1, Math.round(ctx.config.timeouts.transactionMs / 1000));
  await ctx.given('Booted');
  ctx.step(`The harness sets MeterValueSampleInterval to ${intervalS} s (its value is restored at case end)`);
  await changeConfiguration16(ctx, 'MeterValueSampleInterval', String(intervalS), 'OCPP16-5.3');
  ctx.step('A transaction is started on the configured connector');
  await ctx.given('Charging');
  return { intervalS, transactionId: sessionTransactionId16(ctx) };
}
