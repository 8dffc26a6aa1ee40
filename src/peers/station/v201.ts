import type WebSocket from 'ws';
import type { ActionOutcome, ManualAction } from '../../engine/adapter.js';
import { dialAsStation, RpcError, RpcPeer, type Payload } from '../rpc.js';
import type { FaultInfo, ReferencePeer, StationPeerModule, StationPeerOptions } from '../types.js';
import { DeviceModel201, type ComponentRef, type VariableRef } from './v201/device-model.js';

/** Faults of the 2.0.1 reference station: each breaks exactly one behaviour. */
export const STATION_201_FAULTS: FaultInfo[] = [
  { name: 'boot-invalid-reason', description: 'BootNotification carries reason "Booted", which is not a BootReasonEnumType value' },
  { name: 'pending-sends-status', description: 'while its boot is Pending the station already reports its connectors with StatusNotification' },
  { name: 'rejected-retry-early', description: 'after a Rejected boot the station retries BootNotification at once instead of waiting the interval' },
  { name: 'getvar-omits-value', description: 'GetVariables results with status Accepted carry no attributeValue' },
  { name: 'getvar-only-first', description: 'GetVariables answers only the first requested variable' },
  { name: 'getvar-unknown-component-misreported', description: 'GetVariables reports an unknown component as UnknownVariable' },
  { name: 'setvar-not-applied', description: 'SetVariables answers Accepted but does not store the new value' },
  { name: 'setvar-only-first', description: 'SetVariables answers only the first variable of the request' },
  { name: 'setvar-readonly-accepted', description: 'SetVariables on a read-only variable answers Accepted instead of Rejected' },
  { name: 'reset-wrong-boot-reason', description: 'after a Reset requested by the CSMS the station boots with reason PowerUp instead of RemoteReset' },
  { name: 'reset-onidle-immediate', description: 'Reset OnIdle during a transaction is answered Accepted and performed at once, ending the transaction' },
  { name: 'reset-immediate-no-tx-end', description: 'Reset Immediate during a transaction reboots without sending TransactionEvent Ended' },
  { name: 'tx-started-no-idtoken', description: 'TransactionEvent Started of a locally authorized transaction carries no idToken' },
  { name: 'auth-first-forgets-token', description: 'a token authorized before the cable is plugged in is forgotten: plugging in starts no transaction' },
  { name: 'local-stop-ignored', description: 'presenting the token that started the transaction again does not stop it' },
  { name: 'unplug-wrong-stopped-reason', description: 'a transaction ended by unplugging the cable reports stoppedReason Local instead of EVDisconnected' },
  { name: 'txstatus-not-ongoing', description: 'GetTransactionStatus reports ongoingIndicator false for the running transaction' },
  { name: 'remote-start-no-remotestartid', description: 'TransactionEvent Started of a remotely started transaction omits remoteStartId' },
  { name: 'remote-start-skips-authorize', description: 'RequestStartTransaction starts without Authorize even though AuthorizeRemoteStart is true' },
  { name: 'remote-start-authorizes-anyway', description: 'RequestStartTransaction sends Authorize even though AuthorizeRemoteStart is false' },
  { name: 'remote-stop-wrong-trigger', description: 'a transaction stopped by RequestStopTransaction reports triggerReason StopAuthorized instead of RemoteStop' },
  { name: 'remote-stop-unknown-accepted', description: 'RequestStopTransaction for an unknown transactionId is answered Accepted' },
  { name: 'trigger-heartbeat-ignored', description: 'TriggerMessage Heartbeat is Accepted but no Heartbeat follows' },
  { name: 'trigger-status-wrong-evse', description: 'a triggered StatusNotification names evse 0 / connector 0 instead of the requested connector' },
  { name: 'trigger-metervalues-wrong-context', description: 'triggered MeterValues use reading context Sample.Periodic instead of Trigger' },
  { name: 'trigger-boot-when-accepted', description: 'TriggerMessage BootNotification is Accepted although the boot was already accepted' },
  { name: 'trigger-unsupported-accepted', description: 'TriggerMessage for a message the station does not implement is answered Accepted' },
  { name: 'availability-evse-no-status', description: 'an EVSE made Inoperative is not reported Unavailable with StatusNotification' },
  { name: 'availability-evse-stays-unavailable', description: 'an EVSE made Operative again stays Unavailable' },
  { name: 'availability-station-rejected', description: 'ChangeAvailability for the whole station (no evse) is Rejected' },
  { name: 'availability-station-operative-no-status', description: 'making the whole station Operative again reports no StatusNotification Available' },
  { name: 'availability-connector-rejected', description: 'ChangeAvailability for a single connector is Rejected' },
  { name: 'availability-tx-not-scheduled', description: 'ChangeAvailability Inoperative during a transaction is applied at once (Accepted) instead of Scheduled' },
  { name: 'aligned-wrong-context', description: 'clock-aligned MeterValues outside a transaction use reading context Sample.Periodic' },
  { name: 'aligned-tx-wrong-trigger', description: 'clock-aligned values during a transaction are sent with triggerReason MeterValuePeriodic' },
  { name: 'periodic-wrong-context', description: 'periodic transaction meter values use reading context Sample.Clock instead of Sample.Periodic' },
  { name: 'started-no-metervalue', description: 'TransactionEvent Started carries no Transaction.Begin meter value' },
  { name: 'ended-no-metervalue', description: 'TransactionEvent Ended carries no Transaction.End meter value' },
];

