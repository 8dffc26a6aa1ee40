import type { SchemaRegistry } from '../protocol/schemas.js';
import type { OcppVersion } from '../protocol/versions.js';
import type { EndpointOptions } from '../transport/endpoint.js';
import { CsmsServer } from '../transport/server.js';
import { MockCsms, MockStation, StationGateway } from '../transport/roles.js';
import type { ManualAdapter } from './adapter.js';
import type { Clock, IdSource } from './clock.js';
import type { SutConfig } from './config.js';
import type { CaseMeta } from './meta.js';
import type { PeerRegistry } from '../peers/registry.js';
import type { ReferencePeer } from '../peers/types.js';

/** What one case runs against: the harness-side endpoint, a manual-step adapter and cleanup. */
export interface CaseWiring {
  csms?: MockCsms;
  station?: MockStation;
  adapter: ManualAdapter;
  /** Starts the SUT side once the harness side listens (a reference station dials now). */
  start(): Promise<void>;
  cleanup(): Promise<void>;
}

/** How the runner reaches the SUT for each case. */
export interface SutLink {
  readonly description: string;
  prepare(meta: CaseMeta, endpoint: EndpointOptions, fault: string | undefined): Promise<CaseWiring>;
  close(): Promise<void>;
}

function peerAdapter(peer: () => ReferencePeer | undefined): ManualAdapter {
  return {
    name: 'reference',
    perform: async (a) => {
      const p = peer();
      return p ? p.perform(a) : { done: false, reason: 'reference peer is not running' };
    },
  };
}

export interface ReferenceLinkOptions {
  config: SutConfig;
  peers: PeerRegistry;
  schemas: SchemaRegistry;
  clock: Clock;
  ids: IdSource;
}

/**
 * Runs every case against a fresh built-in reference peer (optionally with one fault), on
 * loopback only. A fresh peer per case gives each case a known idle starting state.
 */
export class ReferenceLink implements SutLink {
  readonly description = 'built-in reference peers (loopback)';
  constructor(private readonly o: ReferenceLinkOptions) {}

  async prepare(meta: CaseMeta, endpoint: EndpointOptions, fault: string | undefined): Promise<CaseWiring> {
    const { config, peers } = this.o;
    const faults = new Set(fault ? [fault] : []);
    const common = { version: meta.ocpp, validator: this.o.schemas.for(meta.ocpp), faults, config, clock: this.o.clock, ids: this.o.ids };
    const password = config.security.profile === 1 || config.security.profile === 2 ? config.security.basicAuthPassword : undefined;
    if (meta.sut === 'cs') {
      const server = new CsmsServer({ host: '127.0.0.1', port: 0, version: meta.ocpp, identity: config.stationId, basicAuthPassword: password, monotonic: endpoint.monotonic });
      await server.listen();
      const gateway = new StationGateway(server);
      const csms = new MockCsms(endpoint);
      gateway.attach(csms);
      let peer: ReferencePeer | undefined;
      return {
        csms,
        adapter: peerAdapter(() => peer),
        start: async () => {
          peer = await peers.station(meta.ocpp).start({ ...common, target: server.url(), identity: config.stationId, basicAuthPassword: password });
        },
        cleanup: async () => {
          gateway.detach();
          await peer?.stop();
          await server.close();
        },
      };
    }
    const csmsPeer = await peers.csms(meta.ocpp).start({ ...common, host: '127.0.0.1', port: 0, basicAuthPassword: password });
    const station = new MockStation(endpoint, { target: csmsPeer.url, identity: config.stationId, basicAuthPassword: password, connectMs: config.timeouts.connectMs });
    return {
      station,
      adapter: peerAdapter(() => csmsPeer),
      start: async () => undefined,
      cleanup: async () => {
        station.disconnectAll();
        station.detach();
        await csmsPeer.stop();
      },
    };
  }

  async close(): Promise<void> {}
}

/** A real charging station connecting to the harness's listener (one listener for the run). */
export class RealStationLink implements SutLink {
  private gateway: StationGateway | undefined;
  private server: CsmsServer | undefined;
  constructor(
    private readonly o: { host: string; port: number; version: OcppVersion; config: SutConfig; adapter: ManualAdapter; monotonic: () => number },
  ) {}

  get description(): string {
    return `charging station "${this.o.config.stationId}" connecting to ws://${this.o.host}:${this.o.port}/<path>/${this.o.config.stationId}`;
  }

  async listen(): Promise<number> {
    const c = this.o.config;
    this.server = new CsmsServer({
      host: this.o.host,
      port: this.o.port,
      version: this.o.version,
      identity: c.stationId,
      basicAuthPassword: c.security.profile === 1 || c.security.profile === 2 ? c.security.basicAuthPassword : undefined,
      monotonic: this.o.monotonic,
    });
    const port = await this.server.listen();
    this.gateway = new StationGateway(this.server);
    return port;
  }

  async prepare(_meta: CaseMeta, endpoint: EndpointOptions): Promise<CaseWiring> {
    if (!this.gateway) await this.listen();
    const csms = new MockCsms(endpoint);
    this.gateway!.attach(csms);
    return { csms, adapter: this.o.adapter, start: async () => undefined, cleanup: async () => this.gateway?.detach() };
  }

  async close(): Promise<void> {
    await this.server?.close();
  }
}

/** A real CSMS the harness dials as a station, one connection per case. */
export class RealCsmsLink implements SutLink {
  constructor(private readonly o: { target: string; config: SutConfig; adapter: ManualAdapter }) {}

  get description(): string {
    return `CSMS at ${this.o.target} (as station "${this.o.config.stationId}")`;
  }

  async prepare(_meta: CaseMeta, endpoint: EndpointOptions): Promise<CaseWiring> {
    const c = this.o.config;
    const station = new MockStation(endpoint, {
      target: this.o.target,
      identity: c.stationId,
      basicAuthPassword: c.security.profile === 1 || c.security.profile === 2 ? c.security.basicAuthPassword : undefined,
      connectMs: c.timeouts.connectMs,
    });
    return {
      station,
      adapter: this.o.adapter,
      start: async () => undefined,
      cleanup: async () => {
        station.disconnectAll();
        station.detach();
      },
    };
  }

  async close(): Promise<void> {}
}
