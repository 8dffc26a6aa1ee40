import type { Ctx16Csms, Ctx201Csms, Request201, Response201 } from './contexts.js';
import { check } from '../engine/checks.js';
import type { IdTokenConfig } from '../core/config.js';
import { CaseFailure } from '../core/verdict.js';
import type { CallOutcome, Payload } from '../roles/endpoint.js';
import type {
  ChargingStateEnumType,
  MeterValueType,
  ReadingContextEnumType,
  ReasonEnumType,
  SampledValueType,
  TriggerReasonEnumType,
} from '../protocol/payloads/v201.js';
import type { StationConnectOptions } from '../roles/roles.js';
import type { OcppConnection } from '../transport/connection.js';
import { serializeCall } from '../protocol/framing.js';
import { waitUntil } from './observe.js';
import { idTokenOf } from './csms201.js';

/**
 * The harness as 2.0.1 charging station (SUT: a CSMS): the transaction bookkeeping a station
 * needs (transactionId, contiguous seqNo) so case bodies stay linear, connector status, boots,
 * calls on a given connection, fresh identities and reconnects.
 */

export interface StationTx {
  transactionId: string;
  /** The seqNo the next TransactionEventRequest of this transaction gets. */
  nextSeqNo: number;
  evseId: number;
  connectorId: number;
  /** Whether the Started event was sent. */
  started: boolean;
  authorized: boolean;
  stopAuthorized: boolean;
}

/** The case's transaction slot, kept in the case context's memory. */
const txSlot = (ctx: Ctx201Csms) => ctx.remember<{ tx?: StationTx }>('v201-csms.tx', () => ({}));

/** The transaction the harness station is running in this case, if any. */
export function currentTx(ctx: Ctx201Csms): StationTx | undefined {
  return txSlot(ctx).tx;
}

/** The transaction the harness station is running; a harness error when there is none. */
export function runningTx(ctx: Ctx201Csms): StationTx {
  const tx = currentTx(ctx);
  if (!tx)
    throw new Error(`harness: ${ctx.meta.id} needs a running transaction (use ctx.given('EVConnectedPreSession') or txEvent Started)`);
  return tx;
}

/** Opens a new transaction record on the configured EVSE; its first event gets seqNo 0. */
export function newTx(ctx: Ctx201Csms, transactionId = ctx.ids.next().slice(0, 36)): StationTx {
  const tx: StationTx = {
    transactionId,
    nextSeqNo: 0,
    evseId: ctx.config.ids.evseId,
    connectorId: ctx.config.ids.connectorId,
    started: false,
    authorized: false,
    stopAuthorized: false,
  };
  txSlot(ctx).tx = tx;
  return tx;
}

/** Forgets the transaction (after its Ended event). */
export function clearTx(ctx: Ctx201Csms): void {
  txSlot(ctx).tx = undefined;
}

export interface TxEventOptions {
  chargingState?: ChargingStateEnumType;
  stoppedReason?: ReasonEnumType;
  remoteStartId?: number;
  /** The reservation the transaction uses (H03). */
  reservationId?: number;
  idToken?: IdTokenConfig;
  meterValue?: MeterValueType[];
  /** Send evse even on Updated/Ended events (it is sent on Started unless withoutEvse). */
  withEvse?: boolean;
  /** Leave evse out of a Started event (the EVSE is not known yet, e.g. authorization first). */
  withoutEvse?: boolean;
  /** The requirement a missing or erroneous answer violates. */
  requirement?: string;
}

/**
 * Sends one TransactionEventRequest of the current transaction (opening one for a Started
 * event if needed) with the next seqNo, and returns the CSMS's TransactionEventResponse.
 */
