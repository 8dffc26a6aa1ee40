import type { OcppConnection, InboundFrame } from '../transport/connection.js';
import { dialCsms, type DialResult } from '../transport/client.js';
import { OcppEndpoint, type EndpointOptions, type Payload, type ReceivedCall } from './endpoint.js';
import type { ConnectionAttempt, CsmsServer, HandshakeInfo, HandshakePolicy, TlsServerPolicy } from '../transport/server.js';
import type { SecurityProfile } from '../core/meta.js';
import { describeProbe, probeTls, type ClientHelloSpec, type ProbeResult } from '../transport/tls-hello.js';
import type { DetailedPeerCertificate, SecureVersion } from 'node:tls';
import { tlsSocketOf } from '../transport/ws-internals.js';
import { derToPem } from '../pki/der.js';
import { CaseFailure } from '../core/verdict.js';
import { CaseDials, IdentityPacer } from './pacing.js';
import { waitFor } from '../transport/wait.js';
import type { ConnectionOptions } from 'node:tls';

/**
 * Routes a station's connections to whichever case is running. A real station stays connected
 * across cases; frames that arrive between cases are buffered and handed to the next case.
 */
export class StationGateway {
  private attached: MockCsms | undefined;
  private readonly live: OcppConnection[] = [];
  private buffer: InboundFrame[] = [];
  readonly handshakes: HandshakeInfo[] = [];
  /**
   * Whether the station is booted, held per station across its connections and cases: true once
   * a boot was accepted, or when a connection's first call is not a BootNotification (it was
   * running before: a reconnect is not a reboot); false while a boot is pending or refused;
   * undefined before anything was seen.
   */
  stationBooted: boolean | undefined;

  constructor(readonly server: CsmsServer) {
    server.onAttempt((a) => this.attached?.addAttempt(a));
    server.onConnection((conn, info) => {
      this.handshakes.push(info);
      this.attached?.addHandshake(info);
      this.live.push(conn);
      conn.onClose(() => this.live.splice(this.live.indexOf(conn), 1));
      let firstCall = true;
      conn.onFrame((f) => {
        if (f.frame.kind === 'call') {
          if (f.frame.action === 'BootNotification') this.stationBooted = false;
          else if (firstCall && this.stationBooted === undefined) this.stationBooted = true;
          firstCall = false;
        }
        if (!this.attached) this.buffer.push(f);
      });
      this.attached?.addConnection(conn);
    });
  }

  attach(csms: MockCsms): void {
    this.attached = csms;
    csms.gateway = this;
    this.server.recorder = csms.recorder;
    const buffered = this.buffer;
    this.buffer = [];
    for (const conn of this.live)
      csms.addConnection(
        conn,
        buffered.filter((b) => b.conn === conn),
      );
  }

  detach(): void {
    // Calls nobody answered go to the next case (its endpoint answers them or lets a step take them).
    if (this.attached) this.buffer.push(...this.attached.unansweredCalls().filter((f) => f.conn.isOpen));
    this.attached?.detach();
    this.attached = undefined;
    this.server.recorder = undefined;
    this.server.policy = {};
  }
}

/** The harness as CSMS (the SUT is a charging station). */
export class MockCsms extends OcppEndpoint {
  constructor(opts: EndpointOptions) {
    super(opts);
    // A station may reconnect, so a closed socket alone does not end a wait.
    this.failFastOnClose = false;
  }

  /** Set when attached: the listener the station connects to. */
  gateway: StationGateway | undefined;

  get recorder() {
    return this.opts.recorder;
  }

  /** TCP connections (TLS or plain) the station made during this case, oldest first. */
  readonly attempts: ConnectionAttempt[] = [];
  /** WebSocket handshakes the listener accepted during this case. */
  readonly handshakes: HandshakeInfo[] = [];

  /** @internal the gateway reports what its listener saw. */
  addAttempt(a: ConnectionAttempt): void {
    this.attempts.push(a);
    this.changed.notify();
  }

  /** @internal */
  addHandshake(h: HandshakeInfo): void {
    this.handshakes.push(h);
    this.changed.notify();
  }

