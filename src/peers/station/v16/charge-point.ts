import type { ActionOutcome, ManualAction } from '../../../engine/adapter.js';
import { serializeError, serializeResult } from '../../../protocol/framing.js';
import { RpcPeer, type Payload } from '../../rpc.js';
import type { ReferencePeer, StationPeerOptions } from '../../types.js';
import { ConfigStore, isValidValue } from './config-keys.js';
import { dialCentralSystem16, type Dialed16 } from './dial.js';

type Status = 'Available' | 'Preparing' | 'Charging' | 'SuspendedEVSE' | 'SuspendedEV' | 'Finishing' | 'Reserved' | 'Unavailable' | 'Faulted';
type BootState = 'offline' | 'booting' | 'pending' | 'rejected' | 'accepted';

interface Transaction {
  transactionId: number;
  idTag: string;
  meterStart: number;
  startedAt: number;
}

interface Connector {
  id: number;
  status: Status;
  operative: boolean;
  /** Inoperative requested while a transaction ran: applied when it ends. */
  scheduledInoperative: boolean;
  plugged: boolean;
  /** An idTag authorized (locally or by RemoteStartTransaction) waiting for the cable. */
  authorized?: { idTag: string; remote: boolean; timer?: NodeJS.Timeout };
  tx?: Transaction;
  /** A StartTransaction is in flight. */
  starting: boolean;
  /** Energy register in Wh when no transaction runs. */
  energyWh: number;
  sampleTimer?: NodeJS.Timeout;
}

/** Charging power of the simulated EV, for the energy register. */
const WH_PER_SECOND = 3;
/** Delay between answering a CALL and the messages it causes, so the answer goes out first. */
const AFTER_REPLY_MS = 5;
const RECONNECT_MS = 100;
/** How many inbound CALL message ids a connection remembers to detect reuse. */
const SEEN_IDS = 1000;

type Handler16 = (p: Payload) => Payload | Promise<Payload>;

/** Per-connection bookkeeping below the RPC layer. */
interface Link16 {
  /** Message ids of CALLs received on this connection (oldest first), to refuse reuse. */
  seen: Set<string>;
  /** Ids of our own CALLs that have not been answered yet. */
  pending: Set<string>;
}

const isObject = (v: unknown): v is Payload => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The 1.6 reference charge point: a conformant OCPP 1.6J charge point for the catalogue's
 * messages, driven by its config and own state only. Manual actions (plug in, present idTag,
 * unplug, reboot) arrive through perform() and return as soon as they are started.
 */
export class ReferenceChargePoint16 implements ReferencePeer {
  private rpc: RpcPeer | undefined;
  private stopped = false;
  private rebooting = false;
  private bootState: BootState = 'offline';
  private readonly timers = new Set<NodeJS.Timeout>();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private readonly connectors: Connector[];
  private readonly cfg: ConfigStore;
  /** Transactions cut off by a power loss, reported once the next boot is accepted. */
  private readonly unsentStops: Payload[] = [];
  /** The handlers of central-system initiated actions, by action name. */
  private readonly handlers = new Map<string, Handler16>();
  /** Own CALLs queued or in flight (any connection). */
  private outstanding = 0;