export async function txEvent(
  ctx: Ctx201Csms,
  eventType: 'Started' | 'Updated' | 'Ended',
  triggerReason: TriggerReasonEnumType,
  o: TxEventOptions = {},
): Promise<Response201<'TransactionEvent'>> {
  let tx = currentTx(ctx);
  if (!tx) {
    if (eventType !== 'Started') throw new Error(`harness: ${eventType} TransactionEvent without a transaction`);
    tx = newTx(ctx);
  }
  const transactionInfo: Request201<'TransactionEvent'>['transactionInfo'] = { transactionId: tx.transactionId };
  if (o.chargingState) transactionInfo.chargingState = o.chargingState;
  if (o.stoppedReason) transactionInfo.stoppedReason = o.stoppedReason;
  if (o.remoteStartId !== undefined) transactionInfo.remoteStartId = o.remoteStartId;
  const payload: Request201<'TransactionEvent'> = {
    eventType,
    timestamp: ctx.nowIso(),
    triggerReason,
    seqNo: tx.nextSeqNo,
    transactionInfo,
  };
  if ((eventType === 'Started' && !o.withoutEvse) || o.withEvse) payload.evse = { id: tx.evseId, connectorId: tx.connectorId };
  if (o.idToken) payload.idToken = idTokenOf(o.idToken);
  if (o.reservationId !== undefined) payload.reservationId = o.reservationId;
  if (o.meterValue) payload.meterValue = o.meterValue;
  tx.nextSeqNo += 1;
  if (eventType === 'Started' && !tx.started) endAfterCase(ctx, tx);
  if (eventType === 'Started') tx.started = true;
  const res = await ctx.station.call('TransactionEvent', payload, { requirement: o.requirement });
  if (eventType === 'Ended') clearTx(ctx);
  return res;
}

/** Post-condition: a transaction the harness station started is ended at case end, so the CSMS does not keep it open. */
function endAfterCase(ctx: Ctx201Csms, tx: StationTx): void {
  ctx.afterCase(
    `end the transaction ${tx.transactionId} the harness station started`,
    async () => {
      if (!ctx.station.connection) throw new Error('the harness station is no longer connected to send TransactionEvent Ended');
      await txEvent(ctx, 'Ended', 'AbnormalCondition', { stoppedReason: 'Other', chargingState: 'Idle' });
      await connectorStatus(ctx, 'Available');
    },
    { when: () => currentTx(ctx) === tx },
  );
}

/** Reports the configured connector's status. */
export async function connectorStatus(
  ctx: Ctx201Csms,
  status: 'Available' | 'Occupied' | 'Reserved' | 'Unavailable' | 'Faulted',
  requirement?: string,
): Promise<void> {
  const { evseId, connectorId } = ctx.config.ids;
  await ctx.station.call('StatusNotification', { timestamp: ctx.nowIso(), connectorStatus: status, evseId, connectorId }, { requirement });
}

