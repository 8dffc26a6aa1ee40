import type { KeyObject } from 'node:crypto';
import type { CsmsPeerOptions } from '../../../engine/peer-contract.js';
import type { CertificateHashData } from '../../../pki/test-pki.js';
import { ActiveFaults } from '../../faults.js';
import type { NO_REPLY, Payload, RpcPeer } from '../../rpc.js';
import { Credentials16 } from './connection.js';
import type { Csms16Fault } from './faults.js';

export interface Transaction {
  id: number;
  connectorId: number;
  idTag: string;
  active: boolean;
  /** The charge point that started it. */
  identity?: string;
  /** Closed by a fault: a later StopTransaction for it is refused. */
  refuseStop?: boolean;
}

/** A reservation the operator made with ReserveNow. */
export interface Reservation16 {
  id: number;
  identity: string;
  connectorId: number;
  idTag: string;
}

/** A handler of a charge-point initiated action. */
export type CallHandler16 = (p: Payload) => Payload | typeof NO_REPLY;

export interface StationSession {
  identity: string;
  rpc: RpcPeer;
  /** idTags this connection asked about with Authorize (for the start-tx-requires-authorize fault). */
  authorized: Set<string>;
  /** Handlers by action (the RPC layer has the same ones). */
  handlers: Map<string, CallHandler16>;
  /** Ids of our own CALLs on this connection that have not been answered. */
  outstanding: Set<string>;
}

/** What an operator request becomes: the payload to send, nothing to send, or why it cannot be sent. */
export type OperatorRequest = { payload: Payload; secret?: boolean } | { skip: true } | { error: string };

/**
 * The state of the 1.6 reference central system that its blocks share: the sessions, the
 * transactions it handed out, which charge points are accepted, their handshake credentials and
 * the whitepaper bookkeeping (reported certificates, firmware images, operator calls in flight).
 * The peer class (peer.ts) adds the lifecycle and the dispatch; it never knows which case runs.
 */
export class CentralSystem16 {
  readonly faults: ActiveFaults<Csms16Fault>;
  readonly credentials: Credentials16;
  /** Transaction ids by StartTransaction request content, so a repeat gets the same id. */
  readonly starts = new Map<string, number>();
  readonly sessions = new Map<string, StationSession>();
  /** Transactions survive reconnects of the same charge point. */
  readonly transactions = new Map<number, Transaction>();
  nextTransactionId = 1;
  /** Charge points whose last BootNotification was accepted (a reconnect without reboot keeps it). */
  readonly accepted = new Set<string>();
  /** BootNotifications answered per charge point (variant bootPendingCount). */
  readonly boots = new Map<string, number>();

  /** The last status each charge point reported per connector. */
  readonly connectorStatus = new Map<string, Map<number, string>>();
  /** Reservations made by ReserveNow, by reservationId. */
  readonly reservations = new Map<number, Reservation16>();
  nextReservationId = 1;
  /** Local list version last sent per charge point. */
  readonly localListVersion = new Map<string, number>();
  /** Charging profile ids last sent per charge point. */
  readonly profileIds = new Map<string, number>();
  nextProfileId = 1;

  // ---- Security Whitepaper state ----
  /** Hash data the charge point reported per certificate type (GetInstalledCertificateIds). */
  readonly reported = new Map<string, Map<string, CertificateHashData[]>>();
  /** Firmware images served for SignedUpdateFirmware, by requestId. */
  readonly firmware = new Map<number, { bytes: Buffer }>();
  signer: { certPem: string; key: KeyObject } | undefined;
  /** Operator calls still waiting for their answer, per identity (a DeleteCertificate waits for the listing). */
  readonly inflight = new Map<string, Set<{ message: string; done: Promise<unknown> }>>();
  nextRequestId = 1;
  /** Base URL of the listener's own HTTP service (firmware, log uploads). */
  httpBase = '';

  constructor(readonly o: CsmsPeerOptions) {
    this.faults = new ActiveFaults<Csms16Fault>(o.faults);
    this.credentials = new Credentials16(o, this.faults);
  }

  log(line: string): void {
    this.o.log?.(`[csms16] ${line}`);
  }

  now(): string {
    return new Date(this.o.clock.now()).toISOString();
  }
}

/** An operator parameter that is an integer, else undefined. */
export const intParam = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