type BootState = 'offline' | 'booting' | 'pending' | 'rejected' | 'accepted';
type Scope = 'station' | 'evse' | 'connector';

interface IdToken {
  idToken: string;
  type: string;
}

interface Tx {
  id: string;
  seqNo: number;
  idToken: IdToken;
  remoteStartId?: number;
}

interface PendingStart {
  idToken: IdToken;
  remoteStartId?: number;
  origin: 'local' | 'remote';
  timer: NodeJS.Timeout;
}

/** Charging power of the simulated EV, W. */
const POWER_W = 7400;

/**
 * The 2.0.1 reference charging station: one EVSE with one connector (ids from the config),
 * TxStartPoint/TxStopPoint PowerPathClosed, driven by its config, its device model and its own
 * state only. Manual actions (plug in, unplug, present token, reboot) arrive via perform().
 */
export class ReferenceStation201 implements ReferencePeer {
  private rpc: RpcPeer | undefined;
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closing = new WeakSet<RpcPeer>();
  private readonly dm: DeviceModel201;

  private bootState: BootState = 'offline';
  private bootReason = 'PowerUp';
  private everAccepted = false;
  private bootRetry: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private alignedTimer: NodeJS.Timeout | undefined;
  private periodicTimer: NodeJS.Timeout | undefined;

  private plugged = false;
  private readonly operative: Record<Scope, boolean> = { station: true, evse: true, connector: true };
  private scheduledAvailability: { scope: Scope; operative: boolean }[] = [];
  private resetScheduled = false;
  private reportedStatus: string | undefined;
  private tx: Tx | undefined;
  /** A transaction cut off by a power loss, ended once the station is back. */
  private lostTx: Tx | undefined;
  private pendingStart: PendingStart | undefined;

  /**
   * Local interactions (manual actions, a remote start waiting for its authorization) run one
   * after the other: each waits until the OCPP exchange the previous one started is settled.
   */
  private flow: Promise<void> = Promise.resolve();

  private energyWh = 10_000;
  private chargingSince: number | undefined;

  constructor(private readonly o: StationPeerOptions) {
    this.dm = new DeviceModel201(60);
  }

  private get evseId(): number {
    return this.o.config.ids.evseId;
  }

  private get connectorId(): number {
    return this.o.config.ids.connectorId;
  }

  private fault(name: string): boolean {
    return this.o.faults.has(name);
  }

  private now(ms = this.o.clock.now()): string {
    return new Date(ms).toISOString();
  }

