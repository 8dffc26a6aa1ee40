import type { SecurityProfile } from '../../../core/meta.js';
import type { CsmsPeerOptions } from '../../../engine/peer-contract.js';
import type { CertificateHashData } from '../../../pki/test-pki.js';
import type { ActiveFaults } from '../../faults.js';
import type { Handler, NO_REPLY, Payload, RpcPeer } from '../../rpc.js';
import type { Csms201Fault } from './faults.js';
import type { CsmsTls } from './security.js';

/**
 * The state of the 2.0.1/2.1 reference CSMS and the narrow view of it the block handlers,
 * the connection and the operator actions work on (the peer class implements it).
 */

export type BootPolicy = 'Accepted' | 'Pending' | 'Rejected';

export interface TxRecord {
  /** The CSMS's own record number (what a database would assign). */
  record: number;
  transactionId: string;
  evseId?: number;
  lastSeqNo: number;
  chargingState?: string;
  ended: boolean;
  remoteStartId?: number;
  /** The station the transaction belongs to. */
  owner: string;
  /** seqNos already processed. */
  seen: Set<number>;
}

export interface StationSession {
  identity: string;
  rpc: RpcPeer;
  /** The handlers installed on rpc, by action (frame-level faults execute through them). */
  handlers: Map<string, Handler>;
  /** Ids of this CSMS's own calls on the session still waiting for an answer (frame faults only). */
  outstanding: string[];
}

export interface StationState {
  policy: BootPolicy;
  accepted: boolean;
  /** Status of the last BootNotification answered. */
  lastBoot?: BootPolicy;
  /** BootNotifications answered so far (variant bootPendingCount: the first ones are Pending). */
  boots?: number;
  transactions: Map<string, TxRecord>;
  /** Highest seqNo seen on the station, used only by the per-station seqNo fault. */
  stationSeqNo: number;
  connectors: Map<string, string>;
  /** The security profile the station is registered with (A00.FR.002). */
  profile: SecurityProfile;
  /** A higher profile the station accepted (SetNetworkProfile); allowed next to profile until first used. */
  pendingProfile?: SecurityProfile;
  /** Profiles the station used before an upgrade (accepted again only under a fault). */
  formerProfiles: SecurityProfile[];
  /** Basic-auth password for profiles 1/2. Never logged. */
  password?: string;
  /** Passwords replaced by a rotation (accepted again only under a fault). Never logged. */
  formerPasswords: string[];
  /** The serial number the station certificate's CN must carry (A00.FR.405). */
  serial: string;
  /** Fault old-client-cert-revoked-on-issue: the one client certificate (fingerprint) still accepted. */
  onlyCertificate?: string;
  /** What the station last reported in GetInstalledCertificateIds. */
  reportedCerts: { certificateType: string; hashData: CertificateHashData }[];
}

/** Numbers the CSMS hands out. */
export interface Counters {
  records: number;
  remoteStartIds: number;
  reportRequestIds: number;
  /** requestIds of UpdateFirmware, PublishFirmware and GetLog. */
  fileRequestIds: number;
}

/** What block handlers, the connection and operator actions see of the running CSMS. */
export interface CsmsContext {
  readonly o: CsmsPeerOptions;
  readonly faults: ActiveFaults<Csms201Fault>;
  /** The stations this CSMS knows (its provisioning data and what it learnt of them). */
  readonly stations: Map<string, StationState>;
  /** The session commands go to, per identity. */
  readonly sessions: Map<string, StationSession>;
  /** Every open session (more than one per identity only under a shadowing fault). */
  readonly allSessions: Set<StationSession>;
  /** Server certificates and client trust for wss:// (from the run's PKI, at every profile). */
  readonly tlsMaterial: CsmsTls | undefined;
  readonly counters: Counters;
  /** The subprotocol this CSMS selects (ocpp2.0.1, ocpp2.1). */
  readonly subprotocol: string;
  /** Base URL stations connect to. */
  readonly url: string;
  readonly stopped: boolean;
  /** heartbeat-flood-stall: the CSMS reads frames and answers none. */
  stalled: boolean;
  log(line: string): void;
  /** The clock's now as an RFC 3339 date-time. */
  now(): string;
  /** A known station's state; an unknown identity is added with boot policy Rejected. */
  station(identity: string): StationState;
  newStation(policy: BootPolicy, identity: string): StationState;
  /** Sends a call without waiting; the station's response goes to the blocks' response handlers. */
  send(s: StationSession, action: string, payload: Payload): void;
  /** Simulated crash: every connection closed, new ones refused until stop(). */
  crash(reason: string): void;
  /** The transaction table a station's events are looked up in (its own, unless a fault shares one). */
  tableFor(st: StationState): Map<string, TxRecord>;
}

/** One call from a station, as a block handler sees it. */
export interface InboundCall {
  session: StationSession;
  station: StationState;
  action: string;
}

/** Answers a call from a station (throw RpcError for a CALLERROR). */
export type InboundHandler = (ctx: CsmsContext, p: Payload, call: InboundCall) => Payload | typeof NO_REPLY;

/** Where an operator message goes when it is not the station named in the action (a transaction's owner). */
export interface Route {
  to?: string;
  /** The message actually sent instead of the operator's (the CSMS first asks the station for what it needs). */
  message?: string;
}

/** Builds a schema-valid request from the operator's choices; a string explains a refusal. */
export type RequestBuilder = (ctx: CsmsContext, p: Payload, st: StationState, route: Route) => Payload | string;

/** What the CSMS does with a station's response to one of its calls. */
export type ResponseHandler = (ctx: CsmsContext, s: StationSession, request: Payload, response: Payload) => void;

/** The handlers of one functional block, per action. */
export interface CsmsBlock {
  /** Calls from stations the block answers (all but BootNotification are boot-gated). */
  inbound?: Record<string, InboundHandler>;
  /** Operator messages (csmsSend) the block builds. */
  requests?: Record<string, RequestBuilder>;
  /** Station responses to the CSMS's calls the block acts on. */
  responses?: Record<string, ResponseHandler>;
  /** What the block adds to another block's answer (e.g. totalCost in a TransactionEventResponse), per action. */
  answers?: Record<string, AnswerAmendment>;
  /** Runs before every inbound handler; throws RpcError to refuse the call (e.g. a fault on customData). */
  guard?: (ctx: CsmsContext, p: Payload, call: InboundCall) => void;
}

/** Changes or completes an answer another block gave to a station's call (the call's payload and the answer). */
export type AnswerAmendment = (answer: Payload, ctx: CsmsContext, p: Payload, call: InboundCall) => Payload;

/** The handlers of a family member: the blocks merged, with its version's delta applied. */
export interface Csms2Tables {
  /** The subprotocol the CSMS selects (ocpp2.0.1, ocpp2.1). */
  subprotocol: string;
  inbound: ReadonlyMap<string, InboundHandler>;
  requests: ReadonlyMap<string, RequestBuilder>;
  responses: ReadonlyMap<string, readonly ResponseHandler[]>;
}
