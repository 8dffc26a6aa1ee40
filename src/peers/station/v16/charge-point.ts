import { RollingLog, type SecurityEvent } from '../../shared/security-log.js';
import { ActiveFaults } from '../../faults.js';
import type { RpcPeer, Payload } from '../../rpc.js';
import type { StationPeerOptions } from '../../../engine/peer-contract.js';
import { organizationOf } from '../../../core/config.js';
import type { SecurityProfile } from '../../../core/meta.js';
import { ConfigStore } from './config-keys.js';
import { CertStore16, type ClientCredential } from './cert-store.js';
import type { Station16Fault } from './faults.js';

export type Status =
  'Available' | 'Preparing' | 'Charging' | 'SuspendedEVSE' | 'SuspendedEV' | 'Finishing' | 'Reserved' | 'Unavailable' | 'Faulted';
export type BootState = 'offline' | 'booting' | 'pending' | 'rejected' | 'accepted';

export interface Transaction {
  transactionId: number;
  idTag: string;
  meterStart: number;
  startedAt: number;
  /** The group the central system named for the idTag (StartTransaction.conf idTagInfo.parentIdTag). */
  parentIdTag?: string;
}

export interface Connector {
  id: number;
  status: Status;
  operative: boolean;
  /** Inoperative requested while a transaction ran: applied when it ends. */
  scheduledInoperative: boolean;
  plugged: boolean;
  /** An idTag authorized (locally or by RemoteStartTransaction) waiting for the cable. */
  authorized?: { idTag: string; remote: boolean; timer?: NodeJS.Timeout };
  tx?: Transaction;
  /** The parentIdTag the central system gave the idTag waiting here (a reservation may hold the parent). */
  parentIdTag?: string;
  /** A StartTransaction is in flight. */
  starting: boolean;
  /** Energy register in Wh when no transaction runs. */
  energyWh: number;
  sampleTimer?: NodeJS.Timeout;
  /** The errorCode of its StatusNotifications (NoError when unset): a connector fault (faults-cs-rest2 block). */
  errorCode?: string;
  /** The connector lock is jammed: the next UnlockConnector fails (manual action unlockFailure). */
  unlockJammed?: boolean;
}

/** A reservation made by ReserveNow (connectorId 0: the whole charge point). */
export interface Reservation16 {
  id: number;
  connectorId: number;
  idTag: string;
  parentIdTag?: string;
  timer?: NodeJS.Timeout;
}

/** A handler of a central-system initiated action. */
export type Handler16 = (p: Payload) => Payload | Promise<Payload>;

/** Charging power of the simulated EV, for the energy register. */
const WH_PER_SECOND = 3;
/** Delay between answering a CALL and the messages it causes, so the answer goes out first. */
export const AFTER_REPLY_MS = 5;
/** Delay before dialling again after a reboot or a deliberate reconnect. */
export const RECONNECT_MS = 100;

/**
 * The state of the 1.6 reference charge point and the plumbing every block uses (timers, sending,
 * connector status). The peer class (peer.ts) adds the lifecycle and the dispatch table; the
 * blocks act on this state only, never on a case id.
 */
export class ChargePoint16 {
  rpc: RpcPeer | undefined;
  stopped = false;
  rebooting = false;
  bootState: BootState = 'offline';
  readonly timers = new Set<NodeJS.Timeout>();
  heartbeatTimer: NodeJS.Timeout | undefined;
  readonly connectors: Connector[];
  readonly cfg: ConfigStore;
  readonly faults: ActiveFaults<Station16Fault>;
  /** Transactions cut off by a power loss, reported once the next boot is accepted. */
  readonly unsentStops: Payload[] = [];
  /** Transaction-related messages produced while offline, delivered once a boot is accepted (blocks/offline-queue.ts). */
  readonly offlineQueue: { action: string; payload: Payload }[] = [];
  /** The handlers of central-system initiated actions, by action name (filled by the peer). */
  readonly handlers = new Map<string, Handler16>();
  /** Own CALLs queued or in flight (any connection). */
  outstanding = 0;

  // ---- security (whitepaper) state ----
  /** The security profile the charge point connects with (SecurityProfile key). */
  profile: SecurityProfile;
  /** After a profile upgrade, until a connection on it succeeds: the profile to fall back to (A05.FR.08). */
  fallback: { profile: SecurityProfile; failures: number } | undefined;
  /** The Basic-auth password (AuthorizationKey); write-only. */
  authorizationKey: string | undefined;
  readonly store: CertStore16;
  /** The TLS client certificate (profile 3). Holds a private key. */
  client: ClientCredential | undefined;
  /** The key of the last CSR sent, waiting for CertificateSigned. */
  pendingKeyPem: string | undefined;
  readonly securityLog = new RollingLog<SecurityEvent>(500);
  /** Events to push with SecurityEventNotification once connected and accepted. */
  readonly outbox: SecurityEvent[] = [];
  flushing = false;
  firmwareStatus = 'Idle';
  /** Authorization cache (AuthorizationCacheEnabled): idTag -> the last status the central system gave. */
  readonly authCache = new Map<string, string>();
  logStatus = 'Idle';
  /** The local authorization list (local-list block): idTag -> idTagInfo, and its version (0: none). */
  readonly localList = new Map<string, Payload>();
  localListVersion = 0;
  /** Reservations by reservationId (reservation block). */
  readonly reservations = new Map<number, Reservation16>();