  /** Queues a local interaction behind the ones still in progress. */
  private serialize(fn: () => void | Promise<void>): void {
    const run = () => (this.stopped ? undefined : fn());
    this.flow = this.flow.then(run).catch((err: Error) => this.o.log?.(`local flow failed: ${err.message}`));
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, Math.max(0, ms));
    this.timers.add(t);
    return t;
  }

  private cancel(t: NodeJS.Timeout | undefined): void {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  // ---- connection and boot --------------------------------------------------------------

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let ws: WebSocket;
    try {
      ws = await dialAsStation({ target: this.o.target, identity: this.o.identity, version: this.o.version, basicAuthPassword: this.o.basicAuthPassword, timeoutMs: this.o.config.timeouts.connectMs });
    } catch (err) {
      this.o.log?.(`connect failed: ${(err as Error).message}`);
      this.later(500, () => void this.connect());
      return;
    }
    if (this.stopped) {
      ws.terminate();
      return;
    }
    const rpc = new RpcPeer(ws, { version: this.o.version, validator: this.o.validator, ids: this.o.ids, callTimeoutMs: this.o.config.timeouts.messageMs * 5 });
    this.rpc = rpc;
    this.installHandlers(rpc);
    rpc.onClose(() => {
      if (this.rpc !== rpc) return;
      this.rpc = undefined;
      if (this.stopped || this.closing.has(rpc)) return;
      // Connection lost without a reboot: reconnect; a station that was accepted does not boot again.
      this.later(500, () => void this.connect());
    });
    if (this.everAccepted && this.bootState === 'accepted') {
      this.reportStatus(true);
      return;
    }
    void this.boot(rpc, this.bootReason);
  }

  private async boot(rpc: RpcPeer, reason: string): Promise<void> {
    this.cancel(this.bootRetry);
    this.bootRetry = undefined;
    if (this.bootState !== 'pending' && this.bootState !== 'rejected') this.bootState = 'booting';
    let res: Payload;
    try {
      res = await rpc.call('BootNotification', {
        reason: this.fault('boot-invalid-reason') ? 'Booted' : reason,
        chargingStation: { model: 'RefStation', vendorName: 'ocpp-harness', firmwareVersion: '1.0.0', serialNumber: 'REF-201-0001' },
      });
    } catch (err) {
      this.o.log?.(`boot failed: ${(err as Error).message}`);
      return;
    }
    if (this.rpc !== rpc || this.stopped) return;
    const intervalS = Number.isInteger(res.interval) && (res.interval as number) > 0 ? (res.interval as number) : this.o.config.timeouts.bootRetryIntervalS;
    if (res.status === 'Accepted') {
      this.bootState = 'accepted';
      this.everAccepted = true;
      this.dm.put('OCPPCommCtrlr', 'HeartbeatInterval', String(intervalS));
      this.reportStatus(true);
      this.restartHeartbeat();
      this.restartAligned();
      if (this.lostTx) {
        const lost = this.lostTx;
        this.lostTx = undefined;
        this.send('TransactionEvent', {
          eventType: 'Ended',
          timestamp: this.now(),
          triggerReason: 'AbnormalCondition',
          seqNo: lost.seqNo++,
          transactionInfo: { transactionId: lost.id, chargingState: this.plugged ? 'EVConnected' : 'Idle', stoppedReason: 'PowerLoss' },
          evse: { id: this.evseId, connectorId: this.connectorId },
        });
      }
      return;
    }
    if (res.status === 'Pending') {
      this.bootState = 'pending';
      if (this.fault('pending-sends-status')) this.reportStatus(true, true);
    } else {
      this.bootState = 'rejected';
    }
    // Pending or Rejected: nothing else is sent; the boot is retried after the interval.
    const retryMs = this.bootState === 'rejected' && this.fault('rejected-retry-early') ? 50 : intervalS * 1000;
    this.bootRetry = this.later(retryMs, () => {
      if (this.rpc === rpc && this.bootState !== 'accepted') void this.boot(rpc, reason);
    });
  }

  /** Power cycle or CSMS reset: everything stops, the socket closes, the station boots again. */
  private reboot(reason: string): void {
    this.stopActivity();
    if (this.tx) {
      this.stopCharging();
      this.lostTx = reason === 'PowerUp' ? this.tx : undefined;
      this.tx = undefined;
    }
    this.resetScheduled = false;
    this.bootState = 'offline';
    this.bootReason = reason;
    this.reportedStatus = undefined;
    const rpc = this.rpc;
    this.rpc = undefined;
    if (rpc) {
      this.closing.add(rpc);
      rpc.close(1000);
    }
    this.later(100, () => void this.connect());
  }

  private stopActivity(): void {
    for (const t of [this.bootRetry, this.heartbeatTimer, this.alignedTimer, this.periodicTimer, this.pendingStart?.timer]) this.cancel(t);
    this.bootRetry = this.heartbeatTimer = this.alignedTimer = this.periodicTimer = undefined;
    this.pendingStart = undefined;
  }

  /** Sends a call; outside an accepted registration only when `anyState` (triggered messages). */
  private send(action: string, payload: Payload, anyState = false): Promise<Payload | undefined> {
    const rpc = this.rpc;
    if (!rpc || rpc.closed) return Promise.resolve(undefined);
    if (this.bootState !== 'accepted' && !anyState) return Promise.resolve(undefined);
    return rpc.call(action, payload).catch((err: Error) => {
      this.o.log?.(`${action} failed: ${err.message}`);
      return undefined;
    });
  }

  private restartHeartbeat(): void {
    this.cancel(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    const s = this.dm.int('OCPPCommCtrlr', 'HeartbeatInterval');
    if (s <= 0) return;
    const beat = () => {
      this.heartbeatTimer = this.later(s * 1000, beat);
      void this.send('Heartbeat', {});
    };
    this.heartbeatTimer = this.later(s * 1000, beat);
  }

  // ---- connector status and availability ------------------------------------------------

  private isOperative(): boolean {
    return this.operative.station && this.operative.evse && this.operative.connector;
  }

  private connectorStatus(): string {
    if (!this.isOperative() && !this.tx) return 'Unavailable';
    return this.plugged ? 'Occupied' : 'Available';
  }

  private statusPayload(): Payload {
    return { timestamp: this.now(), connectorStatus: this.connectorStatus(), evseId: this.evseId, connectorId: this.connectorId };
  }

  /** Reports the connector when its status changed (or always, with `force`). */
  private reportStatus(force = false, anyState = false): void {
    const s = this.connectorStatus();
    if (!force && s === this.reportedStatus) return;
    this.reportedStatus = s;
    void this.send('StatusNotification', this.statusPayload(), anyState);
  }

  private applyAvailability(scope: Scope, operative: boolean): void {
    if (scope === 'evse' && operative && this.fault('availability-evse-stays-unavailable')) return;
    this.operative[scope] = operative;
    const silent =
      (scope === 'evse' && !operative && this.fault('availability-evse-no-status')) ||
      (scope === 'station' && operative && this.fault('availability-station-operative-no-status'));
    if (silent) {
      this.reportedStatus = this.connectorStatus();
      return;
    }
    this.reportStatus();
  }

  // ---- metering ------------------------------------------------------------------------

  private meterWh(): number {
    const extra = this.chargingSince === undefined ? 0 : ((this.o.clock.now() - this.chargingSince) * POWER_W) / 3_600_000;
    return Math.round((this.energyWh + extra) * 10) / 10;
  }

  private startCharging(): void {
    if (this.chargingSince === undefined) this.chargingSince = this.o.clock.now();
  }

  private stopCharging(): void {
    this.energyWh = this.meterWh();
    this.chargingSince = undefined;
  }

  private meterValue(context: string, measurands: string[], at = this.o.clock.now()): Payload {
    return {
      timestamp: this.now(at),
      sampledValue: measurands.map((m) => ({
        value: m === 'Power.Active.Import' ? (this.chargingSince === undefined ? 0 : POWER_W) : this.meterWh(),
        context,
        measurand: m,
        unitOfMeasure: { unit: m === 'Power.Active.Import' ? 'W' : 'Wh' },
      })),
    };
  }

  private restartAligned(): void {
    this.cancel(this.alignedTimer);
    this.alignedTimer = undefined;
    const s = this.dm.int('AlignedDataCtrlr', 'Interval');
    if (s <= 0 || this.bootState !== 'accepted') return;
    const step = s * 1000;
    const schedule = () => {
      const now = this.o.clock.now();
      const next = Math.floor(now / step) * step + step;
      this.alignedTimer = this.later(next - now, () => {
        schedule();
        this.sendAligned(next);
      });
    };
    schedule();
  }

  private sendAligned(at: number): void {
    const measurands = this.dm.list('AlignedDataCtrlr', 'Measurands');
    if (this.tx) {
      if (this.dm.bool('AlignedDataCtrlr', 'SendDuringIdle')) return;
      this.txEvent('Updated', this.fault('aligned-tx-wrong-trigger') ? 'MeterValuePeriodic' : 'MeterValueClock', { meterValue: [this.meterValue('Sample.Clock', measurands, at)] });
      return;
    }
    const context = this.fault('aligned-wrong-context') ? 'Sample.Periodic' : 'Sample.Clock';
    void this.send('MeterValues', { evseId: this.evseId, meterValue: [this.meterValue(context, measurands, at)] });
  }

  private restartPeriodic(): void {
    this.cancel(this.periodicTimer);
    this.periodicTimer = undefined;
    const s = this.dm.int('SampledDataCtrlr', 'TxUpdatedInterval');
    if (s <= 0 || !this.tx) return;
    const tick = () => {
      this.periodicTimer = this.later(s * 1000, tick);
      if (!this.tx) return;
      const context = this.fault('periodic-wrong-context') ? 'Sample.Clock' : 'Sample.Periodic';
      this.txEvent('Updated', 'MeterValuePeriodic', { meterValue: [this.meterValue(context, this.dm.list('SampledDataCtrlr', 'TxUpdatedMeasurands'))] });
    };
    this.periodicTimer = this.later(s * 1000, tick);
  }

  // ---- transactions --------------------------------------------------------------------

  private txEvent(eventType: 'Started' | 'Updated' | 'Ended', triggerReason: string, extra: Payload = {}, tx = this.tx): Promise<Payload | undefined> {
    if (!tx) return Promise.resolve(undefined);
    const chargingState = eventType === 'Ended' ? (this.plugged ? 'EVConnected' : 'Idle') : 'Charging';
    const { transactionInfo, ...rest } = extra;
    return this.send('TransactionEvent', {
      eventType,
      timestamp: this.now(),
      triggerReason,
      seqNo: tx.seqNo++,
      transactionInfo: { transactionId: tx.id, chargingState, ...(transactionInfo ?? {}) },
      ...rest,
    });
  }

  private startTx(triggerReason: string, idToken: IdToken, remoteStartId?: number): void {
    if (this.pendingStart) this.cancel(this.pendingStart.timer);
    this.pendingStart = undefined;
    const tx: Tx = { id: this.o.ids.next(), seqNo: 0, idToken, remoteStartId };
    this.tx = tx;
    const transactionInfo: Payload = {};
    if (remoteStartId !== undefined && !this.fault('remote-start-no-remotestartid')) transactionInfo.remoteStartId = remoteStartId;
    const extra: Payload = { transactionInfo, evse: { id: this.evseId, connectorId: this.connectorId } };
    if (!this.fault('tx-started-no-idtoken') || remoteStartId !== undefined) extra.idToken = idToken;
    if (!this.fault('started-no-metervalue')) extra.meterValue = [this.meterValue('Transaction.Begin', this.dm.list('SampledDataCtrlr', 'TxStartedMeasurands'))];
    void this.txEvent('Started', triggerReason, extra);
    this.startCharging();
    this.restartPeriodic();
  }

  /** Ends the running transaction; resolves once the CSMS answered the Ended event. */
  private async endTx(triggerReason: string, stoppedReason: string): Promise<void> {
    const tx = this.tx;
    if (!tx) return;
    this.stopCharging();
    this.cancel(this.periodicTimer);
    this.periodicTimer = undefined;
    this.tx = undefined;
    const extra: Payload = { transactionInfo: { stoppedReason } };
    if (!this.fault('ended-no-metervalue')) extra.meterValue = [this.meterValue('Transaction.End', this.dm.list('SampledDataCtrlr', 'TxEndedMeasurands'))];
    const sent = this.txEvent('Ended', triggerReason, extra, tx);
    this.reportStatus();
    await sent;
    this.afterTxEnded();
  }

  /** Idle again: apply what was scheduled for the end of the transaction. */
  private afterTxEnded(): void {
    if (this.tx || this.stopped) return;
    const scheduled = this.scheduledAvailability;
    this.scheduledAvailability = [];
    for (const s of scheduled) this.applyAvailability(s.scope, s.operative);
    if (this.resetScheduled) this.reboot('RemoteReset');
  }

  private awaitCable(idToken: IdToken, origin: 'local' | 'remote', remoteStartId?: number): void {
    if (this.pendingStart) this.cancel(this.pendingStart.timer);
    const timeoutS = this.dm.int('TxCtrlr', 'EVConnectionTimeOut');
    const timer = this.later(timeoutS * 1000, () => {
      if (this.pendingStart?.timer === timer) this.pendingStart = undefined;
    });
    this.pendingStart = { idToken, origin, remoteStartId, timer };
  }

  private async presentIdToken(idToken: IdToken): Promise<void> {
    if (this.bootState !== 'accepted') return;
    if (this.tx) {
      if (this.tx.idToken.idToken === idToken.idToken && this.tx.idToken.type === idToken.type) {
        // The same token again: the driver ends the session locally (no new authorization needed).
        if (!this.fault('local-stop-ignored')) await this.endTx('StopAuthorized', 'Local');
        return;
      }
      await this.send('Authorize', { idToken });
      return;
    }
    if (!this.isOperative()) return;
    const res = await this.send('Authorize', { idToken });
    if (res?.idTokenInfo?.status !== 'Accepted' || this.tx) return;
    if (this.plugged) this.startTx('Authorized', idToken);
    else this.awaitCable(idToken, 'local');
  }

  private async remoteStart(idToken: IdToken, remoteStartId: number): Promise<void> {
    const authorize = this.dm.bool('AuthCtrlr', 'AuthorizeRemoteStart') ? !this.fault('remote-start-skips-authorize') : this.fault('remote-start-authorizes-anyway');
    if (authorize) {
      const res = await this.send('Authorize', { idToken });
      if (res?.idTokenInfo?.status !== 'Accepted') return;
    }
    if (this.tx) return;
    if (this.plugged) this.startTx('RemoteStart', idToken, remoteStartId);
    else this.awaitCable(idToken, 'remote', remoteStartId);
  }

  private plugIn(): void {
    this.plugged = true;
    this.reportStatus();
    const p = this.pendingStart;
    if (!p || this.tx) return;
    this.cancel(p.timer);
    this.pendingStart = undefined;
    if (p.origin === 'local' && this.fault('auth-first-forgets-token')) return;
    this.startTx('CablePluggedIn', p.idToken, p.remoteStartId);
  }

  private unplug(): void {
    this.plugged = false;
    if (this.tx) {
      void this.endTx('EVCommunicationLost', this.fault('unplug-wrong-stopped-reason') ? 'Local' : 'EVDisconnected');
      return;
    }
    this.reportStatus();
  }

  // ---- CSMS-initiated messages ----------------------------------------------------------

  private installHandlers(rpc: RpcPeer): void {
    rpc.handle('GetVariables', (p) => this.getVariables(p));
    rpc.handle('SetVariables', (p) => this.setVariables(p));
    rpc.handle('Reset', (p) => this.reset(p));
    rpc.handle('RequestStartTransaction', (p) => this.requestStart(p));
    rpc.handle('RequestStopTransaction', (p) => this.requestStop(p));
    rpc.handle('ChangeAvailability', (p) => this.changeAvailability(p));
    rpc.handle('TriggerMessage', (p) => this.triggerMessage(rpc, p));
    rpc.handle('GetTransactionStatus', (p) => this.getTransactionStatus(p));
  }

  private checkItems(items: unknown[], instance: string): void {
    const max = Number.parseInt(this.dm.get('DeviceDataCtrlr', 'ItemsPerMessage', instance), 10);
    if (items.length > max) throw new RpcError('OccurrenceConstraintViolation', `at most ${max} items per ${instance} request`);
  }

  private getVariables(p: Payload): Payload {
    const items = p.getVariableData as { component: ComponentRef; variable: VariableRef; attributeType?: string }[];
    this.checkItems(items, 'GetVariables');
    let results: Payload[] = items.map((item) => {
      const base: Payload = { component: item.component, variable: item.variable };
      if (item.attributeType !== undefined) base.attributeType = item.attributeType;
      const found = this.dm.lookup(item.component, item.variable);
      if (found.kind === 'UnknownComponent') return { ...base, attributeStatus: this.fault('getvar-unknown-component-misreported') ? 'UnknownVariable' : 'UnknownComponent' };
      if (found.kind === 'UnknownVariable') return { ...base, attributeStatus: 'UnknownVariable' };
      if ((item.attributeType ?? 'Actual') !== 'Actual') return { ...base, attributeStatus: 'NotSupportedAttributeType' };
      const r: Payload = { ...base, attributeStatus: 'Accepted', attributeValue: found.def.value };
      if (this.fault('getvar-omits-value')) delete r.attributeValue;
      return r;
    });
    if (this.fault('getvar-only-first')) results = results.slice(0, 1);
    return { getVariableResult: results };
  }

  private setVariables(p: Payload): Payload {
    const items = p.setVariableData as { component: ComponentRef; variable: VariableRef; attributeType?: string; attributeValue: string }[];
    this.checkItems(items, 'SetVariables');
    const changed = new Set<string>();
    let results: Payload[] = items.map((item) => {
      const base: Payload = { component: item.component, variable: item.variable };
      if (item.attributeType !== undefined) base.attributeType = item.attributeType;
      const found = this.dm.lookup(item.component, item.variable);
      if (found.kind !== 'found') return { ...base, attributeStatus: found.kind };
      if ((item.attributeType ?? 'Actual') !== 'Actual') return { ...base, attributeStatus: 'NotSupportedAttributeType' };
      const def = found.def;
      if (def.mutability === 'ReadOnly') {
        return this.fault('setvar-readonly-accepted') ? { ...base, attributeStatus: 'Accepted' } : { ...base, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'ReadOnly' } };
      }
      if (!this.dm.valid(def, item.attributeValue)) return { ...base, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'InvalidValue' } };
      if (!this.fault('setvar-not-applied')) {
        def.value = item.attributeValue;
        changed.add(`${def.component}.${def.variable}`);
      }
      return { ...base, attributeStatus: 'Accepted' };
    });
    if (this.fault('setvar-only-first')) results = results.slice(0, 1);
    // New intervals take effect at once (these only re-arm timers; nothing is sent here).
    if (changed.has('OCPPCommCtrlr.HeartbeatInterval')) this.restartHeartbeat();
    if (changed.has('AlignedDataCtrlr.Interval')) this.restartAligned();
    if (changed.has('SampledDataCtrlr.TxUpdatedInterval')) this.restartPeriodic();
    return { setVariableResult: results };
  }

  private reset(p: Payload): Payload {
    if (p.evseId !== undefined) return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRequest', additionalInfo: 'EVSE reset is not supported' } };
    const reason = this.fault('reset-wrong-boot-reason') ? 'PowerUp' : 'RemoteReset';
    if (!this.tx) {
      this.later(0, () => this.reboot(reason));
      return { status: 'Accepted' };
    }
    if (p.type === 'OnIdle' && !this.fault('reset-onidle-immediate')) {
      this.resetScheduled = true;
      return { status: 'Scheduled' };
    }
    this.later(0, () => {
      void (async () => {
        if (!this.fault('reset-immediate-no-tx-end')) await this.endTx('ResetCommand', 'ImmediateReset');
        if (!this.stopped) this.reboot(reason);
      })();
    });
    return { status: 'Accepted' };
  }

  private requestStart(p: Payload): Payload {
    const rejected = (why: string): Payload => ({ status: 'Rejected', statusInfo: { reasonCode: why } });
    if (this.bootState !== 'accepted') return rejected('NotRegistered');
    if (p.evseId !== undefined && p.evseId !== this.evseId) return rejected('UnknownEvse');
    if (this.tx || this.pendingStart) return rejected('TxInProgress');
    if (!this.isOperative()) return rejected('Unavailable');
    const idToken = { idToken: p.idToken.idToken as string, type: p.idToken.type as string };
    this.later(0, () => this.serialize(() => this.remoteStart(idToken, p.remoteStartId as number)));
    return { status: 'Accepted' };
  }

  private requestStop(p: Payload): Payload {
    if (!this.tx || this.tx.id !== p.transactionId) {
      return this.fault('remote-stop-unknown-accepted') ? { status: 'Accepted' } : { status: 'Rejected', statusInfo: { reasonCode: 'UnknownTransaction' } };
    }
    const trigger = this.fault('remote-stop-wrong-trigger') ? 'StopAuthorized' : 'RemoteStop';
    this.later(0, () => void this.endTx(trigger, 'Remote'));
    return { status: 'Accepted' };
  }

  private changeAvailability(p: Payload): Payload {
    const operative = p.operationalStatus === 'Operative';
    const evse = p.evse as { id: number; connectorId?: number } | undefined;
    let scope: Scope;
    if (!evse || evse.id === 0) {
      if (this.fault('availability-station-rejected')) return { status: 'Rejected' };
      scope = 'station';
    } else if (evse.id !== this.evseId) {
      return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } };
    } else if (evse.connectorId === undefined) {
      scope = 'evse';
    } else if (evse.connectorId !== this.connectorId) {
      return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownConnector' } };
    } else {
      if (this.fault('availability-connector-rejected')) return { status: 'Rejected' };
      scope = 'connector';
    }
    this.scheduledAvailability = this.scheduledAvailability.filter((s) => s.scope !== scope);
    if (this.tx && !operative && !this.fault('availability-tx-not-scheduled')) {
      this.scheduledAvailability.push({ scope, operative });
      return { status: 'Scheduled' };
    }
    this.later(0, () => {
      if (this.tx && !operative) {
        // Applied during a transaction (only when broken): the connector is reported Unavailable.
        this.operative[scope] = operative;
        this.reportedStatus = 'Unavailable';
        void this.send('StatusNotification', { ...this.statusPayload(), connectorStatus: 'Unavailable' });
        return;
      }
      this.applyAvailability(scope, operative);
    });
    return { status: 'Accepted' };
  }

  private evseMatches(evse: { id: number; connectorId?: number } | undefined): boolean {
    if (!evse) return true;
    return evse.id === this.evseId && (evse.connectorId === undefined || evse.connectorId === this.connectorId);
  }

  private triggerMessage(rpc: RpcPeer, p: Payload): Payload {
    const evse = p.evse as { id: number; connectorId?: number } | undefined;
    const accepted: Payload = { status: 'Accepted' };
    const rejected: Payload = { status: 'Rejected' };
    switch (p.requestedMessage as string) {
      case 'BootNotification':
        if (this.bootState === 'accepted' && !this.fault('trigger-boot-when-accepted')) return rejected;
        this.later(0, () => void this.boot(rpc, 'Triggered'));
        return accepted;
      case 'Heartbeat':
        if (!this.fault('trigger-heartbeat-ignored')) this.later(0, () => void this.send('Heartbeat', {}, true));
        return accepted;
      case 'StatusNotification':
        if (!this.evseMatches(evse)) return rejected;
        this.later(0, () => {
          const payload = this.statusPayload();
          if (this.fault('trigger-status-wrong-evse')) Object.assign(payload, { evseId: 0, connectorId: 0 });
          void this.send('StatusNotification', payload, true);
        });
        return accepted;
      case 'MeterValues':
        if (!this.evseMatches(evse)) return rejected;
        this.later(0, () => {
          const context = this.fault('trigger-metervalues-wrong-context') ? 'Sample.Periodic' : 'Trigger';
          void this.send('MeterValues', { evseId: this.evseId, meterValue: [this.meterValue(context, this.dm.list('AlignedDataCtrlr', 'Measurands'))] }, true);
        });
        return accepted;
      case 'TransactionEvent':
        if (!this.evseMatches(evse) || !this.tx) return rejected;
        this.later(0, () => void this.txEvent('Updated', 'Trigger', { meterValue: [this.meterValue('Trigger', this.dm.list('SampledDataCtrlr', 'TxUpdatedMeasurands'))] }));
        return accepted;
      case 'LogStatusNotification':
        this.later(0, () => void this.send('LogStatusNotification', { status: 'Idle' }, true));
        return accepted;
      case 'FirmwareStatusNotification':
        this.later(0, () => void this.send('FirmwareStatusNotification', { status: 'Idle' }, true));
        return accepted;
      default:
        return this.fault('trigger-unsupported-accepted') ? accepted : { status: 'NotImplemented' };
    }
  }

  private getTransactionStatus(p: Payload): Payload {
    if (p.transactionId === undefined) return { messagesInQueue: false };
    const ongoing = this.tx?.id === p.transactionId && !this.fault('txstatus-not-ongoing');
    return { ongoingIndicator: ongoing, messagesInQueue: false };
  }

  // ---- manual actions ------------------------------------------------------------------

  async perform(action: ManualAction): Promise<ActionOutcome> {
    const params = action.params;
    const onOurConnector = () =>
      (params.evseId === undefined || params.evseId === this.evseId) && (params.connectorId === undefined || params.connectorId === this.connectorId);
    switch (action.action) {
      case 'plugIn':
        if (!onOurConnector()) return { done: false, reason: `the reference station has no evse ${String(params.evseId)} connector ${String(params.connectorId)}` };
        if (this.plugged) return { done: false, reason: 'a cable is plugged in already' };
        this.serialize(() => this.plugIn());
        return { done: true };
      case 'unplug':
        if (!onOurConnector()) return { done: false, reason: `the reference station has no evse ${String(params.evseId)} connector ${String(params.connectorId)}` };
        if (!this.plugged) return { done: false, reason: 'no cable is plugged in' };
        this.serialize(() => this.unplug());
        return { done: true };
      case 'presentIdToken': {
        if (typeof params.idToken !== 'string') return { done: false, reason: 'presentIdToken needs an idToken' };
        if (params.evseId !== undefined && params.evseId !== this.evseId) return { done: false, reason: `the reference station has no evse ${String(params.evseId)}` };
        const token = { idToken: params.idToken, type: typeof params.type === 'string' ? params.type : 'ISO14443' };
        this.serialize(() => this.presentIdToken(token));
        return { done: true };
      }
      case 'reboot':
        this.serialize(() => this.reboot('PowerUp'));
        return { done: true };
      default:
        return { done: false, reason: `the reference station cannot perform "${action.action}"` };
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const rpc = this.rpc;
    this.rpc = undefined;
    if (rpc) {
      this.closing.add(rpc);
      rpc.close();
    }
  }
}

export const station201: StationPeerModule = {
  version: '2.0.1',
  faults: STATION_201_FAULTS,
  async start(opts) {
    const s = new ReferenceStation201(opts);
    await s.start();
    return s;
  },
};