  constructor(private readonly o: StationPeerOptions) {
    const n = Math.max(1, o.config.ids.connectorId);
    this.connectors = Array.from({ length: n }, (_, i) => ({
      id: i + 1,
      status: 'Available' as Status,
      operative: true,
      scheduledInoperative: false,
      plugged: false,
      starting: false,
      energyWh: 10_000,
    }));
    this.cfg = new ConfigStore({
      AuthorizeRemoteTxRequests: 'false',
      ClockAlignedDataInterval: '0',
      ConnectionTimeOut: '60',
      ConnectorPhaseRotation: 'NotApplicable',
      GetConfigurationMaxKeys: '50',
      HeartbeatInterval: '3600',
      LocalAuthorizeOffline: 'false',
      LocalPreAuthorize: 'false',
      MeterValuesAlignedData: 'Energy.Active.Import.Register',
      MeterValuesSampledData: 'Energy.Active.Import.Register',
      MeterValueSampleInterval: String(o.config.ids.meterValueSampleIntervalS),
      NumberOfConnectors: String(n),
      ResetRetries: '1',
      StopTransactionOnEVSideDisconnect: 'true',
      StopTransactionOnInvalidId: 'true',
      StopTxnAlignedData: '',
      StopTxnSampledData: '',
      SupportedFeatureProfiles: 'Core,RemoteTrigger',
      TransactionMessageAttempts: '3',
      TransactionMessageRetryInterval: '60',
      UnlockConnectorOnEVSideDisconnect: 'true',
      WebSocketPingInterval: '0',
    });
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private fault(name: string): boolean {
    return this.o.faults.has(name);
  }

  private log(line: string): void {
    this.o.log?.(line);
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    // Work still finishing after stop() (an awaited send) must not keep the process alive.
    if (this.stopped) clearTimeout(t);
    else this.timers.add(t);
    return t;
  }

  private cancel(t: NodeJS.Timeout | undefined): void {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  private now(): string {
    return new Date(this.o.clock.now()).toISOString();
  }

  /** Sends a call on the current connection; undefined when offline or unanswered. */
  private async send(action: string, payload: Payload): Promise<Payload | undefined> {
    const rpc = this.rpc;
    if (!rpc || rpc.closed) return undefined;
    this.outstanding += 1;
    try {
      const res = await rpc.call(action, payload);
      // A response that violates its schema is logged and otherwise ignored where unusable.
      if (!this.o.validator.validate(action, 'response', res).valid) {
        this.log(`${action} response violates its schema: ${JSON.stringify(res).slice(0, 200)}`);
        if (this.fault('cp-drops-session-on-malformed-callresult')) rpc.close(1000);
      }
      return res;
    } catch (err) {
      this.log(`${action} failed: ${(err as Error).message}`);
      return undefined;
    } finally {
      this.outstanding -= 1;
    }
  }

  // ---- below the RPC layer ------------------------------------------------------------------

  /**
   * Sees every inbound frame before the RPC layer. Conformant part: a CALL whose message id was
   * already used on this connection is refused with a CALLERROR and not executed (OCPP-J 1.6
   * section 4.1.4). Everything else here happens only under a named fault.
   */
  private beforeRpc(rpc: RpcPeer, link: Link16, text: string, isBinary: boolean): boolean {
    if (isBinary) return false;
    if (this.fault('cp-crash-on-nul-in-string') && text.includes('\\u0000')) {
      this.log('fault: crashing on a NUL character');
      rpc.ws.terminate();
      return true;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (this.fault('cp-closes-on-invalid-json')) {
        rpc.close(1002);
        return true;
      }
      return false;
    }
    if (!Array.isArray(value)) return false;
    const [type, id, action, payload] = value as unknown[];
    if ((type === 3 || type === 4) && typeof id === 'string') {
      const ours = link.pending.delete(id);
      if (!ours && type === 3 && this.fault('cp-unsolicited-result-accepted') && this.bootState === 'pending' && isObject(value[2]) && value[2].status === 'Accepted') {
        this.log('fault: an unsolicited CALLRESULT taken as boot acceptance');
        this.bootState = 'accepted';
        void this.afterAccepted();
        return true;
      }
      return false;
    }
    const callShaped = typeof id === 'string' && id.length > 0 && typeof action === 'string' && isObject(payload);
    if (!callShaped) return false;
    if (type === 2 && value.length === 4) {
      if (id.length > 36) {
        if (!this.fault('cp-accepts-long-message-id')) return false;
        void this.looseDispatch(rpc, id, action, payload);
        return true;
      }
      if (this.fault('cp-ignores-calls-while-own-call-pending') && this.outstanding > 0) return true;
      if (link.seen.has(id) && !this.fault('cp-replayed-remote-start-twice')) {
        rpc.sendRaw(serializeError(id, 'GenericError', 'message id already used on this connection; the CALL is not executed again'));
        return true;
      }
      link.seen.add(id);
      if (link.seen.size > SEEN_IDS) link.seen.delete(link.seen.values().next().value as string);
      if (this.fault('cp-action-case-insensitive') && !this.handlers.has(action)) {
        const canonical = [...this.handlers.keys()].find((k) => k.toLowerCase() === action.trim().toLowerCase());
        if (canonical) {
          void this.looseDispatch(rpc, id, canonical, payload);
          return true;
        }
      }
      if (this.fault('cp-remote-start-skips-validation') && action === 'RemoteStartTransaction') {
        void this.looseDispatch(rpc, id, action, payload);
        return true;
      }
      return false;
    }
    if ((type === 2 && value.length > 4 && this.fault('cp-lenient-frame-arity')) || (type === 6 && value.length === 4 && this.fault('cp-executes-send-type-6'))) {
      void this.looseDispatch(rpc, id, action, payload);
      return true;
    }
    return false;
  }

  /** Faults only: runs a handler without the RPC layer's checks and answers with a CALLRESULT. */
  private async looseDispatch(rpc: RpcPeer, id: string, action: string, payload: Payload): Promise<void> {
    const handler = this.handlers.get(action);
    if (!handler) return rpc.sendRaw(serializeError(id, 'NotImplemented', `unknown action ${action}`));
    try {
      rpc.sendRaw(serializeResult(id, await handler(payload)));
    } catch (err) {
      rpc.sendRaw(serializeError(id, 'InternalError', (err as Error).message.slice(0, 255)));
    }
  }

  private connector(id: unknown): Connector | undefined {
    return typeof id === 'number' ? this.connectors.find((c) => c.id === id) : undefined;
  }

  private meterOf(c: Connector): number {
    if (!c.tx) return c.energyWh;
    return c.tx.meterStart + Math.floor(((this.o.clock.now() - c.tx.startedAt) / 1000) * WH_PER_SECOND);
  }

  // ---- connection and boot ----------------------------------------------------------------

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let dialed: Dialed16;
    try {
      dialed = await dialCentralSystem16({
        target: this.o.target,
        identity: this.o.identity,
        version: this.o.version,
        basicAuthPassword: this.o.basicAuthPassword,
        tls: this.o.tls,
        timeoutMs: this.o.config.timeouts.connectMs,
        acceptMissingSubprotocol: this.fault('cp-accepts-missing-subprotocol'),
      });
    } catch (err) {
      this.log(`connect failed: ${(err as Error).message}`);
      this.later(500, () => void this.connect());
      return;
    }
    const ws = dialed.ws;
    if (this.stopped) {
      ws.terminate();
      return;
    }
    const link: Link16 = { seen: new Set(), pending: new Set() };
    const ids = {
      next: () => {
        const id = this.o.ids.next();
        link.pending.add(id);
        return id;
      },
    };
    const rpc = new RpcPeer(ws, { version: this.o.version, validator: this.o.validator, ids, callTimeoutMs: this.o.config.timeouts.messageMs * 5 });
    this.rpc = rpc;
    this.installHandlers(rpc);
    rpc.intercept((text, isBinary) => this.beforeRpc(rpc, link, text, isBinary));
    dialed.flush();
    rpc.onClose(() => {
      if (this.rpc !== rpc) return;
      this.rpc = undefined;
      this.wentOffline();
      if (!this.rebooting) this.later(500, () => void this.connect());
    });
    this.bootState = 'booting';
    void this.boot(rpc);
  }

  private wentOffline(): void {
    this.bootState = 'offline';
    this.cancel(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private bootPayload(): Payload {
    return { chargePointVendor: 'ocpp-harness', chargePointModel: 'RefChargePoint16', chargePointSerialNumber: this.o.identity.slice(0, 25), firmwareVersion: '1.0.0' };
  }

  private async boot(rpc: RpcPeer): Promise<void> {
    if (this.rpc !== rpc || this.stopped) return;
    const res = await this.send('BootNotification', this.bootPayload());
    if (!res || this.rpc !== rpc) return;
    const interval = Number(res.interval) || 0;
    if (res.status === 'Accepted') {
      this.bootState = 'accepted';
      if (interval > 0) this.cfg.set('HeartbeatInterval', String(interval));
      await this.afterAccepted();
      return;
    }
    this.bootState = res.status === 'Pending' ? 'pending' : 'rejected';
    if (this.bootState === 'pending' && this.fault('boot-pending-no-retry')) return;
    const waitS = interval > 0 ? interval : this.o.config.timeouts.bootRetryIntervalS;
    this.later(waitS * 1000, () => void this.boot(rpc));
  }

  private async afterAccepted(): Promise<void> {
    if (!this.fault('boot-no-status-notification')) {
      await this.sendStatus(0);
      for (const c of this.connectors) await this.sendStatus(c.id);
    }
    this.restartHeartbeat();
    for (const stop of this.unsentStops.splice(0)) await this.send('StopTransaction', stop);
    for (const c of this.connectors) if (c.tx) this.restartSampling(c);
  }

  private restartHeartbeat(): void {
    this.cancel(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    const s = this.cfg.int('HeartbeatInterval');
    if (s <= 0 || this.bootState !== 'accepted') return;
    const beat = () => {
      this.heartbeatTimer = undefined;
      if (this.bootState !== 'accepted') return;
      void this.send('Heartbeat', {});
      this.heartbeatTimer = this.later(this.cfg.int('HeartbeatInterval') * 1000, beat);
    };
    this.heartbeatTimer = this.later(s * 1000, beat);
  }

  /** Drops the connection and boots again (Reset, power cycle). */
  private reboot(): void {
    this.rebooting = true;
    const rpc = this.rpc;
    this.rpc = undefined;
    this.wentOffline();
    for (const c of this.connectors) {
      this.cancel(c.sampleTimer);
      c.sampleTimer = undefined;
      this.cancel(c.authorized?.timer);
      c.authorized = undefined;
      c.starting = false;
      if (c.tx) {
        // Power lost with a transaction running: it ends now and is reported after the boot.
        this.unsentStops.push({ transactionId: c.tx.transactionId, idTag: c.tx.idTag, meterStop: this.meterOf(c), timestamp: this.now(), reason: 'PowerLoss' });
        c.energyWh = this.meterOf(c);
        c.tx = undefined;
      }
      if (c.scheduledInoperative) {
        c.operative = false;
        c.scheduledInoperative = false;
      }
      c.status = !c.operative ? 'Unavailable' : c.plugged ? 'Preparing' : 'Available';
    }
    rpc?.close(1000);
    this.later(RECONNECT_MS, () => {
      this.rebooting = false;
      void this.connect();
    });
  }

  // ---- status -----------------------------------------------------------------------------

  private statusOf(id: number): Status {
    if (id === 0) return this.connectors.every((c) => !c.operative) ? 'Unavailable' : 'Available';
    return this.connector(id)?.status ?? 'Available';
  }

  private async sendStatus(id: number): Promise<void> {
    if (this.bootState !== 'accepted') return;
    await this.send('StatusNotification', { connectorId: id, errorCode: 'NoError', status: this.statusOf(id), timestamp: this.now() });
  }

  private setStatus(c: Connector, status: Status): void {
    if (c.status === status) return;
    c.status = status;
    void this.sendStatus(c.id);
  }

  /** The status a connector rests in when nothing happens on it. */
  private restingStatus(c: Connector): Status {
    if (!c.operative) return 'Unavailable';
    if (c.authorized || c.plugged) return 'Preparing';
    return 'Available';
  }

  // ---- transactions -----------------------------------------------------------------------

  private authorizeFor(c: Connector, idTag: string, remote: boolean): void {
    this.cancel(c.authorized?.timer);
    const timeoutS = this.cfg.int('ConnectionTimeOut');
    const auth: Connector['authorized'] = { idTag, remote };
    if (timeoutS > 0) {
      auth.timer = this.later(timeoutS * 1000, () => {
        if (c.authorized !== auth) return;
        c.authorized = undefined;
        this.setStatus(c, this.restingStatus(c));
      });
    }
    c.authorized = auth;
    this.setStatus(c, 'Preparing');
  }

  private async startTx(c: Connector, idTag: string): Promise<void> {
    this.cancel(c.authorized?.timer);
    c.authorized = undefined;
    if (c.tx || c.starting) return;
    c.starting = true;
    const meterStart = c.energyWh;
    const startedAt = this.o.clock.now();
    const res = await this.send('StartTransaction', { connectorId: c.id, idTag, meterStart, timestamp: new Date(startedAt).toISOString() });
    c.starting = false;
    if (!res || this.stopped) return;
    c.tx = { transactionId: Number(res.transactionId), idTag, meterStart, startedAt };
    this.setStatus(c, 'Charging');
    this.restartSampling(c);
    const status = (res.idTagInfo as Payload | undefined)?.status;
    if (status !== 'Accepted' && this.cfg.bool('StopTransactionOnInvalidId')) await this.stopTx(c, 'DeAuthorized');
  }

  private async stopTx(c: Connector, reason: string, idTag?: string): Promise<void> {
    const tx = c.tx;
    if (!tx) return;
    const meterStop = this.meterOf(c);
    c.tx = undefined;
    c.energyWh = meterStop;
    this.cancel(c.sampleTimer);
    c.sampleTimer = undefined;
    const payload: Payload = { transactionId: tx.transactionId, meterStop, timestamp: this.now(), reason };
    if (idTag) payload.idTag = idTag;
    this.setStatus(c, c.plugged ? 'Finishing' : 'Available');
    await this.send('StopTransaction', payload);
    if (c.scheduledInoperative) {
      c.scheduledInoperative = false;
      c.operative = false;
      this.setStatus(c, 'Unavailable');
    }
  }

  private restartSampling(c: Connector): void {
    this.cancel(c.sampleTimer);
    c.sampleTimer = undefined;
    const s = this.cfg.int('MeterValueSampleInterval');
    if (s <= 0 || !c.tx || this.fault('meter-sample-interval-ignored')) return;
    const sample = () => {
      c.sampleTimer = undefined;
      if (!c.tx) return;
      void this.sendMeterValues(c, 'Sample.Periodic');
      c.sampleTimer = this.later(this.cfg.int('MeterValueSampleInterval') * 1000, sample);
    };
    c.sampleTimer = this.later(s * 1000, sample);
  }

  private async sendMeterValues(c: Connector, context: string): Promise<void> {
    if (this.bootState !== 'accepted') return;
    const payload: Payload = {
      connectorId: c.id,
      meterValue: [{ timestamp: this.now(), sampledValue: [{ value: String(this.meterOf(c)), context, measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }],
    };
    if (c.tx) payload.transactionId = c.tx.transactionId;
    await this.send('MeterValues', payload);
  }

  // ---- manual actions ---------------------------------------------------------------------

  async perform(action: ManualAction): Promise<ActionOutcome> {
    const p = action.params;
    const which = typeof p.connectorId === 'number' ? p.connectorId : typeof p.evseId === 'number' ? p.evseId : 1;
    switch (action.action) {
      case 'plugIn': {
        const c = this.connector(which);
        if (!c) return { done: false, reason: `the reference charge point has no connector ${which}` };
        if (!c.plugged) {
          c.plugged = true;
          void this.onPlugIn(c);
        }
        return { done: true };
      }
      case 'unplug': {
        const c = this.connector(which);
        if (!c) return { done: false, reason: `the reference charge point has no connector ${which}` };
        if (c.plugged) {
          c.plugged = false;
          void this.onUnplug(c);
        }
        return { done: true };
      }
      case 'presentIdToken': {
        const idTag = String(p.idToken ?? p.idTag ?? '');
        if (!idTag) return { done: false, reason: 'presentIdToken needs an idToken' };
        void this.onIdTag(idTag);
        return { done: true };
      }
      case 'reboot':
        this.reboot();
        return { done: true };
      default:
        return { done: false, reason: `the reference charge point cannot perform "${action.action}"` };
    }
  }

  private async onPlugIn(c: Connector): Promise<void> {
    if (c.tx || c.starting) return;
    const auth = c.authorized;
    if (auth && c.operative) {
      if (auth.remote && this.fault('remote-start-first-no-tx')) return;
      if (!auth.remote && this.fault('idfirst-no-start')) return;
      await this.startTx(c, auth.idTag);
      return;
    }
    this.setStatus(c, this.restingStatus(c));
  }

  private async onUnplug(c: Connector): Promise<void> {
    if (c.tx) {
      if (this.cfg.bool('StopTransactionOnEVSideDisconnect')) await this.stopTx(c, 'EVDisconnected');
      else this.setStatus(c, 'SuspendedEV');
      if (c.tx) return;
    }
    this.setStatus(c, this.restingStatus(c));
  }

  private async onIdTag(idTag: string): Promise<void> {
    // The same idTag on a running transaction ends it (a local stop).
    const running = this.connectors.find((c) => c.tx?.idTag === idTag);
    if (running) {
      await this.stopTx(running, 'Local', idTag);
      return;
    }
    if (this.bootState !== 'accepted') return;
    const res = await this.send('Authorize', { idTag });
    const accepted = (res?.idTagInfo as Payload | undefined)?.status === 'Accepted';
    if (!accepted && !this.fault('authorize-invalid-starts-tx')) return;
    const free = this.connectors.filter((c) => c.operative && !c.tx && !c.starting);
    const target = free.find((c) => c.plugged) ?? free[0];
    if (!target) return;
    if (target.plugged) {
      if (this.fault('plugin-first-no-start')) return;
      await this.startTx(target, idTag);
    } else {
      this.authorizeFor(target, idTag, false);
    }
  }

  // ---- Central System initiated messages --------------------------------------------------

  private installHandlers(rpc: RpcPeer): void {
    const h = this.handlers;
    if (h.size === 0) {
      h.set('RemoteStartTransaction', (p) => this.onRemoteStart(p));
      h.set('RemoteStopTransaction', (p) => this.onRemoteStop(p));
      h.set('Reset', (p) => this.onReset(p));
      h.set('GetConfiguration', (p) => this.onGetConfiguration(p));
      h.set('ChangeConfiguration', (p) => this.onChangeConfiguration(p));
      h.set('UnlockConnector', (p) => this.onUnlock(p));
      h.set('ChangeAvailability', (p) => this.onChangeAvailability(p));
      h.set('ClearCache', () => ({ status: 'Accepted' }));
      h.set('DataTransfer', () => ({ status: this.fault('datatransfer-unknown-vendor-accepted') ? 'Accepted' : 'UnknownVendorId' }));
      h.set('TriggerMessage', (p) => this.onTrigger(p));
    }
    for (const [action, handler] of h) rpc.handle(action, (p) => handler(p));
  }

  private onRemoteStart(p: Payload): Payload {
    if (this.bootState !== 'accepted') return { status: 'Rejected' };
    const idTag = String(p.idTag);
    let c: Connector | undefined;
    if (p.connectorId === undefined) c = this.connectors.find((x) => x.operative && !x.tx && !x.starting);
    else c = this.connector(p.connectorId);
    if (!c || c.tx || c.starting) return { status: 'Rejected' };
    if (!c.operative && !this.fault('remote-start-inoperative-accepted')) return { status: 'Rejected' };
    if (!c.operative) return { status: 'Accepted' };
    const target = c;
    this.later(AFTER_REPLY_MS, () => void this.remoteStart(target, idTag));
    return { status: 'Accepted' };
  }

  private async remoteStart(c: Connector, idTag: string): Promise<void> {
    if (this.cfg.bool('AuthorizeRemoteTxRequests')) {
      const res = await this.send('Authorize', { idTag });
      if ((res?.idTagInfo as Payload | undefined)?.status !== 'Accepted') return;
    }
    if (c.tx || c.starting) return;
    if (c.plugged) {
      if (this.fault('remote-start-plugged-no-tx')) return;
      await this.startTx(c, idTag);
    } else {
      this.authorizeFor(c, idTag, true);
    }
  }

  private onRemoteStop(p: Payload): Payload {
    if (this.bootState !== 'accepted') return { status: 'Rejected' };
    const c = this.connectors.find((x) => x.tx?.transactionId === p.transactionId);
    if (!c) return { status: 'Rejected' };
    if (!this.fault('remote-stop-ignored')) this.later(AFTER_REPLY_MS, () => void this.stopTx(c, 'Remote'));
    return { status: 'Accepted' };
  }

  private onReset(p: Payload): Payload {
    const hard = p.type === 'Hard';
    if (!hard && this.fault('soft-reset-rejected')) return { status: 'Rejected' };
    if (hard && this.fault('hard-reset-no-reboot')) return { status: 'Accepted' };
    this.later(AFTER_REPLY_MS, () => void this.reset(hard));
    return { status: 'Accepted' };
  }

  private async reset(hard: boolean): Promise<void> {
    for (const c of this.connectors) {
      if (!c.tx) continue;
      if (hard && this.fault('hard-reset-tx-not-stopped')) {
        c.energyWh = this.meterOf(c);
        c.tx = undefined;
        continue;
      }
      await this.stopTx(c, hard ? 'HardReset' : this.fault('soft-reset-wrong-reason') ? 'Other' : 'SoftReset');
    }
    this.reboot();
  }

  private onGetConfiguration(p: Payload): Payload {
    const asked = Array.isArray(p.key) ? (p.key as string[]) : [];
    const entry = (key: string) => {
      const def = this.cfg.def(key)!;
      return { key, readonly: def.readonly, value: this.cfg.get(key) };
    };
    if (asked.length === 0) {
      let defs = this.cfg.all();
      if (this.fault('getconfig-all-incomplete')) defs = defs.filter((d) => d.key !== 'HeartbeatInterval' && d.key !== 'MeterValueSampleInterval');
      return { configurationKey: defs.map((d) => entry(d.key)) };
    }
    const known = asked.filter((k) => this.cfg.def(k));
    const unknown = asked.filter((k) => !this.cfg.def(k));
    const out: Payload = {};
    if (known.length) out.configurationKey = known.map(entry);
    if (unknown.length) out.unknownKey = unknown;
    return out;
  }

  private onChangeConfiguration(p: Payload): Payload {
    const key = String(p.key);
    const value = String(p.value);
    const def = this.cfg.def(key);
    if (!def) return { status: this.fault('changeconfig-unknown-key-accepted') ? 'Accepted' : 'NotSupported' };
    if (def.readonly) return { status: 'Rejected' };
    if (!isValidValue(def, value)) {
      if (!this.fault('changeconfig-invalid-value-accepted')) return { status: 'Rejected' };
      this.cfg.set(key, value);
      return { status: 'Accepted' };
    }
    if (this.fault('changeconfig-not-persisted')) return { status: 'Accepted' };
    this.cfg.set(key, def.kind === 'int' ? String(Number.parseInt(value, 10)) : value);
    if (key === 'HeartbeatInterval') this.later(AFTER_REPLY_MS, () => this.restartHeartbeat());
    if (key === 'MeterValueSampleInterval') this.later(AFTER_REPLY_MS, () => this.connectors.forEach((c) => this.restartSampling(c)));
    return { status: 'Accepted' };
  }

  private onUnlock(p: Payload): Payload {
    const c = this.connector(p.connectorId);
    if (!c || this.fault('unlock-not-supported')) return { status: 'NotSupported' };
    if (c.tx) {
      // The transaction is stopped first, then the connector unlocks.
      this.later(AFTER_REPLY_MS, () => void this.stopTx(c, 'UnlockCommand'));
    }
    return { status: 'Unlocked' };
  }

  private onChangeAvailability(p: Payload): Payload {
    const id = p.connectorId as number;
    const targets = id === 0 ? this.connectors : [this.connector(id)].filter((c): c is Connector => !!c);
    if (!targets.length) return { status: 'Rejected' };
    const operative = p.type === 'Operative';
    let scheduled = false;
    const changed: Connector[] = [];
    for (const c of targets) {
      if (!operative && c.tx) {
        c.scheduledInoperative = true;
        scheduled = true;
        continue;
      }
      c.scheduledInoperative = false;
      if (c.operative !== operative) {
        c.operative = operative;
        changed.push(c);
      }
    }
    this.later(AFTER_REPLY_MS, () => {
      if (id === 0) void this.sendStatus(0);
      for (const c of changed) this.setStatus(c, this.restingStatus(c));
    });
    return { status: scheduled ? 'Scheduled' : 'Accepted' };
  }

  private onTrigger(p: Payload): Payload {
    const id = p.connectorId as number | undefined;
    if (id !== undefined && id !== 0 && !this.connector(id)) return { status: 'Rejected' };
    const what = String(p.requestedMessage);
    const run = (fn: () => Promise<unknown>) => this.later(AFTER_REPLY_MS, () => void fn());
    switch (what) {
      case 'BootNotification':
        run(async () => {
          const res = await this.send('BootNotification', this.bootPayload());
          if (res?.status === 'Accepted' && Number(res.interval) > 0) {
            this.cfg.set('HeartbeatInterval', String(res.interval));
            this.restartHeartbeat();
          }
        });
        break;
      case 'Heartbeat':
        run(() => this.send('Heartbeat', {}));
        break;
      case 'StatusNotification':
        if (!this.fault('trigger-status-not-sent')) {
          run(async () => {
            const ids = id === undefined ? [0, ...this.connectors.map((c) => c.id)] : [id];
            for (const i of ids) await this.send('StatusNotification', { connectorId: i, errorCode: 'NoError', status: this.statusOf(i), timestamp: this.now() });
          });
        }
        break;
      case 'MeterValues':
        run(async () => {
          const list = id === undefined || id === 0 ? this.connectors : [this.connector(id)!];
          for (const c of list) await this.sendMeterValues(c, 'Trigger');
        });
        break;
      case 'DiagnosticsStatusNotification':
        run(() => this.send('DiagnosticsStatusNotification', { status: 'Idle' }));
        break;
      case 'FirmwareStatusNotification':
        run(() => this.send('FirmwareStatusNotification', { status: 'Idle' }));
        break;
      default:
        return { status: 'NotImplemented' };
    }
    return { status: 'Accepted' };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.heartbeatTimer = undefined;
    for (const c of this.connectors) {
      c.sampleTimer = undefined;
      if (c.authorized) c.authorized.timer = undefined;
    }
    const rpc = this.rpc;
    this.rpc = undefined;
    rpc?.close();
  }
}
