import { uploadToLoopback } from '../../../transport/loopback.js';
import type { ActionOutcome, ManualAction } from '../../../core/manual-actions.js';
import { serializeError, serializeResult } from '../../../protocol/framing.js';
import { RpcPeer, type Payload } from '../../rpc.js';
import type { ReferencePeer, StationPeerOptions } from '../../../engine/peer-contract.js';
import { ConfigStore, isValidValue } from './config-keys.js';
import { dialCentralSystem16, type Dialed16 } from './dial.js';
import { organizationOf, stationSerialOf } from '../../../core/config.js';
import type { SecurityProfile } from '../../../core/meta.js';
import { createCsr } from '../../../pki/csr.js';
import type { CertificateHashData } from '../../../pki/test-pki.js';
import {
  CertStore16,
  certificateSignedProblem,
  dialTlsOptions,
  fetchLoopback,
  firmwareSignatureValid,
  formatSecurityLog16,
  PUSHED_EVENTS_16,
  signingCertificateProblem,
  tlsFailureEvent,
  type CertUse16,
  type ClientCredential,
  type SecurityEvent16,
} from './security.js';

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

  // ---- security (whitepaper) state ----
  /** The security profile the charge point connects with (SecurityProfile key). */
  private profile: SecurityProfile;
  /** After a profile upgrade, until a connection on it succeeds: the profile to fall back to (A05.FR.08). */
  private fallback: { profile: SecurityProfile; failures: number } | undefined;
  /** The Basic-auth password (AuthorizationKey); write-only. */
  private authorizationKey: string | undefined;
  private readonly store: CertStore16;
  /** The TLS client certificate (profile 3). Holds a private key. */
  private client: ClientCredential | undefined;
  /** The key of the last CSR sent, waiting for CertificateSigned. */
  private pendingKeyPem: string | undefined;
  private readonly securityLog: SecurityEvent16[] = [];
  /** Events to push with SecurityEventNotification once connected and accepted. */
  private readonly outbox: SecurityEvent16[] = [];
  private flushing = false;
  private firmwareStatus = 'Idle';
  private logStatus = 'Idle';

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
      AdditionalRootCertificateCheck: 'false',
      AuthorizationKey: '',
      CertificateSignedMaxChainSize: '10000',
      CertificateStoreMaxLength: '10',
      CpoName: organizationOf(o.config),
      SecurityProfile: String(o.config.security.profile),
    });
    this.profile = o.config.security.profile;
    this.authorizationKey = o.basicAuthPassword;
    this.store = new CertStore16(o.faults, o.pki, () => this.cfg.int('CertificateStoreMaxLength'));
    if (o.tls) this.client = { chainPem: o.tls.stationCert, keyPem: o.tls.stationKey };
    else if (o.pki?.has('station')) {
      const a = o.pki.artifact('station');
      this.client = { chainPem: a.chainPem, keyPem: a.keyPem };
    }
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
    // Logged, not pushed: pushing critical events at every boot is left out (see the report).
    this.securityEvent('StartupOfTheDevice', undefined, false);
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let dialed: Dialed16;
    const profile = this.dialProfile();
    const target = profile >= 2 ? this.o.target.replace(/^ws:\/\//i, 'wss://') : this.o.target.replace(/^wss:\/\//i, 'ws://');
    const password = profile === 1 || profile === 2 ? this.dialPassword() : undefined;
    try {
      dialed = await dialCentralSystem16({
        target,
        identity: this.o.identity,
        version: this.o.version,
        basicAuthPassword: this.fault('basic-auth-header-missing') ? undefined : password,
        tls: profile >= 2 ? dialTlsOptions(target, { roots: this.store.roots('CentralSystemRootCertificate'), client: profile === 3 ? this.client : undefined, faults: this.o.faults }) : undefined,
        timeoutMs: this.o.config.timeouts.connectMs,
        acceptMissingSubprotocol: this.fault('cp-accepts-missing-subprotocol'),
      });
    } catch (err) {
      this.log(`connect failed: ${(err as Error).message}`);
      const event = profile >= 2 ? tlsFailureEvent(err as Error) : undefined;
      if (event) this.securityEvent(event, (err as Error).message);
      if (this.fallback && ++this.fallback.failures >= 3) {
        // The new profile does not work: back to the previous one (A05.FR.08).
        this.log(`security profile ${this.profile} failed ${this.fallback.failures} times; falling back to ${this.fallback.profile}`);
        this.profile = this.fallback.profile;
        this.cfg.set('SecurityProfile', String(this.profile));
        this.fallback = undefined;
      }
      this.later(500, () => void this.connect());
      return;
    }
    this.fallback = undefined;
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
    return { chargePointVendor: 'ocpp-harness', chargePointModel: 'RefChargePoint16', chargePointSerialNumber: stationSerialOf(this.o.config).slice(0, 25), firmwareVersion: '1.0.0' };
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
    await this.flushEvents();
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
    this.securityEvent('ResetOrReboot', undefined, false);
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
      h.set('ExtendedTriggerMessage', (p) => this.onExtendedTrigger(p));
      h.set('CertificateSigned', (p) => this.onCertificateSigned(p));
      h.set('InstallCertificate', (p) => this.onInstallCertificate(p));
      h.set('GetInstalledCertificateIds', (p) => this.onGetInstalledCertificateIds(p));
      h.set('DeleteCertificate', (p) => this.onDeleteCertificate(p));
      h.set('GetLog', (p) => this.onGetLog(p));
      h.set('SignedUpdateFirmware', (p) => this.onSignedUpdateFirmware(p));
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
      // A write-only key is listed without its value (the whitepaper's AuthorizationKey).
      if (def.writeOnly) return this.fault('authorization-key-readable') ? { key, readonly: def.readonly, value: this.authorizationKey ?? '' } : { key, readonly: def.readonly };
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
    if (key === 'AuthorizationKey') return this.changeAuthorizationKey(value);
    if (key === 'SecurityProfile') return this.changeSecurityProfile(Number.parseInt(value, 10) as SecurityProfile);
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

  // ---- security (whitepaper) -------------------------------------------------------------

  /** The profile the next dial uses (the SecurityProfile in effect). */
  private dialProfile(): SecurityProfile {
    return this.profile;
  }

  /** The Basic-auth password of the next dial (the AuthorizationKey in effect). */
  private dialPassword(): string | undefined {
    return this.authorizationKey;
  }

  /** Drops the connection and dials again with the current profile and credentials (no reboot). */
  private redial(): void {
    const rpc = this.rpc;
    this.rpc = undefined;
    this.wentOffline();
    rpc?.close(1000);
    this.later(RECONNECT_MS, () => void this.connect());
  }

  /**
   * Records a security event in the security log (A04.FR.04); the ones the central system must
   * learn about are also pushed with SecurityEventNotification, queued while offline (A04.FR.02).
   */
  private securityEvent(type: string, techInfo?: string, push = true): void {
    const ev: SecurityEvent16 = { type, timestamp: this.now(), ...(techInfo ? { techInfo: techInfo.slice(0, 255) } : {}) };
    this.securityLog.push(ev);
    if (this.securityLog.length > 500) this.securityLog.shift();
    if (!push || !PUSHED_EVENTS_16.has(type)) return;
    // An event of the same type still waiting is not queued twice (a failing dial repeats).
    if (this.outbox.some((e) => e.type === type)) return;
    this.outbox.push(ev);
    if (this.bootState === 'accepted') this.later(AFTER_REPLY_MS, () => void this.flushEvents());
  }

  private async flushEvents(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.outbox.length && this.bootState === 'accepted') {
        const ev = this.outbox[0]!;
        const res = await this.send('SecurityEventNotification', { ...ev });
        if (!res) break;
        this.outbox.shift();
      }
    } finally {
      this.flushing = false;
    }
  }

  /** ChangeConfiguration AuthorizationKey (A01): store the new password, then reconnect with it. */
  private changeAuthorizationKey(value: string): Payload {
    if (!this.fault('authorization-key-not-applied')) this.authorizationKey = value;
    this.securityEvent('ReconfigurationOfSecurityParameters', 'AuthorizationKey changed');
    if (this.profile === 1 || this.profile === 2) this.later(AFTER_REPLY_MS, () => this.redial());
    return { status: 'Accepted' };
  }

  /** What a profile needs that the charge point lacks (WP A05.FR.02-04), or undefined. */
  private profilePrerequisite(target: SecurityProfile): string | undefined {
    if ((target === 1 || target === 2) && !this.authorizationKey) return 'no AuthorizationKey';
    if (target >= 2 && !this.store.roots('CentralSystemRootCertificate').length) return 'no CentralSystemRootCertificate installed';
    if (target === 3 && !this.client) return 'no charge point certificate';
    return undefined;
  }

  /** ChangeConfiguration SecurityProfile (A05): only upwards, only with the prerequisites; then reconnect on it. */
  private changeSecurityProfile(target: SecurityProfile): Payload {
    const lower = target <= this.profile;
    if (lower && !this.fault('downgrades-profile')) return { status: 'Rejected' };
    const missing = lower ? undefined : this.profilePrerequisite(target);
    if (missing) {
      this.log(`SecurityProfile ${target} refused: ${missing}`);
      return { status: 'Rejected' };
    }
    this.cfg.set('SecurityProfile', String(target));
    this.securityEvent('ReconfigurationOfSecurityParameters', `SecurityProfile ${this.profile} -> ${target}`);
    if (!this.fault('security-profile-not-applied')) {
      this.fallback = { profile: this.profile, failures: 0 };
      this.profile = target;
    }
    this.later(AFTER_REPLY_MS, () => this.redial());
    return { status: 'Accepted' };
  }

  private onExtendedTrigger(p: Payload): Payload {
    const what = String(p.requestedMessage);
    const run = (fn: () => Promise<unknown>) => this.later(AFTER_REPLY_MS, () => void fn());
    switch (what) {
      case 'SignChargePointCertificate':
        run(() => this.requestCertificate());
        return { status: 'Accepted' };
      case 'FirmwareStatusNotification':
        run(() => this.send('SignedFirmwareStatusNotification', { status: this.firmwareStatus }));
        return { status: 'Accepted' };
      case 'LogStatusNotification':
        run(() => this.send('LogStatusNotification', { status: this.logStatus }));
        return { status: 'Accepted' };
      default:
        return this.onTrigger(p.connectorId === undefined ? { requestedMessage: what } : { requestedMessage: what, connectorId: p.connectorId });
    }
  }

  /** A02: a new key pair and a CSR (CN = serial number, O = CpoName) in SignCertificate. */
  private async requestCertificate(): Promise<void> {
    const { csrPem, privateKeyPem } = createCsr({ commonName: stationSerialOf(this.o.config), org: this.cfg.get('CpoName'), keyType: 'ec' });
    this.pendingKeyPem = privateKeyPem;
    const res = await this.send('SignCertificate', { csr: csrPem });
    if (res?.status !== 'Accepted') this.log(`SignCertificate answered ${JSON.stringify(res?.status)}`);
  }

  /** CertificateSigned (A02.FR.06-08): verify, then use the new certificate; an invalid one is discarded with an event. */
  private onCertificateSigned(p: Payload): Payload {
    const chain = String(p.certificateChain);
    const keyPem = this.pendingKeyPem;
    const problem = !keyPem
      ? 'no certificate signing request is outstanding'
      : this.fault('accepts-invalid-cp-certificate')
        ? undefined
        : certificateSignedProblem(chain, {
            roots: this.store.roots('CentralSystemRootCertificate'),
            keyPem,
            serial: stationSerialOf(this.o.config),
            now: new Date(this.o.clock.now()),
            maxChainSize: this.cfg.int('CertificateSignedMaxChainSize'),
          });
    if (problem || !keyPem) {
      this.log(`CertificateSigned rejected: ${problem}`);
      this.securityEvent('InvalidChargePointCertificate', problem);
      return { status: 'Rejected' };
    }
    this.pendingKeyPem = undefined;
    if (!this.fault('renewed-cert-not-used')) this.client = { chainPem: chain, keyPem };
    if (this.profile === 3) this.later(AFTER_REPLY_MS, () => this.redial());
    return { status: 'Accepted' };
  }

  private onInstallCertificate(p: Payload): Payload {
    const use = p.certificateType as CertUse16;
    const r = this.store.install(use, String(p.certificate), new Date(this.o.clock.now()));
    if (r.status !== 'Accepted') {
      this.log(`InstallCertificate ${use} ${r.status}: ${r.reason}`);
      if (use === 'CentralSystemRootCertificate' && r.reason !== 'certificate store full') this.securityEvent('InvalidCentralSystemCertificate', `InstallCertificate refused: ${r.reason}`);
    }
    return { status: r.status };
  }

  private onGetInstalledCertificateIds(p: Payload): Payload {
    const ids = this.store.ids(p.certificateType as CertUse16);
    return ids.length ? { status: 'Accepted', certificateHashData: ids } : { status: 'NotFound' };
  }

  private onDeleteCertificate(p: Payload): Payload {
    return { status: this.store.delete(p.certificateHashData as CertificateHashData) };
  }

  /** GetLog (N01): the security or diagnostics log is PUT to the remote location (loopback http only). */
  private onGetLog(p: Payload): Payload {
    const requestId = p.requestId as number;
    const logType = String(p.logType);
    const log = p.log as { remoteLocation: string; oldestTimestamp?: string; latestTimestamp?: string };
    if (logType === 'SecurityLog' && this.fault('getlog-security-log-rejected')) return { status: 'Rejected' };
    const text =
      logType === 'SecurityLog'
        ? formatSecurityLog16(this.securityLog, log.oldestTimestamp, log.latestTimestamp)
        : `${this.now()} diagnostics of ${this.o.identity}: registration ${this.bootState}, security profile ${this.profile}\n`;
    const filename = `${logType === 'SecurityLog' ? 'security' : 'diagnostics'}-${requestId}.log`;
    this.later(AFTER_REPLY_MS, async () => {
      this.logStatus = 'Uploading';
      await this.send('LogStatusNotification', { status: 'Uploading', requestId });
      const ok = await uploadToLoopback(log.remoteLocation, text, this.o.config.timeouts.messageMs);
      this.logStatus = ok ? 'Uploaded' : 'UploadFailure';
      await this.send('LogStatusNotification', { status: this.logStatus, requestId });
    });
    return { status: 'Accepted', filename };
  }

  /** SignedUpdateFirmware (L01): signing certificate checked before accepting, signature after download. */
  private onSignedUpdateFirmware(p: Payload): Payload {
    const requestId = p.requestId as number;
    const fw = p.firmware as { location: string; retrieveDateTime: string; signingCertificate: string; signature: string };
    const problem = signingCertificateProblem(fw.signingCertificate, this.store.roots('ManufacturerRootCertificate'), new Date(this.o.clock.now()));
    if (problem) {
      this.securityEvent('InvalidFirmwareSigningCertificate', problem);
      return { status: 'InvalidCertificate' };
    }
    const waitMs = Math.min(Math.max(0, Date.parse(fw.retrieveDateTime) - this.o.clock.now()), 60_000);
    this.later(Math.max(AFTER_REPLY_MS, Number.isFinite(waitMs) ? waitMs : 0), () => void this.installFirmware(requestId, fw));
    return { status: 'Accepted' };
  }

  private async installFirmware(requestId: number, fw: { location: string; signingCertificate: string; signature: string }): Promise<void> {
    const report = async (status: string) => {
      this.firmwareStatus = status;
      await this.send('SignedFirmwareStatusNotification', { status, requestId: this.fault('signed-firmware-wrong-request-id') ? requestId + 1 : requestId });
    };
    await report('Downloading');
    const image = await fetchLoopback(fw.location, this.o.config.timeouts.messageMs);
    if (!image) {
      await report('DownloadFailed');
      return;
    }
    await report('Downloaded');
    if (!this.fault('firmware-signature-not-checked') && !firmwareSignatureValid(image, fw.signature, fw.signingCertificate)) {
      this.securityEvent('InvalidFirmwareSignature', `signature over ${image.length} bytes does not verify`);
      await report('InvalidSignature');
      return;
    }
    await report('SignatureVerified');
    await report('Installing');
    await report('Installed');
    this.securityEvent('FirmwareUpdated', `image of ${image.length} bytes installed`);
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