  /** Changes how the listener answers the station's next upgrades (reset at case end). */
  setHandshakePolicy(policy: HandshakePolicy): void {
    if (!this.gateway) throw new Error('harness: the mock CSMS has no listener attached');
    const { tls, basicAuthPassword, ...shown } = policy;
    this.gateway.server.policy = policy;
    // Certificates, keys and passwords stay out of the log; what changed is named instead.
    const extra = [tls ? `tls ${describeTlsPolicy(tls)}` : '', basicAuthPassword !== undefined ? 'a new Basic-auth password' : '']
      .filter(Boolean)
      .join('; ');
    this.opts.recorder.note('harness', `handshake policy: ${JSON.stringify(shown)}${extra ? `; ${extra}` : ''}`);
  }

  /** Merges into the current handshake policy (other fields stay). */
  updateHandshakePolicy(change: HandshakePolicy): void {
    this.setHandshakePolicy({ ...(this.gateway?.server.policy ?? {}), ...change });
  }

  /** Serves the next TLS connections with other certificates, versions or suites (TLS-07/08/09, TC_A_05/06). */
  setTlsPolicy(tls: TlsServerPolicy | undefined): void {
    this.updateHandshakePolicy({ tls });
  }

  /** Which security profiles the listener accepts from now on (profile upgrade cases, A00.FR.002). */
  acceptProfiles(profiles: SecurityProfile[]): void {
    this.updateHandshakePolicy({ acceptProfiles: profiles });
  }

  /** The Basic-auth password the listener accepts from now on (A01 password rotation). Never logged. */
  setBasicAuthPassword(password: string): void {
    this.updateHandshakePolicy({ basicAuthPassword: password });
  }

  /** The security profile the listener expects by default (the run's configured profile). */
  get configuredProfile(): SecurityProfile {
    if (!this.gateway) throw new Error('harness: the mock CSMS has no listener attached');
    return this.gateway.server.profile;
  }

  /**
   * Waits for the station's next TCP connection attempt (any outcome) after `after` attempts of
   * this case (default: those already seen). TLS attempts carry the ClientHello and, if the
   * handshake failed, the reason (e.g. the station's "unknown ca" alert).
   */
  async expectTlsAttempt(
    o: { within?: number; after?: number; where?: (a: ConnectionAttempt) => boolean; requirement?: string; expected?: string } = {},
  ): Promise<ConnectionAttempt> {
    const from = o.after ?? this.attempts.length;
    const within = o.within ?? this.opts.messageTimeoutMs;
    const r = await waitFor(this.changed, () => this.attempts.slice(from).find((a) => !o.where || o.where(a)), within, this.opts.abort);
    if (!r.ok) {
      const seen = this.attempts.slice(from);
      throw new CaseFailure(
        this.requirement(o),
        [o.expected ?? `the station opens a connection within ${within} ms`],
        seen.length
          ? `${seen.length} other connection attempt(s): ${seen.map((a) => a.outcome + (a.error ? ` (${a.error})` : '')).join('; ')}`
          : 'no connection attempt',
      );
    }
    return r.value;
  }

  /** Waits for an accepted WebSocket handshake after `after` handshakes of this case. */
  async expectHandshake(
    o: { within?: number; after?: number; where?: (h: HandshakeInfo) => boolean; requirement?: string; expected?: string } = {},
  ): Promise<HandshakeInfo> {
    const from = o.after ?? this.handshakes.length;
    const within = o.within ?? this.opts.messageTimeoutMs;
    const r = await waitFor(this.changed, () => this.handshakes.slice(from).find((h) => !o.where || o.where(h)), within, this.opts.abort);
    if (!r.ok)
      throw new CaseFailure(
        this.requirement(o),
        [o.expected ?? `the station completes a WebSocket handshake within ${within} ms`],
        `${this.handshakes.length - from} handshake(s), none matching`,
      );
    return r.value;
  }

  /** The URL stations connect to (for raw-upgrade cases against our own listener). */
  get listenerUrl(): string | undefined {
    return this.gateway?.server.url();
  }

  /** Waits for a new connection from the station (after a reset or a dropped socket). */
  async expectConnection(opts: { within?: number; requirement?: string } = {}): Promise<OcppConnection> {
    const known = this.connections.length;
    const within = opts.within ?? this.opts.messageTimeoutMs;
    const r = await waitFor(
      this.changed,
      () => (this.connections.length > known ? this.connections[this.connections.length - 1] : undefined),
      within,
      this.opts.abort,
    );
    if (!r.ok) throw new CaseFailure(this.requirement(opts), [`the station connects within ${within} ms`], 'no new connection');
    return r.value;
  }

