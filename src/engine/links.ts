import type { SchemaRegistry } from '../protocol/schemas.js';
import type { OcppVersion } from '../core/versions.js';
import type { EndpointOptions } from '../roles/endpoint.js';
import { CsmsServer } from '../transport/server.js';
import { MockCsms, MockStation, StationGateway } from '../roles/roles.js';
import { IdentityPacer } from '../roles/pacing.js';
import { tcpUnreachable } from '../transport/reachability.js';
import { clientTlsOptions, loadTlsMaterial, referencePkiDir, secureUrl, type TlsMaterial } from '../transport/tls.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TestPki } from '../pki/test-pki.js';
import { PKI_MANIFEST } from '../pki/pki.js';
import type { ManualAdapter } from './adapter.js';
import type { Clock, IdSource } from '../core/clock.js';
import { organizationOf, REFERENCE_TIMEOUTS, stationSerialOf, UsageError, type SutConfig } from '../core/config.js';
import type { CaseMeta } from '../core/meta.js';

import type { PeerSettings, ReferencePeer, ReferencePeerSource } from './peer-contract.js';

/** The Basic-auth password the profile uses (1 and 2), or undefined. */
export function profilePassword(config: SutConfig): string | undefined {
  return config.security.profile === 1 || config.security.profile === 2 ? config.security.basicAuthPassword : undefined;
}

/**
 * TLS material for profile 2/3, from security.certsDir (default `certs`); undefined for 0/1.
 * With `reference`, a missing certsDir means a temporary PKI made once per process.
 */
export async function tlsMaterialFor(config: SutConfig, reference: boolean): Promise<TlsMaterial | undefined> {
  const p = config.security.profile;
  if (p !== 2 && p !== 3) return undefined;
  return loadTlsMaterial(await pkiDirFor(config, reference), p);
}

/** The PKI directory of a run: security.certsDir, a temporary one for reference runs, else `certs`. */
export async function pkiDirFor(config: SutConfig, reference: boolean): Promise<string> {
  return config.security.certsDir ?? (reference ? await referencePkiDir(stationSerialOf(config), organizationOf(config)) : 'certs');
}

/**
 * TLS certificates for a mock CSMS listener: those of the configured profile, or (profile 0/1) the
 * PKI's when one exists, so cases that move a station to profile 2/3 can be served on the same port.
 */
async function listenerTls(config: SutConfig, reference: boolean): Promise<TlsMaterial | undefined> {
  const own = await tlsMaterialFor(config, reference);
  if (own) return own;
  const dir = await pkiDirFor(config, reference);
  return existsSync(join(dir, PKI_MANIFEST)) ? loadTlsMaterial(dir, 2) : undefined;
}

/**
 * A lazy PKI accessor for cases: the PKI of the run, or a UsageError naming the fix when there is
 * none (a real SUT run without security.certsDir and no ./certs).
 */
function pkiAccessor(dir: string): () => TestPki {
  let pki: TestPki | undefined;
  return () => {
    if (pki) return pki;
    if (!existsSync(join(dir, PKI_MANIFEST))) {
      throw new UsageError(
        `security.certsDir: this case needs the test PKI and ${join(dir, PKI_MANIFEST)} does not exist; run \`ocpp-harness certs init --out ${dir}\` or point --certs at a PKI directory`,
      );
    }
    pki = TestPki.load(dir);
    return pki;
  };
}

/** What one case runs against: the harness-side endpoint, a manual-step adapter and cleanup. */
export interface CaseWiring {
  csms?: MockCsms;
  station?: MockStation;
  adapter: ManualAdapter;
  /** The run's test PKI (certificates to install, CA for CSRs, invalid variants). */
  pki?: () => TestPki;
  /** Starts the SUT side once the harness side listens (a reference station dials now). */
  start(): Promise<void>;
  /**
   * Tells the runner, while the case runs, of a reason the SUT cannot take part (a security
   * profile mismatch): the case then ends inconclusive with it instead of waiting out its limit.
   */
  watchBlockers?(stop: (reason: string) => void): void;
  cleanup(): Promise<void>;
  /** The harness station uses this Basic-auth password from the next case on (the CSMS changed it). */
  adoptStationPassword?: (password: string) => void;
}

