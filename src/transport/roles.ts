import type { OcppConnection, InboundFrame } from './connection.js';
import { dialCsms, type DialResult } from './client.js';
import { OcppEndpoint, type EndpointOptions, type Payload, type ReceivedCall } from './endpoint.js';
import type { CsmsServer, HandshakeInfo, HandshakePolicy } from './server.js';
import { CaseFailure } from '../engine/verdict.js';
import { waitFor } from './wait.js';
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

  constructor(readonly server: CsmsServer) {
    server.onConnection((conn, info) => {
      this.handshakes.push(info);
      this.live.push(conn);
      conn.onClose(() => this.live.splice(this.live.indexOf(conn), 1));
      conn.onFrame((f) => {
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
    for (const conn of this.live) csms.addConnection(conn, buffered.filter((b) => b.conn === conn));
  }

  detach(): void {
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

  /** Changes how the listener answers the station's next upgrades (reset at case end). */
  setHandshakePolicy(policy: HandshakePolicy): void {
    if (!this.gateway) throw new Error('harness: the mock CSMS has no listener attached');
    this.gateway.server.policy = policy;
    this.opts.recorder.note('harness', `handshake policy: ${JSON.stringify(policy)}`);
  }

  /** The URL stations connect to (for raw-upgrade cases against our own listener). */
  get listenerUrl(): string | undefined {
    return this.gateway?.server.url();
  }

  /** Waits for a new connection from the station (after a reset or a dropped socket). */
  async expectConnection(opts: { within?: number; requirement?: string } = {}): Promise<OcppConnection> {
    const known = this.connections.length;
    const within = opts.within ?? this.opts.messageTimeoutMs;
    const r = await waitFor(this.changed, () => (this.connections.length > known ? this.connections[this.connections.length - 1] : undefined), within, this.opts.abort);
    if (!r.ok) throw new CaseFailure(opts.requirement ?? this.opts.defaultRequirement, [`the station connects within ${within} ms`], 'no new connection');
    return r.value;
  }

  /** Whether the current connection had its BootNotification accepted (in this or an earlier case). */
  get booted(): boolean {
    return this.connection?.state.bootAccepted === true;
  }

  override async reply(call: ReceivedCall<unknown>, payload: Payload): Promise<void> {
    await super.reply(call as ReceivedCall, payload);
    if (call.action === 'BootNotification') call.conn.state.bootAccepted = payload.status === 'Accepted';
  }
}

export interface StationConnectOptions {
  /** Override the Basic-auth password (negative auth cases); null sends no credentials. */
  password?: string | null;
  user?: string;
  subprotocols?: string[];
  identity?: string;
  tls?: ConnectionOptions;
  within?: number;
}

export interface StationLinkConfig {
  target: string;
  identity: string;
  basicAuthPassword?: string;
  tls?: ConnectionOptions;
  connectMs: number;
}

/** The harness as charging station (the SUT is a CSMS). */
export class MockStation extends OcppEndpoint {
  private dials = 0;
  handshake: DialResult | undefined;

  constructor(
    opts: EndpointOptions,
    private readonly link: StationLinkConfig,
  ) {
    super(opts);
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

  /** Opens a WebSocket connection to the CSMS. Returns the outcome; `connect` fails on refusal. */
  async tryConnect(o: StationConnectOptions = {}): Promise<DialResult> {
    const result = await dialCsms({
      target: this.link.target,
      identity: o.identity ?? this.link.identity,
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
    if (result.ok) this.addConnection(result.conn);
    return result;
  }

  async connect(o: StationConnectOptions & { requirement?: string } = {}): Promise<OcppConnection> {
    const r = await this.tryConnect(o);
    if (!r.ok) throw new CaseFailure(o.requirement ?? this.opts.defaultRequirement, ['the CSMS accepts the WebSocket connection'], r.error);
    return r.conn;
  }

  /** Closes every connection this case opened (case end). */
  disconnectAll(): void {
    for (const c of this.connections) if (!c.closed) c.close(1000, 'case finished');
  }
}
