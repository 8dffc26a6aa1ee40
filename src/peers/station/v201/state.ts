import type { ActionOutcome, ManualAction } from '../../../core/manual-actions.js';
import type { ReferencePeer, StationPeerOptions } from '../../../engine/peer-contract.js';
import { organizationOf } from '../../../core/config.js';
import type { SecurityProfile } from '../../../core/meta.js';
import { serializeCall } from '../../../protocol/framing.js';
import type { RpcPeer, Payload } from '../../rpc.js';
import { ActiveFaults } from '../../faults.js';
import { ReconnectBackoff } from '../../shared/backoff.js';
import { RollingLog, type SecurityEvent } from '../../shared/security-log.js';
import { DeviceModel201 } from './device-model.js';
import { CertStore201 } from './cert-store.js';
import type { ClientIdentity, PendingKey } from './tls-identity.js';
import type { Station201Fault } from './faults.js';

/** The versions of the 2.0.1 family: 2.1 is the 2.0.1 station plus a delta. */
export type Station2Version = '2.0.1' | '2.1';

/** A handler of a CSMS call, given the station, the payload and the connection it came on. */
export type StationHandler = (st: StationState, p: Payload, rpc: RpcPeer) => Payload | Promise<Payload>;

export type BootState = 'offline' | 'booting' | 'pending' | 'rejected' | 'accepted';
export type Scope = 'station' | 'evse' | 'connector';

export interface IdToken {
  idToken: string;
  type: string;
}

export interface Tx {
  id: string;
  seqNo: number;
  /** The token that authorized the transaction; none while it runs unauthorized (started at EVConnected). */
  idToken?: IdToken;
  remoteStartId?: number;
  /** Whether the session is authorized now (false before the token, and after it is presented again). */
  authorized: boolean;
  /** Charging stopped because the CSMS refused the token while StopTxOnInvalidId is false (E05): SuspendedEVSE. */
  suspended?: boolean;
}

/** One authorization cache entry (C10): what the CSMS last said about a token. */
export interface CacheEntry {
  status: string;
  groupId?: string;
  /** When the entry stops being valid (cacheExpiryDateTime, else AuthCacheCtrlr.LifeTime after it was stored), ms. */
  expiresAt: number;
}

/** An accepted authorization waiting for the cable (EVConnectionTimeOut). */
export interface PendingStart {
  idToken: IdToken;
  remoteStartId?: number;
  origin: 'local' | 'remote';
  timer?: NodeJS.Timeout;
  /** The transaction it started already (TxStartPoint Authorized): the timeout ends it. */
  tx?: Tx;
}

/** Reconnect back-off of the reference station (short, for loopback runs). */
const BACKOFF = { minMs: 50, doublings: 4, randomMs: 25 };

/** How the family member differs from the plain 2.0.1 station, resolved from its delta. */
export interface StationVariant {
  version: Station2Version;
  subprotocol: string;
  /** Changes to the BootNotification request (a version's extra fields). */
  bootPayload: (p: Payload) => Payload;
}

/**
 * The state of a 2.0.1-family reference station and the primitives every block uses (timers,
 * sending, transaction events, crash). The block modules under blocks/ are the station's
 * behaviour, split by functional block; they read and change this state directly, which is why
 * it is public. The lifecycle hooks that cross blocks (reboot, what to do once connected) are
 * implemented by the peer class (peer.ts), so no block imports another block's caller.
 */
export abstract class StationState implements ReferencePeer {
  readonly faults: ActiveFaults<Station201Fault>;
  readonly dm: DeviceModel201;
  /** CA certificates (CSMS roots the TLS dial trusts, manufacturer roots ...), M03-M05. */
  readonly store: CertStore201;

  rpc: RpcPeer | undefined;
  stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Connections the station closes itself (no reconnect on their close). */
  readonly closing = new WeakSet<RpcPeer>();

  bootState: BootState = 'offline';
  bootReason = 'PowerUp';
  everAccepted = false;
  bootRetry: NodeJS.Timeout | undefined;
  heartbeatTimer: NodeJS.Timeout | undefined;
  alignedTimer: NodeJS.Timeout | undefined;
  periodicTimer: NodeJS.Timeout | undefined;
  pingTimer: NodeJS.Timeout | undefined;

  plugged = false;
  readonly operative: Record<Scope, boolean> = { station: true, evse: true, connector: true };
  scheduledAvailability: { scope: Scope; operative: boolean }[] = [];
  /** The idle extra EVSEs (variant `evses`) set Inoperative by ChangeAvailability. */
  readonly inoperativeEvses = new Set<number>();
  resetScheduled = false;
  reportedStatus: string | undefined;
  tx: Tx | undefined;
  /** A transaction cut off by a power loss, ended once the station is back. */
  lostTx: Tx | undefined;
  pendingStart: PendingStart | undefined;