/** How the runner reaches the SUT for each case. */
export interface SutLink {
  readonly description: string;
  prepare(meta: CaseMeta, endpoint: EndpointOptions, fault: string | undefined): Promise<CaseWiring>;
  /**
   * One-time setup before the first case (a reference run's temporary PKI and TLS material), so
   * its cost is never charged to the first case's time limit.
   */
  warmUp?(): Promise<void>;
  /**
   * After a case found the SUT unreachable: one more try after the reconnect pause. Returns why
   * the SUT is still not reachable (the run then stops starting cases against it), or undefined.
   */
  recheckReachable?(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** The longest wait for one close handshake before re-dialing as the same identity. */
const CLOSE_WAIT_MS = 2500;

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
  peers: ReferencePeerSource;
  schemas: SchemaRegistry;
  clock: Clock;
  ids: IdSource;
  /** The configuration variant the peers start in (selfcheck's variants); none: the default. */
  settings?: PeerSettings;
}

/**
 * Runs every case against a fresh built-in reference peer (optionally with one fault), on
 * loopback only. A fresh peer per case gives each case a known idle starting state.
 */
export class ReferenceLink implements SutLink {
  readonly description = 'built-in reference peers (loopback)';
  private tls: Promise<TlsMaterial | undefined> | undefined;
  private serverTls: Promise<TlsMaterial | undefined> | undefined;
  private pki: (() => TestPki) | undefined;
  constructor(private readonly o: ReferenceLinkOptions) {}

  async warmUp(): Promise<void> {
    const { config } = this.o;
    this.tls ??= tlsMaterialFor(config, true);
    this.serverTls ??= listenerTls(config, true);
    await Promise.all([this.tls, this.serverTls]);
    this.pki ??= pkiAccessor(await pkiDirFor(config, true));
  }

