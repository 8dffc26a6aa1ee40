import type { OcppVersion } from '../core/versions.js';
import type { SchemaValidator } from '../protocol/schemas.js';
import type { ActionOutcome, ManualAction } from '../core/manual-actions.js';
import type { Clock, IdSource } from '../core/clock.js';
import type { SutConfig } from '../core/config.js';
import type { TlsMaterial } from '../transport/tls.js';
import type { TestPki } from '../pki/test-pki.js';

/** A named way a reference peer can be broken; exactly one behaviour changes. */
export interface FaultInfo {
  name: string;
  description: string;
}

/**
 * A running reference peer. It acts from its config and state alone: it never knows which case
 * runs. `perform` carries out "physical" manual actions (plug in, present card, reboot, or for a
 * CSMS: an operator asking it to send a message).
 */
export interface ReferencePeer {
  perform(action: ManualAction): Promise<ActionOutcome>;
  stop(): Promise<void>;
}

export interface ReferenceCsms extends ReferencePeer {
  /** Base URL stations connect to (identity appended). */
  url: string;
}

/**
 * Settings a reference peer reads from its own configuration at start: the overlay of one
 * conformant configuration variant (device-model variables, configuration keys, CSMS policy),
 * keyed as the peer documents in its variants.ts. Never derived from a case.
 */
export type PeerSettings = Readonly<Record<string, string>>;

/**
 * One conformant configuration of a reference peer, proven by selfcheck like the default one.
 * `affects` names the cases whose outcome the variant can change (blocks and case-id globs);
 * selfcheck runs only those on the variant, and the whole catalogue on the default.
 */
export interface PeerVariant {
  name: string;
  description: string;
  settings: PeerSettings;
  affects: { blocks?: string[]; cases?: string[] };
}

export interface PeerCommon {
  version: OcppVersion;
  /** The configuration variant's overlay (none: the default configuration). */
  settings?: PeerSettings;
  validator: SchemaValidator;
  faults: ReadonlySet<string>;
  /** The same SUT config the harness uses: ids, tokens, timeouts (short ones in reference runs). */
  config: SutConfig;
  clock: Clock;
  ids: IdSource;
  /**
   * The run's test PKI: the CSMS as CA signs CSRs with it, a station finds the roots and
   * certificates it starts with (reference runs always have one).
   */
  pki?: TestPki;
  /** Diagnostic log of the peer (simulator mode prints it). */
  log?: (line: string) => void;
}

export interface StationPeerOptions extends PeerCommon {
  target: string;
  identity: string;
  basicAuthPassword?: string;
  /** Security profile 2/3: dial with TLS (CSMS root as ca; station certificate for profile 3). */
  tls?: TlsMaterial;
}

export interface CsmsPeerOptions extends PeerCommon {
  host: string;
  port: number;
  /** Passwords per identity for Basic auth (security profile 1/2); undefined = no auth. */
  basicAuthPassword?: string;
  /** Security profile 2/3: serve TLS (profile 3: require a verified station certificate). */
  tls?: TlsMaterial;
}

export interface StationPeerModule {
  version: OcppVersion;
  faults: FaultInfo[];
  /** Conformant configurations besides the default one (selfcheck proves each). */
  variants?: PeerVariant[];
  start(opts: StationPeerOptions): Promise<ReferencePeer>;
}

export interface CsmsPeerModule {
  version: OcppVersion;
  faults: FaultInfo[];
  /** Conformant configurations besides the default one (selfcheck proves each). */
  variants?: PeerVariant[];
  start(opts: CsmsPeerOptions): Promise<ReferenceCsms>;
}

/** Where the engine finds reference peers; the wiring layer passes the built-in registry. */
export interface ReferencePeerSource {
  station(version: OcppVersion): StationPeerModule;
  csms(version: OcppVersion): CsmsPeerModule;
  has(version: OcppVersion, role: 'station' | 'csms'): boolean;
  faults(version: OcppVersion, role: 'station' | 'csms'): FaultInfo[];
}
