import type WebSocket from 'ws';
import type { ActionOutcome, ManualAction } from '../../core/manual-actions.js';
import { parseFrame, serializeCall, serializeError, serializeResult } from '../../protocol/framing.js';
import { RpcError, RpcPeer, type Payload } from '../rpc.js';
import type { FaultInfo, ReferencePeer, StationPeerModule, StationPeerOptions } from '../../engine/peer-contract.js';
import { DeviceModel201, type ComponentRef, type VariableRef } from './v201/device-model.js';
import { dialStation201, firmwareLocationProblem, HandshakeRefused, hasFarFutureYear, nestingDepth } from './v201/net.js';
import { uploadToLoopback } from '../../transport/loopback.js';
import { formatSecurityLog, isCritical, OCPP16_SPELLING, RollingLog, type SecurityEvent } from './v201/security.js';
import { FrameTap } from './v201/frame-tap.js';
import { CERT_STORE_FAULTS, CertStore201 } from './v201/cert-store.js';
import { organizationOf, stationSerialOf } from '../../core/config.js';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { OCPP_CIPHERS } from '../../transport/tls.js';
import { createCsr } from '../../pki/csr.js';
import { sameHashData } from '../../pki/test-pki.js';
import { X509Certificate } from 'node:crypto';
import type { SecurityProfile } from '../../core/meta.js';
import { checkSignedChain, classifyTlsFailure, identityValid, publicKeyDerOf, type ClientIdentity, type PendingKey } from './v201/tls-identity.js';

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
  // Security and robustness faults (the SEC_*_CS cases).
  { name: 'non-json-closes-connection', description: 'a text frame that is not JSON makes the station close its connection' },
  { name: 'arity-tolerated', description: 'a CALL with extra trailing array elements is executed as if it were well-formed' },
  { name: 'unknown-type-executed-as-call', description: 'a frame with an unknown message type id but a CALL shape is executed as a CALL' },
  { name: 'long-message-id-accepted', description: 'a CALL whose message id is longer than 36 characters is executed' },
  { name: 'action-name-case-insensitive', description: 'action names are matched case-insensitively, so "reset" runs Reset' },
  { name: 'schema-unchecked-request-start', description: 'RequestStartTransaction is executed without schema validation, even when malformed' },
  { name: 'setvar-stores-unvalidated', description: 'SetVariables stores any text in integer variables (e.g. shell metacharacters) without validating it' },
  { name: 'replayed-start-executed-twice', description: 'a CALL repeated with the same message id is executed again (no replay detection)' },
  { name: 'forged-boot-result-unlocks', description: 'while Pending, any CALLRESULT with status Accepted (even unsolicited) is taken as the boot acceptance' },
  { name: 'second-call-before-answer', description: 'the station sends its next CALL without waiting for the answer to the previous one' },
  { name: 'negative-interval-accepted', description: 'a BootNotificationResponse interval of -1 is used as the heartbeat interval (heartbeat flood)' },
  { name: 'accepts-unoffered-subprotocol', description: 'the station keeps a connection whose 101 answer selected a subprotocol it did not offer, or none' },
  { name: 'binary-frame-crash', description: 'a binary WebSocket frame crashes the station (connection lost, no reconnect)' },
  { name: 'big-message-crash', description: 'the station has no message size limit and crashes on a message above 1 MiB' },
  { name: 'flood-mixes-responses', description: 'calls arriving in a burst are answered with the message id of the latest call (responses mixed up)' },
  { name: 'deep-customdata-crash', description: 'a deeply nested (but schema-valid) customData crashes the station' },
  { name: 'unanswered-call-flood', description: 'when the CSMS does not answer, the station re-sends its call every 100 ms with new message ids' },
  { name: 'no-backoff', description: 'the station reconnects at a fixed short delay instead of backing off' },
  { name: 'secret-in-url-query', description: 'the station appends an authentication token as query parameter to its connection URL' },
  { name: 'no-security-event-at-boot', description: 'no StartupOfTheDevice / ResetOrReboot security event is sent after a boot' },
  { name: 'offline-event-restamped', description: 'security events queued while offline are sent with the time of sending instead of the time they happened' },
  { name: 'event-name-16-spelling', description: 'security events renamed in 2.0.1 are recorded with their 1.6 names (FailedToAuthenticationAtCentralSystem ...)' },
  { name: 'security-log-omits-noncritical', description: 'the security log only records critical events' },
  { name: 'security-log-leaks-password', description: 'the security log entry for a changed BasicAuthPassword contains the new password' },
  { name: 'auth-failure-not-logged', description: 'an HTTP 401 at the handshake is not recorded as FailedToAuthenticateAtCsms' },
  { name: 'firmware-file-url-accepted', description: 'UpdateFirmware accepts a file: location and reports the local file as downloaded' },
  { name: 'crash-on-far-future-year', description: 'a request with a date-time whose year has more than 4 digits crashes the station (for the fuzzer)' },
  { name: 'fragment-flood-crash', description: 'a message split into more than 1000 WebSocket fragments crashes the station (every fragment is kept as its own buffer) instead of being assembled or refused' },
  { name: 'deflate-bomb-crash', description: 'a compressed (RSV1) frame is inflated without a size limit although no compression was negotiated: a deflate bomb crashes the station instead of the connection failing with 1002' },
  { name: 'tamper-not-reported', description: 'an opened enclosure is only written to the security log: TamperDetectionActivated is never pushed with SecurityEventNotification' },
  // Security profiles, TLS and certificates (block A, TLS/AUTH/CERT cases).
  { name: 'basic-auth-user-not-identity', description: 'the Basic-auth user name is "admin" instead of the station identity' },
  { name: 'password-readable', description: 'GetVariables SecurityCtrlr.BasicAuthPassword returns the password (Accepted with a value)' },
  { name: 'new-password-not-used', description: 'a new BasicAuthPassword is answered Accepted, but the station keeps connecting with the old one' },
  { name: 'invalid-password-accepted', description: 'SetVariables BasicAuthPassword accepts a password that is not a 16..40 character passwordString' },
  { name: 'dials-plain-ws', description: 'on security profile 2/3 the station dials ws:// (no TLS)' },
  { name: 'accepts-invalid-csms-cert', description: 'the station does not verify the CSMS server certificate (unknown issuer, expired, wrong host name are all accepted)' },
  { name: 'accepts-tls-below-1-2', description: 'the station offers and accepts TLS 1.0/1.1 (with CBC suites)' },
  { name: 'offers-weak-suites', description: 'the station offers 3DES and NULL suites in its ClientHello' },
  { name: 'accepts-cbc-sha1-suites', description: 'the station offers and accepts the CBC-SHA1 suites AES128-SHA / AES256-SHA' },
  { name: 'presents-wrong-cn-cert', description: 'on profile 3 the station presents a client certificate whose CN is not its serial number' },
  { name: 'renewed-cert-not-used', description: 'after an Accepted CertificateSigned the station reconnects with its old certificate' },
  { name: 'accepts-untrusted-station-cert', description: 'CertificateSigned is Accepted without checking that the chain leads to a trusted root' },
  { name: 'signed-cert-key-unchecked', description: 'CertificateSigned is Accepted without checking that the public key is the one of its CSR' },
  { name: 'sign-rejected-no-retry', description: 'after SignCertificate is Rejected the station never sends a new one' },
  { name: 'cert-signed-timeout-no-retry', description: 'when no CertificateSigned follows an Accepted SignCertificate the station never retries' },
  { name: 'network-priority-ignored', description: 'after NetworkConfigurationPriority and Reset the station keeps using its old connection profile' },
  { name: 'upgrade-without-csms-root', description: 'SetNetworkProfile to security profile 2/3 is Accepted although no CSMS root certificate is installed' },
  { name: 'upgrade-without-station-cert', description: 'SetNetworkProfile to security profile 3 is Accepted although the station has no valid station certificate' },
  { name: 'downgrades-profile', description: 'SetNetworkProfile with a lower security profile than the current one is Accepted' },
  // Certificate store (M03-M05): owned by cert-store.ts.
  ...CERT_STORE_FAULTS,
];