/** One energy register reading (Wh) for meterValue arrays. */
export function energyReading(
  ctx: Ctx201Csms,
  wh: number,
  context: ReadingContextEnumType,
  extra: Partial<SampledValueType> = {},
): MeterValueType {
  return {
    timestamp: ctx.nowIso(),
    sampledValue: [{ value: wh, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' }, ...extra }],
  };
}

/**
 * A signed register reading (Wh): signedMeterValue with opaque base64 data, as a meter with
 * SampledDataSignReadings / AlignedDataSignReadings sends it; the CSMS stores and forwards it.
 */
export function signedEnergyReading(ctx: Ctx201Csms, wh: number, context: ReadingContextEnumType): MeterValueType {
  return energyReading(ctx, wh, context, {
    signedMeterValue: {
      signedMeterData: Buffer.from(`harness-signed-reading-${wh}Wh`).toString('base64'),
      signingMethod: 'ECDSA-secp256r1-SHA256',
      encodingMethod: 'OCMF',
      publicKey: Buffer.from('harness-meter-public-key').toString('base64'),
    },
  });
}

/** The driver presents the configured valid token: Authorize, which the CSMS must answer Accepted (C01.FR.02). */
export async function authorizeValidToken(ctx: Ctx201Csms): Promise<void> {
  const auth = await ctx.station.call('Authorize', { idToken: idTokenOf(ctx.config.ids.validIdToken) }, { requirement: 'C01.FR.02' });
  ctx.expectOneOf(auth.idTokenInfo?.status, ['Accepted'], 'C01.FR.02', 'AuthorizeResponse.idTokenInfo.status');
}

/** Fails unless a TransactionEventResponse carries idTokenInfo with one of the statuses. */
export function expectIdTokenStatus(ctx: Ctx201Csms, res: Response201<'TransactionEvent'>, allowed: string[], requirement: string): void {
  check(
    res.idTokenInfo !== undefined,
    requirement,
    `TransactionEventResponse with idTokenInfo (status ${allowed.join(' or ')})`,
    `no idTokenInfo in ${JSON.stringify(res)}`,
  );
  ctx.expectOneOf(res.idTokenInfo.status, allowed, requirement, 'idTokenInfo.status');
}

/** A BootNotification payload of the harness station. */
export function bootPayload(model = 'HarnessStation'): Request201<'BootNotification'> {
  return { reason: 'PowerUp', chargingStation: { model, vendorName: 'ocpp-harness' } };
}

/** A fresh identifierString (letters and digits only) of at most 48 characters. */
export function freshIdentity(ctx: Ctx201Csms, prefix: string): string {
  return `${prefix}${ctx.ids
    .next()
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 12)}`.slice(0, 48);
}

/**
 * Sends a CALL on one given connection (not necessarily the newest) and waits for its answer.
 * Untyped like `station.untyped`: probes send any action and payload this way.
 */
export async function callOn(
  ctx: Ctx201Csms,
  conn: OcppConnection,
  action: string,
  payload: Payload,
  o: { messageId?: string; within?: number; requirement?: string } = {},
): Promise<CallOutcome> {
  const id = o.messageId ?? ctx.ids.next();
  await conn.send(serializeCall(id, action, payload));
  return ctx.station.awaitResponse(id, action, conn, { within: o.within, requirement: o.requirement });
}

/** Opens a connection as `identity` and gets its BootNotification answered; returns both. */
export async function connectAndBoot(
  ctx: Ctx201Csms,
  identity: string,
  requirement: string,
): Promise<{ conn: OcppConnection; status: string }> {
  const conn = await ctx.station.connect({ identity, requirement });
  const res = await callOn(ctx, conn, 'BootNotification', bootPayload(), { requirement });
  if (res.kind === 'error') throw new CaseFailure(requirement, ['a BootNotificationResponse'], `CALLERROR ${res.errorCode}`);
  return { conn, status: res.payload.status };
}

/** Closes the harness station's current connection and waits (bounded) until it is closed. */
export async function closeAndWait(ctx: Ctx201Csms | Ctx16Csms, conn: OcppConnection | undefined = ctx.station.connection): Promise<void> {
  if (!conn || conn.closed) return;
  conn.close(1000, 'station reconnects');
  await waitUntil(ctx, () => conn.closed !== undefined, ctx.config.timeouts.messageMs);
  // The CSMS sees the close a moment later than the harness; let it settle.
  await new Promise((r) => setTimeout(r, 50));
}

/** Connects (with the given dial options) and gets a BootNotification Accepted on that connection. */
export async function reconnectAndBoot(
  ctx: Ctx201Csms,
  o: StationConnectOptions,
  requirement: string,
  expected: string,
): Promise<OcppConnection> {
  const dial = await ctx.station.tryConnect(o);
  check(dial.ok, requirement, expected, dial.ok ? '' : dial.error);
  const conn = (dial as { conn: OcppConnection }).conn;
  const res = await callOn(ctx, conn, 'BootNotification', bootPayload(), { requirement });
  check(
    res.kind === 'result' && res.payload.status === 'Accepted',
    requirement,
    'BootNotification Accepted after the reconnect',
    res.kind === 'result' ? `status ${res.payload.status}` : `CALLERROR ${res.errorCode}`,
  );
  return conn;
}