  /**
   * Whether the station is booted (in this or an earlier case, on this or an earlier connection):
   * a reconnect is not a reboot, and a station already running when the run starts is booted.
   */
  get booted(): boolean {
    if (this.gateway) return this.gateway.stationBooted === true;
    return this.connection?.state.bootAccepted === true;
  }

  /**
   * The Booted precondition's wait: the station's BootNotification to answer, or undefined when
   * it proves to be running already (its first call on a connection was not a boot, or it stays
   * connected and quiet for `quietMs` without sending one).
   */
  async bootOrRunning(o: { within: number; quietMs: number; requirement: string }): Promise<ReceivedCall | undefined> {
    const start = this.opts.monotonic() - 0.001;
    const bootWaiting = () =>
      this.inbox.find((i) => !i.taken && i.call?.action === 'BootNotification' && !i.call.answered && i.call.conn.isOpen);
    const settled = () => bootWaiting() ?? (this.booted ? ('running' as const) : undefined);
    const gateway = this.gateway;
    if (gateway && gateway.stationBooted === undefined && this.connection) {
      const early = await waitFor(this.changed, settled, Math.min(o.quietMs, o.within), this.opts.abort);
      if (!early.ok && gateway.stationBooted === undefined && this.connection) {
        this.opts.recorder.note(
          'observation',
          `the station is connected and sent no BootNotification for ${o.quietMs} ms: it is taken to be running already`,
        );
        gateway.stationBooted = true;
      }
    }
    const r = await waitFor(this.changed, settled, o.within, this.opts.abort);
    if (!r.ok) {
      throw new CaseFailure(
        o.requirement,
        [`a BootNotification within ${o.within} ms, or a station already running`],
        this.unexpectedSince(start),
      );
    }
    if (r.value === 'running') return undefined;
    r.value.taken = true;
    return r.value.call;
  }

  override async reply(call: ReceivedCall<unknown>, payload: Payload): Promise<void> {
    await super.reply(call as ReceivedCall, payload);
    if (call.action === 'BootNotification') {
      call.conn.state.bootAccepted = payload.status === 'Accepted';
      if (this.gateway) this.gateway.stationBooted = payload.status === 'Accepted';
    }
  }
}

function describeTlsPolicy(t: TlsServerPolicy): string {
  const parts: string[] = [];
  if (t.certificates) parts.push(`${t.certificates.length} other certificate(s)`);
  if (t.minVersion) parts.push(`min ${t.minVersion}`);
  if (t.maxVersion) parts.push(`max ${t.maxVersion}`);
  if (t.ciphers) parts.push(`ciphers ${t.ciphers}`);
  if (t.clientTrust) parts.push(`${t.clientTrust.length} client trust anchor(s)`);
  return parts.join(', ') || 'default';
}

/** What a station-side TLS dial should use instead of the configured settings (TLS-06, CERT-08, TC_A_08). */
export interface StationTlsOverride {
  /** Client certificate: a PKI artifact (chain + key), or null to send none. Default: the configured one. */
  clientCert?: { chainPem: string; keyPem: string } | null;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** OpenSSL cipher list (TLS <= 1.2). */
  ciphers?: string;
  /** CA certificates to trust for the server (default: the configured CSMS root). */
  trust?: string[];
}

export interface StationConnectOptions {
  /** Another base URL (ws:// to a wss:// CSMS, TLS-06); default the configured target. */
  target?: string;
  /** Override the Basic-auth password (bytes: a decoded 1.6 AuthorizationKey); null sends no credentials. */
  password?: string | Buffer | null;
  user?: string;
  subprotocols?: string[];
  identity?: string;
  tls?: ConnectionOptions;
  within?: number;
  /** Dial beside this identity's open connections, no pause (a second connection for a live identity); default IdentityPacer's close + pause. */
  beside?: boolean;
}

export interface StationLinkConfig {
  target: string;
  identity: string;
  basicAuthPassword?: string;
  tls?: ConnectionOptions;
  connectMs: number;
  /** Close + pause before re-dialing an identity (one per SUT, across cases); default none. */
  pacer?: IdentityPacer;
}

/** The harness as charging station (the SUT is a CSMS). */
export class MockStation extends OcppEndpoint {
  private dials = 0;
  private readonly caseDials: CaseDials;
  handshake: DialResult | undefined;