  /**
   * Local interactions (manual actions, a remote start waiting for its authorization) run one
   * after the other: each waits until the OCPP exchange the previous one started is settled.
   */
  private flow: Promise<void> = Promise.resolve();

  /** Authorization cache (C10): type:idToken -> what the CSMS last said, when AuthCacheCtrlr.Enabled; kept over reboots. */
  readonly authCache = new Map<string, CacheEntry>();
  /** The groupIdToken the CSMS gave each token (cache or not): another token of a group may stop its transaction (C09). */
  readonly tokenGroups = new Map<string, string>();

  energyWh = 10_000;
  chargingSince: number | undefined;

  // ---- security state --------------------------------------------------------------------
  /** Crashed (a planted crash fault fired): no traffic, no reconnect, until stopped. */
  crashed = false;
  readonly backoff = new ReconnectBackoff(BACKOFF);
  /** The password used for Basic auth (changed through SecurityCtrlr.BasicAuthPassword). */
  password: string | undefined;
  /** Every security event, critical or not (A04.FR.04). */
  readonly securityLog = new RollingLog<SecurityEvent>(500);
  /** A small diagnostics log (connection life cycle), for GetLog DiagnosticsLog. */
  readonly diagnostics = new RollingLog<string>(500);
  /** Critical events not yet acknowledged by the CSMS (A04.FR.02). */
  readonly undelivered: SecurityEvent[] = [];
  delivering = false;
  /** Message ids of CSMS calls already received, across connections. */
  readonly seenIds = new Set<string>();
  /** The handlers of CSMS calls by action (the family's, with the version's delta applied). */
  abstract readonly handlers: Readonly<Record<string, StationHandler>>;
  /** The message id of the latest call (read only by the flood-mixes-responses fault). */
  latestCallId = '';

  // ---- connection profile, TLS identity, certificate renewal (A00-A05) ------------------
  /** The security profile and CSMS URL in use (changed by SetNetworkProfile + priority + Reset). */
  profile: SecurityProfile;
  url: string;
  /** Network connection profiles by configuration slot; slot 1 is the configured connection. */
  readonly slots = new Map<number, { url: string; profile: SecurityProfile }>();
  /** The station certificate and key (profile 3 presents it); none before a renewal on 0-2. */
  identity: ClientIdentity | undefined;
  /** Key pairs of CSRs sent, newest last. */
  pendingKeys: PendingKey[] = [];
  /** A renewal in progress: attempts so far and the retry timer. */
  renewal: { attempt: number; timer?: NodeJS.Timeout } | undefined;
  /** TLS failures already recorded since the last successful connection (one event per kind). */
  readonly tlsIncidents = new Set<string>();
  /** CSMS roots removed by a manual action (the store keeps its last root otherwise). */
  readonly removedRoots = new Set<string>();

  constructor(
    readonly o: StationPeerOptions,
    readonly variant: StationVariant,
  ) {
    this.faults = new ActiveFaults<Station201Fault>(o.faults);
    this.dm = new DeviceModel201(60);
    // The station's own wait for an answer (s), reported as MessageTimeout: as long as its RPC layer's.
    this.dm.configure({ 'OCPPCommCtrlr.MessageTimeout.Default': String(Math.ceil((o.config.timeouts.messageMs * 5) / 1000)) });
    this.dm.configure(o.settings ?? {});
    this.password = o.basicAuthPassword;
    this.store = new CertStore201({ pki: o.pki, faults: this.faults, now: () => new Date(o.clock.now()) });
    this.profile = o.tls ? o.tls.profile : o.basicAuthPassword !== undefined ? 1 : 0;
    this.url = o.target;
    this.slots.set(1, { url: o.target, profile: this.profile });
    this.dm.put('SecurityCtrlr', 'SecurityProfile', String(this.profile));
    this.dm.put('SecurityCtrlr', 'OrganizationName', organizationOf(o.config));
    if (this.profile === 3) {
      const name = this.faults.has('presents-wrong-cn-cert') ? 'station-wrong-cn' : 'station';
      const a = o.pki?.has(name) ? o.pki.artifact(name) : undefined;
      this.identity = a ? { cert: a.chainPem, key: a.keyPem } : o.tls ? { cert: o.tls.stationCert, key: o.tls.stationKey } : undefined;
    }
  }

  // ---- lifecycle hooks (peer.ts) -----------------------------------------------------------

  /** Power cycle or CSMS reset: everything stops, the socket closes, the station boots again. */
  abstract reboot(reason: string): void;
  /** A connection was opened and its handlers attached: boot, or report in again. */
  abstract onConnected(rpc: RpcPeer): void;
  /** Gives a new connection the station's handlers and its inbound screening. */
  abstract attach(rpc: RpcPeer): void;
  abstract perform(action: ManualAction): Promise<ActionOutcome>;
  /** Queues a TransactionEvent request for delivery (blocks/tx-offline.ts); resolves with the answer, undefined when dropped. */
  abstract deliverTx(payload: Payload): Promise<Payload | undefined>;
  /** The CSMS answered a TransactionEvent of `tx` that carried `idToken` (cache update, invalid token, C10/E05). */
  abstract onTxResponse(tx: Tx, idToken: IdToken, res: Payload): void;