  async prepare(meta: CaseMeta, endpoint: EndpointOptions, fault: string | undefined): Promise<CaseWiring> {
    const { config, peers } = this.o;
    const faults = new Set(fault ? [fault] : []);
    this.tls ??= tlsMaterialFor(config, true);
    this.serverTls ??= listenerTls(config, true);
    const tls = await this.tls;
    this.pki ??= pkiAccessor(await pkiDirFor(config, true));
    const pki = this.pki;
    const common = {
      version: meta.ocpp,
      validator: this.o.schemas.for(meta.ocpp),
      faults,
      config,
      clock: this.o.clock,
      ids: this.o.ids,
      tls,
      pki: pki(),
      settings: this.o.settings,
    };
    const password = profilePassword(config);
    if (meta.sut === 'cs') {
      const server = new CsmsServer({
        host: '127.0.0.1',
        port: 0,
        version: meta.ocpp,
        identity: config.stationId,
        profile: config.security.profile,
        basicAuthPassword: password,
        tls: await this.serverTls,
        monotonic: endpoint.monotonic,
      });
      await server.listen();
      const gateway = new StationGateway(server);
      const csms = new MockCsms(endpoint);
      gateway.attach(csms);
      let peer: ReferencePeer | undefined;
      const mismatch = profileMismatchWatch(server, csms, meta);
      return {
        csms,
        pki,
        adapter: peerAdapter(() => peer),
        watchBlockers: mismatch.watch,
        start: async () => {
          peer = await peers
            .station(meta.ocpp)
            .start({ ...common, target: server.url(), identity: config.stationId, basicAuthPassword: password });
        },
        cleanup: async () => {
          mismatch.off();
          gateway.detach();
          await peer?.stop();
          await server.close();
        },
      };
    }
    const csmsPeer = await peers.csms(meta.ocpp).start({ ...common, host: '127.0.0.1', port: 0, basicAuthPassword: password });
    const target = tls ? secureUrl(csmsPeer.url) : csmsPeer.url;
    const station = new MockStation(endpoint, {
      target,
      identity: config.stationId,
      basicAuthPassword: password,
      tls: tls && clientTlsOptions(tls, target),
      connectMs: config.timeouts.connectMs,
      // The built-in CSMS cleans a closed session up at once: the configured pause (for real SUTs) is capped at the reference one.
      pacer: new IdentityPacer({
        pauseMs: Math.min(config.timeouts.reconnectPauseMs, REFERENCE_TIMEOUTS.reconnectPauseMs),
        closeWaitMs: CLOSE_WAIT_MS,
        monotonic: endpoint.monotonic,
      }),
    });
    return {
      station,
      pki,
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

/**
 * Blocks a case when the station connects with another security profile than the one configured
 * and has no open connection: what the case waits for (a BootNotification ...) can never come.
 * A case about security profiles (it declares securityProfiles) judges such a refusal itself.
 */
function profileMismatchWatch(
  server: CsmsServer,
  csms: MockCsms,
  meta: CaseMeta,
): { watch(stop: (reason: string) => void): void; off(): void } {
  let off = () => {};
  return {
    watch(stop) {
      if (meta.securityProfiles) return;
      const unsubscribe = server.onProfileMismatch((m) => {
        if (!csms.connection) stop(`the station cannot connect: ${m.text}`);
      });
      off = () => void unsubscribe();
    },
    off: () => off(),
  };
}

/** A real charging station connecting to the harness's listener (one listener for the run). */
export class RealStationLink implements SutLink {
  private gateway: StationGateway | undefined;
  private server: CsmsServer | undefined;
  private pki: (() => TestPki) | undefined;
  constructor(
    private readonly o: {
      host: string;
      port: number;
      version: OcppVersion;
      config: SutConfig;
      adapter: ManualAdapter;
      monotonic: () => number;
    },
  ) {}

  get description(): string {
    return `charging station "${this.o.config.stationId}" connecting to ${this.o.config.security.profile >= 2 ? 'wss' : 'ws'}://${this.o.host}:${this.o.port}/<path>/${this.o.config.stationId}`;
  }

  async listen(): Promise<number> {
    const c = this.o.config;
    const tls = await listenerTls(c, false);
    this.server = new CsmsServer({
      host: this.o.host,
      port: this.o.port,
      version: this.o.version,
      identity: c.stationId,
      profile: c.security.profile,
      basicAuthPassword: profilePassword(c),
      tls,
      monotonic: this.o.monotonic,
    });
    const port = await this.server.listen();
    this.gateway = new StationGateway(this.server);
    return port;
  }

  async prepare(meta: CaseMeta, endpoint: EndpointOptions): Promise<CaseWiring> {
    if (!this.gateway || !this.server) await this.listen();
    const gateway = this.gateway as StationGateway;
    const csms = new MockCsms(endpoint);
    gateway.attach(csms);
    this.pki ??= pkiAccessor(await pkiDirFor(this.o.config, false));
    const mismatch = profileMismatchWatch(gateway.server, csms, meta);
    return {
      csms,
      pki: this.pki,
      adapter: this.o.adapter,
      start: async () => undefined,
      watchBlockers: mismatch.watch,
      cleanup: async () => {
        mismatch.off();
        gateway.detach();
      },
    };
  }

  async close(): Promise<void> {
    await this.server?.close();
  }
}

/**
 * A real CSMS the harness dials as a station, one connection per case. One pacer for the run:
 * the next case's first dial as an identity waits for the previous case's close and the pause.
 */
export class RealCsmsLink implements SutLink {
  private tls: Promise<TlsMaterial | undefined> | undefined;
  private pki: (() => TestPki) | undefined;
  private pacer: IdentityPacer | undefined;
  /** The password the CSMS knows this station by: the configured one until a case changes it (A01). */
  private password: string | undefined;
  constructor(private readonly o: { target: string; config: SutConfig; adapter: ManualAdapter }) {
    this.password = profilePassword(o.config);
  }

  get description(): string {
    return `CSMS at ${this.o.target} (as station "${this.o.config.stationId}")`;
  }

  async prepare(_meta: CaseMeta, endpoint: EndpointOptions): Promise<CaseWiring> {
    const c = this.o.config;
    this.tls ??= tlsMaterialFor(c, false);
    const tls = await this.tls;
    this.pacer ??= new IdentityPacer({ pauseMs: c.timeouts.reconnectPauseMs, closeWaitMs: CLOSE_WAIT_MS, monotonic: endpoint.monotonic });
    const station = new MockStation(endpoint, {
      target: this.o.target,
      identity: c.stationId,
      basicAuthPassword: this.password,
      tls: tls && clientTlsOptions(tls, this.o.target),
      connectMs: c.timeouts.connectMs,
      pacer: this.pacer,
    });
    this.pki ??= pkiAccessor(await pkiDirFor(c, false));
    return {
      station,
      pki: this.pki,
      adapter: this.o.adapter,
      adoptStationPassword: (password) => {
        this.password = password;
      },
      start: async () => undefined,
      cleanup: async () => {
        station.disconnectAll();
        station.detach();
      },
    };
  }

  async recheckReachable(): Promise<string | undefined> {
    await this.pacer?.beforeDial(this.o.config.stationId);
    return tcpUnreachable(this.o.target, this.o.config.timeouts.connectMs);
  }

  async close(): Promise<void> {}
}