  constructor(readonly o: StationPeerOptions) {
    this.faults = new ActiveFaults<Station16Fault>(o.faults);
    // Variant `connectors`: more connectors than the configured one (the others stay idle).
    const n = Math.max(1, o.config.ids.connectorId, Number.parseInt(o.settings?.connectors ?? '1', 10) || 1);
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
      SupportedFeatureProfiles: 'Core,RemoteTrigger,Reservation,LocalAuthListManagement,SmartCharging',
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
      AuthorizationCacheEnabled: 'false',
      ReserveConnectorZeroSupported: 'true',
      LocalAuthListEnabled: 'true',
      LocalAuthListMaxLength: '100',
      SendLocalListMaxLength: '20',
    });
    this.cfg.configure(o.settings ?? {});
    this.profile = o.config.security.profile;
    this.authorizationKey = o.basicAuthPassword;
    this.store = new CertStore16(this.faults, o.pki, () => this.cfg.int('CertificateStoreMaxLength'));
    if (o.tls) this.client = { chainPem: o.tls.stationCert, keyPem: o.tls.stationKey };
    else if (o.pki?.has('station')) {
      const a = o.pki.artifact('station');
      this.client = { chainPem: a.chainPem, keyPem: a.keyPem };
    }
  }

  // ---- plumbing ---------------------------------------------------------------------------

  log(line: string): void {
    this.o.log?.(line);
  }

  later(ms: number, fn: () => void): NodeJS.Timeout {
    // Node fires a timer of 2^31 ms or more at once; a faulted peer may take any interval a case sends.
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        if (!this.stopped) fn();
      },
      Math.min(Math.max(0, ms), 2 ** 31 - 1),
    );
    // Work still finishing after stop() (an awaited send) must not keep the process alive.
    if (this.stopped) clearTimeout(t);
    else this.timers.add(t);
    return t;
  }

  cancel(t: NodeJS.Timeout | undefined): void {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  now(): string {
    return new Date(this.o.clock.now()).toISOString();
  }

  /** Sends a call on the current connection; undefined when offline or unanswered. */
  async send(action: string, payload: Payload): Promise<Payload | undefined> {
    const rpc = this.rpc;
    if (!rpc || rpc.closed) return undefined;
    this.outstanding += 1;
    try {
      const res = await rpc.call(action, payload);
      // A response that violates its schema is logged and otherwise ignored where unusable.
      if (!this.o.validator.validate(action, 'response', res).valid) {
        this.log(`${action} response violates its schema: ${JSON.stringify(res).slice(0, 200)}`);
        if (this.faults.has('cp-drops-session-on-malformed-callresult')) rpc.close(1000);
      }
      return res;
    } catch (err) {
      this.log(`${action} failed: ${(err as Error).message}`);
      return undefined;
    } finally {
      this.outstanding -= 1;
    }
  }

  /** The connection is gone: no boot, no heartbeat until the next one is accepted. */
  wentOffline(): void {
    this.bootState = 'offline';
    this.cancel(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  connector(id: unknown): Connector | undefined {
    return typeof id === 'number' ? this.connectors.find((c) => c.id === id) : undefined;
  }

  meterOf(c: Connector): number {
    if (!c.tx) return c.energyWh;
    return c.tx.meterStart + Math.floor(((this.o.clock.now() - c.tx.startedAt) / 1000) * WH_PER_SECOND);
  }

  // ---- connector status ---------------------------------------------------------------------

  statusOf(id: number): Status {
    if (id === 0) return this.connectors.every((c) => !c.operative) ? 'Unavailable' : 'Available';
    return this.connector(id)?.status ?? 'Available';
  }

  async sendStatus(id: number): Promise<void> {
    if (this.bootState !== 'accepted') return;
    const errorCode = (id > 0 && this.connector(id)?.errorCode) || 'NoError';
    await this.send('StatusNotification', { connectorId: id, errorCode, status: this.statusOf(id), timestamp: this.now() });
  }

  setStatus(c: Connector, status: Status): void {
    if (c.status === status) return;
    c.status = status;
    void this.sendStatus(c.id);
  }

  /** The status a connector rests in when nothing happens on it. */
  restingStatus(c: Connector): Status {
    if (!c.operative) return 'Unavailable';
    if (c.errorCode) return 'Faulted';
    if (c.authorized || c.plugged) return 'Preparing';
    return this.reservationOn(c) ? 'Reserved' : 'Available';
  }

  /** The reservation that holds connector `c`: its own, or one for the whole charge point when `c` is the only connector. */
  reservationOn(c: Connector): Reservation16 | undefined {
    const all = [...this.reservations.values()];
    return all.find((r) => r.connectorId === c.id) ?? (this.connectors.length === 1 ? all.find((r) => r.connectorId === 0) : undefined);
  }
}
