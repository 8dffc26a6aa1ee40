import type { Ctx16Csms, Request16, Response16 } from './contexts.js';
import { check } from '../engine/checks.js';

/**
 * The harness as 1.6 charge point (SUT: a central system): what it remembers during a case (the
 * running transaction, the energy register) and the requests it sends. Requirement ids name
 * OCPP 1.6 Ed. 2 sections: OCPP16-4.x for operations the charge point starts.
 */

/** What the harness charge point remembers during one case. */
export interface ChargePointMemory16 {
  /** The transaction the central system assigned in the last accepted StartTransaction. */
  transaction?: { transactionId: number; connectorId: number; idTag: string; meterStart: number };
  /** Energy register of the configured connector, in Wh. */
  meterWh: number;
}

/** The harness charge point's memory for this case. */
export function cp16(ctx: Ctx16Csms): ChargePointMemory16 {
  return ctx.remember<ChargePointMemory16>('cp16', () => ({ meterWh: 0 }));
}

/** The transaction started by the Charging state (or a case); a harness error when none runs. */
export function runningTransaction16(ctx: Ctx16Csms): NonNullable<ChargePointMemory16['transaction']> {
  const tx = cp16(ctx).transaction;
  if (!tx) throw new Error(`harness: ${ctx.meta.id} needs a running transaction (use ctx.given('Charging'))`);
  return tx;
}

/** The BootNotification.req the harness charge point sends. */
export function bootNotification16(): Request16<'BootNotification'> {
  return {
    chargePointVendor: 'ocpp-harness',
    chargePointModel: 'HarnessChargePoint',
    chargePointSerialNumber: 'HARNESS-0001',
    firmwareVersion: '1.0.0',
  };
}

/** Sends StatusNotification for a connector (the configured one unless given) and awaits the answer. */
export async function statusNotification16(
  ctx: Ctx16Csms,
  status: 'Available' | 'Preparing' | 'Charging' | 'SuspendedEV' | 'SuspendedEVSE' | 'Finishing' | 'Reserved' | 'Unavailable' | 'Faulted',
  connectorId = ctx.config.ids.connectorId,
): Promise<void> {
  await ctx.station.call(
    'StatusNotification',
    { connectorId, errorCode: 'NoError', status, timestamp: ctx.nowIso() },
    { requirement: 'OCPP16-4.9' },
  );
}

/** Sends StartTransaction, remembers the assigned transaction and returns the response. */
export async function startTransaction16(
  ctx: Ctx16Csms,
  idTag: string,
  opts: { requirement?: string; timestamp?: string } = {},
): Promise<Response16<'StartTransaction'>> {
  const mem = cp16(ctx);
  const connectorId = ctx.config.ids.connectorId;
  const res = await ctx.station.call(
    'StartTransaction',
    { connectorId, idTag, meterStart: mem.meterWh, timestamp: opts.timestamp ?? ctx.nowIso() },
    { requirement: opts.requirement ?? 'OCPP16-4.8' },
  );
  check(
    Number.isInteger(res.transactionId),
    opts.requirement ?? 'OCPP16-4.8',
    'StartTransaction.conf carries an integer transactionId',
    res.transactionId,
  );
  const transaction = { transactionId: res.transactionId, connectorId, idTag, meterStart: mem.meterWh };
  mem.transaction = transaction;
  // Post-condition: the central system must not keep this transaction open after the case.
  ctx.afterCase(
    `end the transaction ${res.transactionId} the harness charge point started`,
    async () => {
      if (!ctx.station.connection) throw new Error('the harness charge point is no longer connected to send StopTransaction');
      await stopTransaction16(ctx, 'Other');
      await statusNotification16(ctx, 'Available');
    },
    { when: () => cp16(ctx).transaction === transaction },
  );
  return res;
}

/** Sends StopTransaction for the running transaction and returns the response. */
export async function stopTransaction16(
  ctx: Ctx16Csms,
  reason: 'EVDisconnected' | 'Local' | 'Remote' | 'DeAuthorized' | 'PowerLoss' | 'Other',
  opts: { idTag?: string; requirement?: string } = {},
): Promise<Response16<'StopTransaction'>> {
  const mem = cp16(ctx);
  const tx = runningTransaction16(ctx);
  mem.meterWh += 1500;
  const payload: Request16<'StopTransaction'> = {
    transactionId: tx.transactionId,
    meterStop: mem.meterWh,
    timestamp: ctx.nowIso(),
    reason,
  };
  if (opts.idTag) payload.idTag = opts.idTag;
  const res = await ctx.station.call('StopTransaction', payload, { requirement: opts.requirement ?? 'OCPP16-4.10' });
  mem.transaction = undefined;
  return res;
}