  // ---- primitives ---------------------------------------------------------------------------

  get evseId(): number {
    return this.o.config.ids.evseId;
  }

  get connectorId(): number {
    return this.o.config.ids.connectorId;
  }

  /** Whether the boot was accepted (read through a getter: it changes across awaits). */
  get registered(): boolean {
    return this.bootState === 'accepted';
  }

  now(ms = this.o.clock.now()): string {
    return new Date(ms).toISOString();
  }

  /** Queues a local interaction behind the ones still in progress. */
  serialize(fn: () => void | Promise<void>): void {
    const run = () => (this.stopped ? undefined : fn());
    this.flow = this.flow.then(run).catch((err: Error) => this.o.log?.(`local flow failed: ${err.message}`));
  }

  later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        if (!this.stopped) fn();
      },
      // Node fires a timer of 2^31 ms or more at once; a faulted peer may take any interval a case sends.
      Math.min(Math.max(0, ms), 2 ** 31 - 1),
    );
    this.timers.add(t);
    return t;
  }

  cancel(t: NodeJS.Timeout | undefined): void {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  /** Sends a call; outside an accepted registration only when `anyState` (triggered messages). */
  send(action: string, payload: Payload, anyState = false): Promise<Payload | undefined> {
    const rpc = this.rpc;
    if (!rpc || rpc.closed) return Promise.resolve(undefined);
    if (this.bootState !== 'accepted' && !anyState) return Promise.resolve(undefined);
    if (this.faults.has('second-call-before-answer')) {
      // Fire and forget: the next call does not wait for this one's answer.
      rpc.sendRaw(serializeCall(this.o.ids.next(), action, payload));
      return Promise.resolve({});
    }
    let repeat: NodeJS.Timeout | undefined;
    if (this.faults.has('unanswered-call-flood')) {
      const again = () => {
        if (rpc.closed || this.stopped) return;
        rpc.sendRaw(serializeCall(this.o.ids.next(), action, payload));
        repeat = setTimeout(again, 100);
      };
      repeat = setTimeout(again, 100);
    }
    return rpc
      .call(action, payload)
      .catch((err: Error) => {
        this.o.log?.(`${action} failed: ${err.message}`);
        return undefined;
      })
      .finally(() => clearTimeout(repeat));
  }

  /** A TransactionEvent of `tx` (default: the running one) with its next sequence number. */
  txEvent(
    eventType: 'Started' | 'Updated' | 'Ended',
    triggerReason: string,
    extra: Payload = {},
    tx = this.tx,
  ): Promise<Payload | undefined> {
    if (!tx) return Promise.resolve(undefined);
    const charging = eventType !== 'Ended' && this.plugged && tx.authorized;
    const chargingState = charging ? (tx.suspended ? 'SuspendedEVSE' : 'Charging') : this.plugged ? 'EVConnected' : 'Idle';
    const { transactionInfo, ...rest } = extra;
    const sent = this.deliverTx({
      eventType,
      timestamp: this.now(),
      triggerReason,
      seqNo: tx.seqNo++,
      transactionInfo: { transactionId: tx.id, chargingState, ...(transactionInfo ?? {}) },
      ...rest,
    });
    const idToken = rest.idToken as IdToken | undefined;
    if (!idToken) return sent;
    return sent.then((res) => {
      if (res?.idTokenInfo) this.onTxResponse(tx, idToken, res);
      return res;
    });
  }

  /** Closes the connection shortly after an answer went out, so the next dial uses new credentials (A01, A02). */
  reconnectSoon(): void {
    const rpc = this.rpc;
    this.later(50, () => {
      if (rpc && this.rpc === rpc) rpc.close(1000);
    });
  }

  stopActivity(): void {
    for (const t of [this.bootRetry, this.heartbeatTimer, this.alignedTimer, this.periodicTimer, this.pendingStart?.timer, this.pingTimer])
      this.cancel(t);
    this.bootRetry = this.heartbeatTimer = this.alignedTimer = this.periodicTimer = this.pingTimer = undefined;
    this.pendingStart = undefined;
  }

  /** The planted crash: the connection drops and the station stays silent until stopped. */
  crash(why: string): void {
    if (this.crashed) return;
    this.o.log?.(`crashed: ${why}`);
    this.crashed = true;
    this.stopActivity();
    const rpc = this.rpc;
    this.rpc = undefined;
    if (rpc) {
      this.closing.add(rpc);
      rpc.ws.terminate();
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