  constructor(
    opts: EndpointOptions,
    private readonly link: StationLinkConfig,
  ) {
    super(opts);
    this.answeringAs = 'station';
    const pacer = link.pacer ?? new IdentityPacer({ pauseMs: 0, closeWaitMs: 2500, monotonic: opts.monotonic });
    this.caseDials = new CaseDials(pacer, (t) => opts.recorder.note('connection', t), opts.abort);
  }

  get identity(): string {
    return this.link.identity;
  }

  /** The CSMS base URL (identity not appended), for raw-upgrade cases. */
  get target(): string {
    return this.link.target;
  }

  /** The Authorization header value the configured credentials give (undefined without Basic auth). */
  basicAuthHeader(user = this.link.identity, password = this.link.basicAuthPassword): string | undefined {
    return password === undefined ? undefined : `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }

  /** TLS options for a dial that differs from the configured one (see StationTlsOverride). */
  tlsOptions(o: StationTlsOverride): ConnectionOptions {
    const base: ConnectionOptions = { ...(this.link.tls ?? {}) };
    if (o.clientCert === null) {
      delete base.cert;
      delete base.key;
    } else if (o.clientCert) {
      base.cert = o.clientCert.chainPem;
      base.key = o.clientCert.keyPem;
    }
    if (o.minVersion) base.minVersion = o.minVersion;
    if (o.maxVersion) base.maxVersion = o.maxVersion;
    if (o.ciphers) base.ciphers = `${o.ciphers}:@SECLEVEL=0`;
    if (o.trust) base.ca = o.trust;
    return base;
  }

  /** Whether the configured target uses TLS (profile 2/3). */
  get secure(): boolean {
    return /^wss:/i.test(this.link.target);
  }

  /** The server certificate chain (leaf first, PEM) of the newest TLS connection, for audits (TLS-05). */
  serverCertificateChain(): string[] {
    const socket = tlsSocketOf(this.lastConnection?.ws);
    if (!socket) return [];
    const out: string[] = [];
    let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
    const seen = new Set<string>();
    while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
      seen.add(cert.fingerprint256);
      out.push(derToPem(cert.raw, 'CERTIFICATE'));
      cert = cert.issuerCertificate;
    }
    return out;
  }

  /**
   * Sends one hand-built ClientHello to the CSMS's host and port and reports its answer (TLS-02/03/04):
   * offers what OpenSSL will not (SSLv3, TLS 1.0/1.1, NULL/RC4/3DES suites, compression).
   */
  async probeTls(spec: ClientHelloSpec, within = this.link.connectMs): Promise<ProbeResult> {
    const u = new URL(this.link.target);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const port = Number(u.port || (u.protocol === 'wss:' ? 443 : 80));
    this.opts.recorder.note(
      'connection',
      `TLS probe to ${host}:${port}: ClientHello ${spec.version} offering [${spec.suites.join(', ')}]${spec.compression ? `, compression [${spec.compression.join(', ')}]` : ''}`,
    );
    const r = await probeTls(host, port, spec, within);
    this.opts.recorder.note('connection', `TLS probe answer: ${describeProbe(r)}`);
    return r;
  }

  /** Opens a WebSocket connection to the CSMS (paced, outages apart: CaseDials). Returns the outcome; `connect` fails on refusal. */
  async tryConnect(o: StationConnectOptions = {}): Promise<DialResult> {
    const identity = o.identity ?? this.link.identity;
    await this.caseDials.before(identity, o.beside);
    const result = await dialCsms({
      target: o.target ?? this.link.target,
      identity,
      version: this.opts.version,
      subprotocols: o.subprotocols,
      basicAuthPassword: o.password === null ? undefined : (o.password ?? this.link.basicAuthPassword),
      basicAuthUser: o.user,
      tls: o.tls ?? this.link.tls,
      timeoutMs: o.within ?? this.link.connectMs,
      label: `ws#${++this.dials}`,
      recorder: this.opts.recorder,
      monotonic: this.opts.monotonic,
    });
    this.handshake = result;
    this.caseDials.after(identity, result);
    if (result.ok) this.addConnection(result.conn);
    return result;
  }

  async connect(o: StationConnectOptions & { requirement?: string } = {}): Promise<OcppConnection> {
    const r = await this.tryConnect(o);
    if (!r.ok) throw new CaseFailure(this.requirement(o), ['the CSMS accepts the WebSocket connection'], r.error);
    return r.conn;
  }

  /** Closes every connection this case opened (case end). */
  disconnectAll(): void {
    for (const c of this.connections) if (!c.closed) c.close(1000, 'case finished');
  }
}