/** Reconnect back-off of the reference station (short, for loopback runs): minimum, doublings, jitter. */
const BACKOFF_MIN_MS = 50;
const BACKOFF_REPEAT = 4;
const BACKOFF_RANDOM_MS = 25;
/** Largest WebSocket message the station accepts (a documented limit; bigger ones close with 1009). */
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Message ids of CSMS calls remembered for replay detection (across connections). */
const REPLAY_MEMORY = 1024;
/** Fragments per message the fragment-flood-crash fault survives (conformant: ws assembles up to 16384, more close with 1008). */
const FAULT_MAX_FRAGMENTS = 1000;

type Handlers = Record<string, (p: Payload) => Payload | Promise<Payload>>;

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
 * state only. Manual actions (plug in, unplug, present token, reboot, tamper, maintenance login)
 * arrive via perform().
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

  // ---- security state --------------------------------------------------------------------
  /** Crashed (a planted crash fault fired): no traffic, no reconnect, until stopped. */
  private crashed = false;
  /** Failed connection attempts since the last successful one (drives the back-off). */
  private reconnectAttempt = 0;
  /** The password used for Basic auth (changed through SecurityCtrlr.BasicAuthPassword). */
  private password: string | undefined;
  /** Every security event, critical or not (A04.FR.04). */
  private readonly securityLog = new RollingLog<SecurityEvent>(500);
  /** A small diagnostics log (connection life cycle), for GetLog DiagnosticsLog. */
  private readonly diagnostics = new RollingLog<string>(500);
  /** Critical events not yet acknowledged by the CSMS (A04.FR.02). */
  private readonly undelivered: SecurityEvent[] = [];
  private delivering = false;
  /** Message ids of CSMS calls already received, across connections. */
  private readonly seenIds = new Set<string>();
  private handlers: Handlers = {};
  private pingTimer: NodeJS.Timeout | undefined;
  private latestCallId = '';

  /** CA certificates (CSMS roots the TLS dial trusts, manufacturer roots ...), M03-M05. */
  private readonly store: CertStore201;

  // ---- connection profile, TLS identity, certificate renewal (A00-A05) ------------------
  /** The security profile and CSMS URL in use (changed by SetNetworkProfile + priority + Reset). */
  private profile: SecurityProfile;
  private url: string;
  /** Network connection profiles by configuration slot; slot 1 is the configured connection. */
  private readonly slots = new Map<number, { url: string; profile: SecurityProfile }>();
  /** The station certificate and key (profile 3 presents it); none before a renewal on 0-2. */
  private identity: ClientIdentity | undefined;
  /** Key pairs of CSRs sent, newest last. */
  private pendingKeys: PendingKey[] = [];
  /** A renewal in progress: attempts so far and the retry timer. */
  private renewal: { attempt: number; timer?: NodeJS.Timeout } | undefined;
  /** TLS failures already recorded since the last successful connection (one event per kind). */
  private readonly tlsIncidents = new Set<string>();
  /** CSMS roots removed by a manual action (the store keeps its last root otherwise). */
  private readonly removedRoots = new Set<string>();

  constructor(private readonly o: StationPeerOptions) {
    this.dm = new DeviceModel201(60);
    this.password = o.basicAuthPassword;
    this.store = new CertStore201({ pki: o.pki, faults: o.faults, now: () => new Date(o.clock.now()) });
    this.profile = o.tls ? o.tls.profile : o.basicAuthPassword !== undefined ? 1 : 0;
    this.url = o.target;
    this.slots.set(1, { url: o.target, profile: this.profile });
    this.dm.put('SecurityCtrlr', 'SecurityProfile', String(this.profile));
    this.dm.put('SecurityCtrlr', 'OrganizationName', organizationOf(o.config));
    if (this.profile === 3) {
      const name = this.fault('presents-wrong-cn-cert') ? 'station-wrong-cn' : 'station';
      const a = o.pki?.has(name) ? o.pki.artifact(name) : undefined;
      this.identity = a ? { cert: a.chainPem, key: a.keyPem } : o.tls ? { cert: o.tls.stationCert, key: o.tls.stationKey } : undefined;
    }
  }

  /** The CSMS roots the station trusts (installed, minus any removed by hand). */
  private csmsRoots(): string[] {
    return this.store.csmsRoots().filter((pem) => !this.removedRoots.has(fingerprint(pem)));
  }

  /** The URL of the dial: wss:// on profile 2/3 (unless broken), ws:// below. */
  private dialUrl(): string {
    const secure = this.profile >= 2 && !this.fault('dials-plain-ws');
    return secure ? this.url.replace(/^ws:\/\//i, 'wss://') : this.url.replace(/^wss:\/\//i, 'ws://');
  }

  /** TLS options of the dial (profile 2/3): trust the installed CSMS roots; profile 3 presents the station certificate. */
  private tlsOptions(url: string): ConnectionOptions | undefined {
    if (!/^wss:/i.test(url)) return undefined;
    let host = '';
    try {
      host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    } catch {
      /* the dial reports a bad URL itself */
    }
    let ciphers = OCPP_CIPHERS;
    if (this.fault('accepts-tls-below-1-2')) ciphers += ':AES128-SHA:AES256-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0';
    if (this.fault('offers-weak-suites')) ciphers += ':DES-CBC3-SHA:NULL-SHA256:@SECLEVEL=0';
    if (this.fault('accepts-cbc-sha1-suites')) ciphers += ':AES128-SHA:AES256-SHA';
    const lax = this.fault('accepts-invalid-csms-cert');
    return {
      ca: this.csmsRoots(),
      minVersion: this.fault('accepts-tls-below-1-2') ? 'TLSv1' : 'TLSv1.2',
      ciphers,
      ...(lax ? { rejectUnauthorized: false, checkServerIdentity: () => undefined } : {}),
      ...(host && isIP(host) === 0 ? { servername: host } : {}),
      ...(this.profile === 3 && this.identity ? { cert: this.identity.cert, key: this.identity.key } : {}),
    };
  }

  /** The password of the Basic-auth header (profiles 1 and 2 only). */
  private dialPassword(): string | undefined {
    return this.profile === 1 || this.profile === 2 ? this.password : undefined;
  }

  private get evseId(): number {
    return this.o.config.ids.evseId;
  }

  private get connectorId(): number {
    return this.o.config.ids.connectorId;
  }

  /** Whether the boot was accepted (read through a getter: it changes across awaits). */
  private get registered(): boolean {
    return this.bootState === 'accepted';
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
    this.securityEvent('StartupOfTheDevice', 'powered up');
    await this.connect();
  }

  /** Reconnects after a growing delay: minimum, doubled per failed attempt (capped), plus jitter. */
  private scheduleReconnect(): void {
    if (this.stopped || this.crashed) return;
    const n = this.reconnectAttempt++;
    const delay = this.fault('no-backoff') ? BACKOFF_MIN_MS : BACKOFF_MIN_MS * 2 ** Math.min(n, BACKOFF_REPEAT) + Math.floor(Math.random() * BACKOFF_RANDOM_MS);
    this.later(delay, () => void this.connect());
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.crashed) return;
    let ws: WebSocket;
    let release: () => void;
    const url = this.dialUrl();
    try {
      ({ ws, release } = await dialStation201({
        target: url,
        identity: this.o.identity,
        authUser: this.fault('basic-auth-user-not-identity') ? 'admin' : undefined,
        version: this.o.version,
        basicAuthPassword: this.dialPassword(),
        timeoutMs: this.o.config.timeouts.connectMs,
        tls: this.o.tls,
        tlsOptions: this.tlsOptions(url),
        maxPayload: this.fault('big-message-crash') ? 16 * MAX_MESSAGE_BYTES : MAX_MESSAGE_BYTES,
        ignoreSubprotocolAnswer: this.fault('accepts-unoffered-subprotocol'),
        query: this.fault('secret-in-url-query') ? `authToken=${encodeURIComponent(this.password ?? 'REF-201-0001-token')}` : undefined,
      }));
    } catch (err) {
      this.o.log?.(`connect failed: ${(err as Error).message}`);
      this.diagnostics.add(`${this.now()} connection attempt failed: ${(err as Error).message}`);
      if (err instanceof HandshakeRefused && err.status === 401 && !this.fault('auth-failure-not-logged')) {
        this.securityEvent('FailedToAuthenticateAtCsms', 'the CSMS answered the WebSocket upgrade with HTTP 401');
      }
      const tlsEvent = /^wss:/i.test(url) ? classifyTlsFailure(err) : undefined;
      if (tlsEvent && !this.tlsIncidents.has(tlsEvent)) {
        // One event per kind until connected again; pushed once a valid server is reached.
        this.tlsIncidents.add(tlsEvent);
        this.securityEvent(tlsEvent, `TLS connection aborted: ${(err as Error).message}`.slice(0, 255), true);
      }
      this.scheduleReconnect();
      return;
    }
    if (this.stopped || this.crashed) {
      ws.terminate();
      return;
    }
    this.reconnectAttempt = 0;
    this.tlsIncidents.clear();
    this.dropLowerSlots();
    this.diagnostics.add(`${this.now()} connected to the CSMS`);
    if (this.fault('fragment-flood-crash') || this.fault('deflate-bomb-crash')) {
      // The frame tap sees what ws hides (fragment counts, RSV1); only these faults install it.
      FrameTap.attach(ws, (f) => {
        if (this.fault('fragment-flood-crash') && f.fragments > FAULT_MAX_FRAGMENTS) this.crash(`a message of more than ${FAULT_MAX_FRAGMENTS} fragments`);
        if (this.fault('deflate-bomb-crash') && f.rsv1 && f.opcode < 8) this.crash('a compressed frame inflated without a limit');
      });
    }
    const rpc = new RpcPeer(ws, { version: this.o.version, validator: this.o.validator, ids: this.o.ids, callTimeoutMs: this.o.config.timeouts.messageMs * 5 });
    this.rpc = rpc;
    this.installHandlers(rpc);
    rpc.intercept((text, isBinary) => this.inspect(rpc, text, isBinary));
    release();
    rpc.onClose(() => {
      if (this.rpc !== rpc) return;
      this.rpc = undefined;
      this.cancel(this.pingTimer);
      this.pingTimer = undefined;
      this.diagnostics.add(`${this.now()} connection lost`);
      if (this.stopped || this.crashed || this.closing.has(rpc)) return;
      // Connection lost without a reboot: reconnect; a station that was accepted does not boot again.
      this.scheduleReconnect();
    });
    this.restartPings();
    if (this.everAccepted && this.bootState === 'accepted') {
      this.reportStatus(true);
      void this.deliverEvents();
      return;
    }
    void this.boot(rpc, this.bootReason);
  }

  /** WebSocket pings every WebSocketPingInterval s; a ping unanswered after half an interval closes the connection. */
  private restartPings(): void {
    this.cancel(this.pingTimer);
    this.pingTimer = undefined;
    const rpc = this.rpc;
    const s = this.dm.int('OCPPCommCtrlr', 'WebSocketPingInterval');
    if (!rpc || s <= 0) return;
    let awaiting = false;
    rpc.ws.on('pong', () => (awaiting = false));
    const check = () => {
      if (this.rpc !== rpc || rpc.closed || !awaiting) return;
      this.o.log?.('no pong from the CSMS: closing the connection');
      this.diagnostics.add(`${this.now()} no pong within ${s / 2} s: connection closed`);
      rpc.ws.terminate();
    };
    const tick = () => {
      if (this.rpc !== rpc || rpc.closed) return;
      awaiting = true;
      try {
        rpc.ws.ping();
      } catch {
        /* closing */
      }
      this.later((s * 1000) / 2, check);
      this.pingTimer = this.later(s * 1000, tick);
    };
    this.pingTimer = this.later(s * 1000, tick);
  }

  private async boot(rpc: RpcPeer, reason: string): Promise<void> {
    this.cancel(this.bootRetry);
    this.bootRetry = undefined;
    if (this.bootState !== 'pending' && this.bootState !== 'rejected') this.bootState = 'booting';
    let res: Payload;
    try {
      res = await rpc.call('BootNotification', {
        reason: this.fault('boot-invalid-reason') ? 'Booted' : reason,
        chargingStation: { model: 'RefStation', vendorName: 'ocpp-harness', firmwareVersion: '1.0.0', serialNumber: stationSerialOf(this.o.config) },
      });
    } catch (err) {
      this.o.log?.(`boot failed: ${(err as Error).message}`);
      // No usable answer (CALLERROR, malformed, timeout): try again after the retry interval.
      if (this.rpc === rpc && !this.stopped && !this.registered) {
        this.bootRetry = this.later(this.o.config.timeouts.bootRetryIntervalS * 1000, () => {
          if (this.rpc === rpc && this.bootState !== 'accepted') void this.boot(rpc, reason);
        });
      }
      return;
    }
    if (this.rpc !== rpc || this.stopped) return;
    if (res.status === 'Accepted' && this.registered) return; // already unlocked (fault)
    const valid = Number.isInteger(res.interval) && (res.interval as number) > 0;
    const intervalS = valid ? (res.interval as number) : this.fault('negative-interval-accepted') && Number.isInteger(res.interval) ? (res.interval as number) : this.o.config.timeouts.bootRetryIntervalS;
    if (res.status === 'Accepted') {
      this.onBootAccepted(intervalS);
      return;
    }
    if (res.status === 'Pending') {
      this.bootState = 'pending';
      if (this.fault('pending-sends-status')) this.reportStatus(true, true);
    } else {
      this.bootState = 'rejected';
    }
    // Pending or Rejected: nothing else is sent; the boot is retried after the interval.
    const retryMs = this.bootState === 'rejected' && this.fault('rejected-retry-early') ? 50 : Math.max(1, intervalS) * 1000;
    this.bootRetry = this.later(retryMs, () => {
      if (this.rpc === rpc && this.bootState !== 'accepted') void this.boot(rpc, reason);
    });
  }

  private onBootAccepted(intervalS: number): void {
    this.cancel(this.bootRetry);
    this.bootRetry = undefined;
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
    void this.deliverEvents();
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
    this.reconnectAttempt = 0;
    this.applyNetworkPriority();
    this.securityEvent(reason === 'RemoteReset' ? 'ResetOrReboot' : 'StartupOfTheDevice', reason === 'RemoteReset' ? 'reset requested by the CSMS' : 'power cycle');
    this.later(100, () => void this.connect());
  }

  private stopActivity(): void {
    for (const t of [this.bootRetry, this.heartbeatTimer, this.alignedTimer, this.periodicTimer, this.pendingStart?.timer, this.pingTimer]) this.cancel(t);
    this.bootRetry = this.heartbeatTimer = this.alignedTimer = this.periodicTimer = this.pingTimer = undefined;
    this.pendingStart = undefined;
  }

  /** The planted crash: the connection drops and the station stays silent until stopped. */
  private crash(why: string): void {
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

  /** Sends a call; outside an accepted registration only when `anyState` (triggered messages). */
  private send(action: string, payload: Payload, anyState = false): Promise<Payload | undefined> {
    const rpc = this.rpc;
    if (!rpc || rpc.closed) return Promise.resolve(undefined);
    if (this.bootState !== 'accepted' && !anyState) return Promise.resolve(undefined);
    if (this.fault('second-call-before-answer')) {
      // Fire and forget: the next call does not wait for this one's answer.
      rpc.sendRaw(serializeCall(this.o.ids.next(), action, payload));
      return Promise.resolve({});
    }
    let repeat: NodeJS.Timeout | undefined;
    if (this.fault('unanswered-call-flood')) {
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

  private restartHeartbeat(): void {
    this.cancel(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    const s = this.dm.int('OCPPCommCtrlr', 'HeartbeatInterval');
    if (s === 0 || (s < 0 && !this.fault('negative-interval-accepted'))) return;
    const beat = () => {
      this.heartbeatTimer = this.later(s * 1000, beat);
      void this.send('Heartbeat', {});
    };
    this.heartbeatTimer = this.later(s * 1000, beat);
  }

  // ---- security events and inbound screening ----------------------------------------------

  /** Records a security event; critical ones are also pushed (queued until acknowledged). */
  private securityEvent(type: string, techInfo?: string, push = false): void {
    if ((type === 'StartupOfTheDevice' || type === 'ResetOrReboot') && this.fault('no-security-event-at-boot')) return;
    const name = this.fault('event-name-16-spelling') ? (OCPP16_SPELLING[type] ?? type) : type;
    const event: SecurityEvent = { type: name, timestamp: this.now(), techInfo };
    // `push`: events the CSMS must learn about although they are not rated critical (A00 TLS failures, A02.FR.07).
    const critical = (push || isCritical(type)) && !(type === 'TamperDetectionActivated' && this.fault('tamper-not-reported'));
    if (critical || !this.fault('security-log-omits-noncritical')) this.securityLog.add(event);
    if (!critical) return;
    this.undelivered.push(event);
    void this.deliverEvents();
  }

  /** Pushes queued critical events one by one; each stays queued until the CSMS acknowledged it. */
  private async deliverEvents(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    try {
      while (this.undelivered.length && this.rpc && this.bootState === 'accepted' && !this.stopped) {
        const e = this.undelivered[0];
        const payload: Payload = { type: e.type, timestamp: this.fault('offline-event-restamped') ? this.now() : e.timestamp };
        if (e.techInfo) payload.techInfo = e.techInfo;
        const res = await this.send('SecurityEventNotification', payload);
        if (res === undefined) break;
        if (this.undelivered[0] === e) this.undelivered.shift();
      }
    } finally {
      this.delivering = false;
    }
  }

  /** Answers a CALL directly with one of our handlers (used only by fault paths). */
  private async execute(rpc: RpcPeer, messageId: string, action: string, payload: unknown, replyId = () => messageId): Promise<void> {
    const handler = this.handlers[action];
    if (!handler) return;
    try {
      const out = await handler((payload ?? {}) as Payload);
      rpc.sendRaw(serializeResult(replyId(), out));
    } catch (err) {
      rpc.sendRaw(serializeError(replyId(), err instanceof RpcError ? err.code : 'InternalError', (err as Error).message.slice(0, 255)));
    }
  }

  /**
   * Sees every inbound frame first. It records invalid messages and replays in the security
   * log, turns malformed answers to our own calls into failed calls, detects replayed message
   * ids, and is the single place where the frame-level faults act.
   */
  private inspect(rpc: RpcPeer, text: string, isBinary: boolean): boolean {
    if (this.crashed) return true;
    if (isBinary) {
      if (this.fault('binary-frame-crash')) {
        this.crash('binary frame');
        return true;
      }
      this.securityEvent('InvalidMessages', 'binary WebSocket frame ignored');
      return true;
    }
    if (text.length > MAX_MESSAGE_BYTES && this.fault('big-message-crash')) {
      this.crash(`message of ${text.length} bytes`);
      return true;
    }
    const frame = parseFrame(text);
    if (frame.kind === 'malformed') {
      this.securityEvent('InvalidMessages', frame.problem.slice(0, 200));
      return this.inspectMalformed(rpc, text, frame.problem);
    }
    if (frame.kind === 'result' && this.bootState === 'pending' && this.fault('forged-boot-result-unlocks')) {
      const p = frame.payload as Payload;
      if (p.status === 'Accepted') this.onBootAccepted(Number.isInteger(p.interval) && p.interval > 0 ? p.interval : this.o.config.timeouts.bootRetryIntervalS);
      return false;
    }
    if (frame.kind !== 'call') return false;
    if (this.fault('crash-on-far-future-year') && hasFarFutureYear(frame.payload)) {
      this.crash('date-time with a year of more than 4 digits');
      return true;
    }
    if (this.fault('deep-customdata-crash') && nestingDepth(frame.payload, 1001) > 1000) {
      this.crash('deeply nested payload');
      return true;
    }
    if (!this.fault('replayed-start-executed-twice')) {
      if (this.seenIds.has(frame.messageId)) {
        this.securityEvent('AttemptedReplayAttacks', `message id ${frame.messageId.slice(0, 40)} of ${frame.action} was used before`);
        rpc.sendRaw(serializeError(frame.messageId, 'RpcFrameworkError', 'message id already used; the call is not executed again'));
        return true;
      }
      this.seenIds.add(frame.messageId);
      if (this.seenIds.size > REPLAY_MEMORY) this.seenIds.delete(this.seenIds.values().next().value as string);
    }
    const known = this.o.validator.hasAction(frame.action);
    if (!known && this.fault('action-name-case-insensitive')) {
      const match = Object.keys(this.handlers).find((a) => a.toLowerCase() === frame.action.toLowerCase());
      if (match) {
        void this.execute(rpc, frame.messageId, match, frame.payload);
        return true;
      }
    }
    const valid = known && this.o.validator.validate(frame.action, 'request', frame.payload).valid;
    if (known && !valid) {
      if (frame.action === 'RequestStartTransaction' && this.fault('schema-unchecked-request-start')) {
        const p = (frame.payload ?? {}) as Payload;
        const token = { idToken: String(p.idToken?.idToken ?? p.idToken ?? 'UNKNOWN'), type: String(p.idToken?.type ?? 'ISO14443') };
        if (this.bootState === 'accepted' && !this.tx && !this.pendingStart) {
          const remoteStartId = Number.isInteger(p.remoteStartId) ? (p.remoteStartId as number) : 0;
          this.later(0, () => this.serialize(() => this.remoteStart(token, remoteStartId)));
        }
        rpc.sendRaw(serializeResult(frame.messageId, { status: 'Accepted' }));
        return true;
      }
      this.securityEvent('InvalidMessages', `${frame.action} violates its schema`);
    }
    if (this.fault('flood-mixes-responses') && valid && this.handlers[frame.action]) {
      // One shared "current call" slot: the answer goes out a moment later, under whichever id
      // arrived last (harmless for calls one at a time, mixed up in a burst).
      this.latestCallId = frame.messageId;
      setTimeout(() => void this.execute(rpc, frame.messageId, frame.action, frame.payload, () => this.latestCallId), 5);
      return true;
    }
    return false;
  }

  /** Malformed frames: answers to our own calls become failed calls; faults execute some shapes. */
  private inspectMalformed(rpc: RpcPeer, text: string, problem: string): boolean {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (this.fault('non-json-closes-connection')) {
        rpc.close(1007);
        return true;
      }
      return false;
    }
    if (!Array.isArray(value)) return false;
    const [type, id, action, payload] = value as [unknown, unknown, unknown, unknown];
    if ((type === 3 || type === 4) && typeof id === 'string' && id) {
      // A malformed CALLRESULT/CALLERROR for one of our calls: that call failed. We do not answer it.
      rpc.ws.emit('message', Buffer.from(serializeError(id, 'FormatViolation', `malformed answer: ${problem}`.slice(0, 255))), false);
      return true;
    }
    const callShape = typeof id === 'string' && typeof action === 'string' && typeof payload === 'object' && payload !== null && !Array.isArray(payload);
    if (!callShape) return false;
    if (type === 2 && value.length > 4 && this.fault('arity-tolerated')) {
      void this.execute(rpc, id as string, action as string, payload);
      return true;
    }
    if (type === 2 && (id as string).length > 36 && this.fault('long-message-id-accepted')) {
      void this.execute(rpc, id as string, action as string, payload);
      return true;
    }
    if (typeof type === 'number' && ![2, 3, 4, 5, 6].includes(type) && value.length === 4 && this.fault('unknown-type-executed-as-call')) {
      void this.execute(rpc, id as string, action as string, payload);
      return true;
    }
    return false;
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
    this.handlers = {
      GetVariables: (p) => this.getVariables(p),
      SetVariables: (p) => this.setVariables(p),
      Reset: (p) => this.reset(p),
      RequestStartTransaction: (p) => this.requestStart(p),
      RequestStopTransaction: (p) => this.requestStop(p),
      ChangeAvailability: (p) => this.changeAvailability(p),
      TriggerMessage: (p) => this.triggerMessage(rpc, p),
      GetTransactionStatus: (p) => this.getTransactionStatus(p),
      GetLog: (p) => this.getLog(p),
      UpdateFirmware: (p) => this.updateFirmware(p),
      InstallCertificate: (p) => {
        const res = this.store.install(p as { certificateType: string; certificate: string }) as Payload;
        if (res.status === 'Accepted') this.removedRoots.delete(fingerprint(p.certificate as string));
        return res;
      },
      GetInstalledCertificateIds: (p) => this.hideRemoved(this.store.getInstalledIds(p as { certificateType?: string[] }) as Payload),
      DeleteCertificate: (p) => this.store.delete(p as Parameters<CertStore201['delete']>[0]) as Payload,
      CertificateSigned: (p) => this.certificateSigned(p),
      SetNetworkProfile: (p) => this.setNetworkProfile(p),
    };
    for (const [action, handler] of Object.entries(this.handlers)) rpc.handle(action, handler);
  }

  /** GetLog (N01): the security or diagnostics log is PUT to the remote location (loopback http only). */
  private getLog(p: Payload): Payload {
    const requestId = p.requestId as number;
    const logType = p.logType as string;
    const log = p.log as { remoteLocation: string; oldestTimestamp?: string; latestTimestamp?: string };
    const text =
      logType === 'SecurityLog'
        ? formatSecurityLog(this.securityLog.all(), log.oldestTimestamp, log.latestTimestamp)
        : `${this.diagnostics.all().join('\n')}\nboot reason ${this.bootReason}; registration ${this.bootState}\n`;
    const filename = `${logType === 'SecurityLog' ? 'security' : 'diagnostics'}-${requestId}.log`;
    this.later(0, () =>
      this.serialize(async () => {
        await this.send('LogStatusNotification', { status: 'Uploading', requestId });
        const ok = await uploadToLoopback(log.remoteLocation, text, this.o.config.timeouts.messageMs);
        await this.send('LogStatusNotification', { status: ok ? 'Uploaded' : 'UploadFailure', requestId });
      }),
    );
    return { status: 'Accepted', filename };
  }

  /** UpdateFirmware: hostile locations are refused; the reference station never downloads anything. */
  private updateFirmware(p: Payload): Payload {
    const requestId = p.requestId as number;
    const location = (p.firmware as { location: string }).location;
    const problem = firmwareLocationProblem(location, { allowFileScheme: this.fault('firmware-file-url-accepted') });
    if (problem) return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidLocation', additionalInfo: problem } };
    const local = location.startsWith('file:');
    this.later(0, () =>
      this.serialize(async () => {
        await this.send('FirmwareStatusNotification', { status: 'Downloading', requestId });
        // Only a broken station "downloads" a local file; a conformant one has no image to fetch here.
        await this.send('FirmwareStatusNotification', { status: local ? 'Downloaded' : 'DownloadFailed', requestId });
      }),
    );
    return { status: 'Accepted' };
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
      if (found.def.mutability === 'WriteOnly' && !(found.def.kind === 'password' && this.fault('password-readable'))) {
        return { ...base, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'WriteOnly' } };
      }
      if (found.def.kind === 'password') return { ...base, attributeStatus: 'Accepted', attributeValue: this.password ?? found.def.value };
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
    let passwordChanged = false;
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
      const unchecked = (def.kind === 'integer' && this.fault('setvar-stores-unvalidated')) || (def.kind === 'password' && this.fault('invalid-password-accepted') && item.attributeValue.length > 0);
      if (!unchecked && !this.dm.valid(def, item.attributeValue)) {
        if (def.kind === 'password') this.securityEvent('ReconfigurationOfSecurityParameters', 'SecurityCtrlr.BasicAuthPassword change rejected: not a valid passwordString');
        return { ...base, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'InvalidValue' } };
      }
      if (def.kind === 'slotList' && !item.attributeValue.split(',').every((n) => this.slots.has(Number(n)))) {
        return { ...base, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'InvalidValue', additionalInfo: 'unknown configuration slot' } };
      }
      if (!this.fault('setvar-not-applied')) {
        def.value = def.kind === 'password' ? '' : item.attributeValue;
        changed.add(`${def.component}.${def.variable}`);
      }
      if (def.component === 'SecurityCtrlr') {
        if (def.variable === 'BasicAuthPassword' && !this.fault('new-password-not-used') && this.password !== item.attributeValue) {
          this.password = item.attributeValue;
          passwordChanged = true;
        }
        const leak = this.fault('security-log-leaks-password') ? ` to "${item.attributeValue}"` : '';
        this.securityEvent('ReconfigurationOfSecurityParameters', `${def.component}.${def.variable} changed${leak}`);
      }
      return { ...base, attributeStatus: 'Accepted' };
    });
    if (this.fault('setvar-only-first')) results = results.slice(0, 1);
    // New intervals take effect at once (these only re-arm timers; nothing is sent here).
    if (changed.has('OCPPCommCtrlr.HeartbeatInterval')) this.restartHeartbeat();
    if (changed.has('AlignedDataCtrlr.Interval')) this.restartAligned();
    if (changed.has('SampledDataCtrlr.TxUpdatedInterval')) this.restartPeriodic();
    if (changed.has('OCPPCommCtrlr.WebSocketPingInterval')) this.restartPings();
    if (changed.has('OCPPCommCtrlr.NetworkConfigurationPriority')) {
      // Takes effect at the next (re)boot: the answer says so.
      results = results.map((r) => (r.variable?.name === 'NetworkConfigurationPriority' && r.attributeStatus === 'Accepted' ? { ...r, attributeStatus: 'RebootRequired' } : r));
    }
    if (passwordChanged && (this.profile === 1 || this.profile === 2)) {
      // A01.FR.02: the new password is used from the next connection on; reconnect now.
      const rpc = this.rpc;
      this.later(50, () => {
        if (rpc && this.rpc === rpc) rpc.close(1000);
      });
    }
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
      case 'SignChargingStationCertificate':
        this.startRenewal();
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

  // ---- security profile upgrade and certificate renewal (A02, A05) -----------------------

  /** GetInstalledCertificateIds without the roots removed by hand. */
  private hideRemoved(res: Payload): Payload {
    if (!this.removedRoots.size || !Array.isArray(res.certificateHashDataChain)) return res;
    const hidden = this.store.entries.filter((c) => this.removedRoots.has(fingerprint(c.pem)));
    const left = (res.certificateHashDataChain as Payload[]).filter((e) => !hidden.some((c) => sameHashData(this.store.hashData(c, e.certificateHashData.hashAlgorithm), e.certificateHashData)));
    return left.length ? { ...res, certificateHashDataChain: left } : { status: 'NotFound' };
  }

  /** The slots in NetworkConfigurationPriority order that exist. */
  private prioritySlots(): number[] {
    return this.dm
      .list('OCPPCommCtrlr', 'NetworkConfigurationPriority')
      .map(Number)
      .filter((n) => this.slots.has(n));
  }

  /** At a (re)boot: the first slot of NetworkConfigurationPriority becomes the connection (A05, B10). */
  private applyNetworkPriority(): void {
    if (this.fault('network-priority-ignored')) return;
    const first = this.prioritySlots()[0];
    const slot = first === undefined ? undefined : this.slots.get(first);
    if (!slot) return;
    this.url = slot.url;
    this.profile = slot.profile;
    this.dm.put('SecurityCtrlr', 'SecurityProfile', String(slot.profile));
  }

  /** Connected on a profile: slots of a lower profile leave the priority list (no way back, A05 errata). */
  private dropLowerSlots(): void {
    const keep = this.prioritySlots().filter((n) => this.slots.get(n)!.profile >= this.profile);
    if (keep.length) this.dm.put('OCPPCommCtrlr', 'NetworkConfigurationPriority', keep.join(','));
  }

  /** SetNetworkProfile (A05, B09): stores a connection profile when its prerequisites hold. */
  private setNetworkProfile(p: Payload): Payload {
    const slot = p.configurationSlot as number;
    const cd = p.connectionData as Payload;
    const sp = cd.securityProfile as number;
    const rejected = (reasonCode: string, additionalInfo: string): Payload => ({ status: 'Rejected', statusInfo: { reasonCode, additionalInfo } });
    const now = new Date(this.o.clock.now());
    if (sp < this.profile && !this.fault('downgrades-profile')) return rejected('NoSecurityDowngrade', `security profile ${sp} is lower than the current ${this.profile}`);
    if (sp < 0 || sp > 3) return rejected('InvalidValue', `unknown security profile ${sp}`);
    if ((sp === 1 || sp === 2) && !this.password) return rejected('NoPassword', 'no BasicAuthPassword is set');
    const validRoot = this.csmsRoots().some((pem) => {
      try {
        const x = new X509Certificate(pem);
        return now >= new Date(x.validFrom) && now <= new Date(x.validTo);
      } catch {
        return false;
      }
    });
    if (sp >= 2 && !validRoot && !this.fault('upgrade-without-csms-root')) return rejected('NoCsmsRootCert', 'no valid CSMSRootCertificate is installed');
    if (sp === 3 && !identityValid(this.identity, now) && !this.fault('upgrade-without-station-cert')) return rejected('NoStationCert', 'no valid charging station certificate');
    if (cd.ocppVersion !== 'OCPP20') return rejected('InvalidValue', `ocppVersion ${String(cd.ocppVersion)} is not supported`);
    if (cd.ocppTransport !== 'JSON') return rejected('InvalidValue', 'only JSON transport is supported');
    if (this.prioritySlots()[0] === slot) return rejected('SlotInUse', `configuration slot ${slot} is the active connection`);
    this.slots.set(slot, { url: cd.ocppCsmsUrl as string, profile: sp as SecurityProfile });
    return { status: 'Accepted' };
  }

  /** TriggerMessage SignChargingStationCertificate: a new renewal (new key pair, CSR). */
  private startRenewal(): void {
    this.cancel(this.renewal?.timer);
    this.renewal = { attempt: 0 };
    this.later(0, () => void this.sendCsr());
  }

  /** Sends a CSR for a new key; retries after CertSigningWaitMinimum (doubling) unless a CertificateSigned settles it. */
  private async sendCsr(): Promise<void> {
    const r = this.renewal;
    if (!r || this.stopped) return;
    const { csrPem, privateKeyPem } = createCsr({ commonName: stationSerialOf(this.o.config), org: this.dm.get('SecurityCtrlr', 'OrganizationName'), keyType: 'ec' });
    this.pendingKeys.push({ privateKeyPem, publicKeyDer: publicKeyDerOf(privateKeyPem) });
    if (this.pendingKeys.length > 4) this.pendingKeys.shift();
    r.attempt++;
    const res = await this.send('SignCertificate', { csr: csrPem, certificateType: 'ChargingStationCertificate' });
    if (this.renewal !== r || this.stopped) return;
    if (res?.status === 'Rejected' && this.fault('sign-rejected-no-retry')) return;
    if (res?.status === 'Accepted' && this.fault('cert-signed-timeout-no-retry')) return;
    if (r.attempt > this.dm.int('SecurityCtrlr', 'CertSigningRepeatTimes')) {
      this.renewal = undefined;
      return;
    }
    const waitS = Math.max(1, this.dm.int('SecurityCtrlr', 'CertSigningWaitMinimum')) * 2 ** (r.attempt - 1);
    r.timer = this.later(waitS * 1000, () => {
      if (this.renewal === r) void this.sendCsr();
    });
  }

  /** CertificateSigned (A02): a valid chain for one of our CSRs replaces the station certificate. */
  private certificateSigned(p: Payload): Payload {
    if (p.certificateType !== undefined && p.certificateType !== 'ChargingStationCertificate') {
      return { status: 'Rejected', statusInfo: { reasonCode: 'NotSupported', additionalInfo: `${String(p.certificateType)} is not supported` } };
    }
    const check = checkSignedChain(p.certificateChain as string, {
      now: new Date(this.o.clock.now()),
      serialNumber: stationSerialOf(this.o.config),
      trustedRoots: this.csmsRoots(),
      pending: this.pendingKeys,
      skipChain: this.fault('accepts-untrusted-station-cert'),
      skipKey: this.fault('signed-cert-key-unchecked'),
    });
    if (!check.ok) {
      this.securityEvent('InvalidChargingStationCertificate', check.problem.slice(0, 255), true);
      return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidCertificate', additionalInfo: check.problem.slice(0, 512) } };
    }
    this.cancel(this.renewal?.timer);
    this.renewal = undefined;
    this.pendingKeys = this.pendingKeys.filter((k) => k !== check.key);
    if (!this.fault('renewed-cert-not-used')) this.identity = { cert: p.certificateChain as string, key: check.key.privateKeyPem };
    if (this.profile === 3) {
      // A02.FR.08: reconnect so the new certificate is used.
      const rpc = this.rpc;
      this.later(50, () => {
        if (rpc && this.rpc === rpc) rpc.close(1000);
      });
    }
    return { status: 'Accepted' };
  }

  // ---- manual actions ------------------------------------------------------------------

  async perform(action: ManualAction): Promise<ActionOutcome> {
    if (this.crashed) return { done: false, reason: 'the reference station has crashed' };
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
      case 'tamper':
        // The enclosure switch: a critical event, pushed (queued while offline) and logged.
        this.securityEvent('TamperDetectionActivated', 'enclosure opened');
        return { done: true };
      case 'removeCertificates': {
        // The technician removes CA certificates of a type (a station without a CSMS root, TC_A_20).
        const type = typeof params.certificateType === 'string' ? params.certificateType : 'CSMSRootCertificate';
        if (type !== 'CSMSRootCertificate') return { done: false, reason: `the reference station can only remove CSMSRootCertificate by hand` };
        for (const pem of this.store.csmsRoots()) this.removedRoots.add(fingerprint(pem));
        return { done: true };
      }
      case 'maintenanceLogin': {
        if (typeof params.success !== 'boolean') return { done: false, reason: 'maintenanceLogin needs success: true or false' };
        // The local maintenance port checks the password; either outcome is a pushed security event.
        if (params.success) this.securityEvent('MaintenanceLoginAccepted', 'local maintenance port: login accepted');
        else this.securityEvent('MaintenanceLoginFailed', 'local maintenance port: wrong password');
        return { done: true };
      }
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

/** SHA-256 fingerprint of a PEM certificate ('' when unreadable). */
function fingerprint(pem: string): string {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return '';
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
