import type { CaseContext } from '../engine/context.js';
import type { IdTokenConfig } from '../engine/config.js';
import type { StateTable } from '../engine/states.js';
import type { Payload } from '../transport/endpoint.js';

/**
 * Reusable states for 2.0.1 cases where the SUT is a CSMS (the harness is a station), plus the
 * small transaction bookkeeping a station needs (transactionId, contiguous seqNo) so case bodies
 * stay linear. The states assume the CSMS-side defaults of the certification tests:
 * TxStartPoint = EVConnected,Authorized and TxStopPoint = EVConnected.
 *
 *   Booted                 connect, BootNotification accepted, connector reported Available
 *   EVConnectedPreSession  cable plugged in: Occupied, transaction Started (CablePluggedIn)
 *   Authorized             valid idToken authorized (Authorize), then Started or Updated with it
 *   EnergyTransferStarted  EVConnectedPreSession + Authorized + chargingState Charging
 *   StopAuthorized         the driver stops with the valid idToken (Updated StopAuthorized)
 *   EVDisconnected         the cable is removed: transaction Ended, connector Available
 *   Unavailable            the CSMS (operator) made the EVSE/connector/station Inoperative
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
const txSlot = (ctx: CaseContext) => ctx.remember<{ tx?: StationTx }>('v201-csms.tx', () => ({}));

/** The transaction the harness station is running in this case, if any. */
export function currentTx(ctx: CaseContext): StationTx | undefined {
  return txSlot(ctx).tx;
}

/** Opens a new transaction record on the configured EVSE; its first event gets seqNo 0. */
export function newTx(ctx: CaseContext, transactionId = ctx.ids.next().slice(0, 36)): StationTx {
  const tx: StationTx = { transactionId, nextSeqNo: 0, evseId: ctx.config.ids.evseId, connectorId: ctx.config.ids.connectorId, started: false, authorized: false, stopAuthorized: false };
  txSlot(ctx).tx = tx;
  return tx;
}

/** Forgets the transaction (after its Ended event). */
export function clearTx(ctx: CaseContext): void {
  txSlot(ctx).tx = undefined;
}

export interface TxEventOptions {
  chargingState?: 'Charging' | 'EVConnected' | 'SuspendedEV' | 'SuspendedEVSE' | 'Idle';
  stoppedReason?: string;
  remoteStartId?: number;
  idToken?: IdTokenConfig;
  meterValue?: Payload[];
  /** Send evse even on Updated/Ended events (it is always sent on Started). */
  withEvse?: boolean;
  /** The requirement a missing or erroneous answer violates. */
  requirement?: string;
}

/**
 * Sends one TransactionEventRequest of the current transaction (opening one for a Started
 * event if needed) with the next seqNo, and returns the CSMS's TransactionEventResponse.
 */
export async function txEvent(ctx: CaseContext, eventType: 'Started' | 'Updated' | 'Ended', triggerReason: string, o: TxEventOptions = {}): Promise<Payload> {
  let tx = currentTx(ctx);
  if (!tx) {
    if (eventType !== 'Started') throw new Error(`harness: ${eventType} TransactionEvent without a transaction`);
    tx = newTx(ctx);
  }
  const transactionInfo: Payload = { transactionId: tx.transactionId };
  if (o.chargingState) transactionInfo.chargingState = o.chargingState;
  if (o.stoppedReason) transactionInfo.stoppedReason = o.stoppedReason;
  if (o.remoteStartId !== undefined) transactionInfo.remoteStartId = o.remoteStartId;
  const payload: Payload = { eventType, timestamp: ctx.nowIso(), triggerReason, seqNo: tx.nextSeqNo, transactionInfo };
  if (eventType === 'Started' || o.withEvse) payload.evse = { id: tx.evseId, connectorId: tx.connectorId };
  if (o.idToken) payload.idToken = { idToken: o.idToken.idToken, type: o.idToken.type };
  if (o.meterValue) payload.meterValue = o.meterValue;
  tx.nextSeqNo += 1;
  if (eventType === 'Started') tx.started = true;
  const res = await ctx.station.call('TransactionEvent', payload, { requirement: o.requirement });
  if (eventType === 'Ended') clearTx(ctx);
  return res;
}

/** Reports the configured connector's status. */
export async function connectorStatus(ctx: CaseContext, status: 'Available' | 'Occupied' | 'Reserved' | 'Unavailable' | 'Faulted', requirement?: string): Promise<void> {
  const { evseId, connectorId } = ctx.config.ids;
  await ctx.station.call('StatusNotification', { timestamp: ctx.nowIso(), connectorStatus: status, evseId, connectorId }, { requirement });
}

/** One energy register reading (Wh) for meterValue arrays. */
export function energyReading(ctx: CaseContext, wh: number, context: string, extra: Payload = {}): Payload {
  return { timestamp: ctx.nowIso(), sampledValue: [{ value: wh, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' }, ...extra }] };
}

/** Fails unless a TransactionEventResponse carries idTokenInfo with one of the statuses. */
export function expectIdTokenStatus(ctx: CaseContext, res: Payload, allowed: string[], requirement: string): void {
  ctx.check(res.idTokenInfo !== undefined, requirement, `TransactionEventResponse with idTokenInfo (status ${allowed.join(' or ')})`, `no idTokenInfo in ${JSON.stringify(res)}`);
  ctx.expectOneOf(res.idTokenInfo.status, allowed, requirement, 'idTokenInfo.status');
}

export const states201Csms: StateTable = {
  async Booted(ctx) {
    const { station } = ctx;
    if (!station.connection) await station.connect({ requirement: 'B01.FR.01' });
    const res = await station.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'HarnessStation', vendorName: 'ocpp-harness' } }, { requirement: 'B01.FR.01' });
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
    const auth = await ctx.station.call('Authorize', { idToken: { idToken: token.idToken, type: token.type } }, { requirement: 'C01.FR.02' });
    ctx.expectOneOf(auth.idTokenInfo?.status, ['Accepted'], 'C01.FR.02', 'AuthorizeResponse.idTokenInfo.status');
    const tx = currentTx(ctx);
    const res = tx?.started
      ? await txEvent(ctx, 'Updated', 'Authorized', { idToken: token })
      : await txEvent(ctx, 'Started', 'Authorized', { idToken: token });
    expectIdTokenStatus(ctx, res, ['Accepted'], 'E01.FR.03');
    currentTx(ctx)!.authorized = true;
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
    const stoppedReason = (options.stoppedReason as string | undefined) ?? (tx?.stopAuthorized ? 'Local' : 'EVDisconnected');
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
    const target = scope === 'station' ? {} : scope === 'connector' ? { evseId: config.ids.evseId, connectorId: config.ids.connectorId } : { evseId: config.ids.evseId };
    await ctx.manual(
      'csmsSend',
      { message: 'ChangeAvailability', stationId: config.stationId, operationalStatus: 'Inoperative', ...target },
      `Make the CSMS set the ${scope === 'station' ? 'whole station' : scope === 'connector' ? `connector ${config.ids.connectorId} of EVSE ${config.ids.evseId}` : `EVSE ${config.ids.evseId}`} Inoperative`,
    );
    const req = await station.expectCall('ChangeAvailability', { requirement: scope === 'station' ? 'G04.FR.01' : 'G03.FR.01' });
    ctx.expectOneOf(req.payload.operationalStatus, ['Inoperative'], scope === 'station' ? 'G04.FR.01' : 'G03.FR.01', 'ChangeAvailabilityRequest.operationalStatus');
    await station.reply(req, { status: 'Accepted' });
    await connectorStatus(ctx, 'Unavailable');
  },
};
