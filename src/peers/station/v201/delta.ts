import type { ActiveFaults, FaultName, FaultTable } from '../../faults.js';
import type { Payload, RpcPeer } from '../../rpc.js';
import type { Station201Fault } from './faults.js';
import type { StationHandler, StationState } from './state.js';

/**
 * What a version of the 2.0.1 family changes, written as a delta rather than a copy: 2.1 is the
 * 2.0.1 station with its delta applied.
 */

/** What a delta handler gets besides the station and the payload. */
export interface DeltaCall<F extends string> {
  /** The connection the call came on. */
  rpc: RpcPeer;
  /** The faults of the family and of the delta. */
  faults: ActiveFaults<Station201Fault | F>;
  /** The family's handler of the action, if it has one (a delta may change what it answers). */
  base: StationHandler | undefined;
}

export type DeltaHandler<F extends string = string> = (st: StationState, p: Payload, call: DeltaCall<F>) => Payload | Promise<Payload>;

export interface Station2Delta<T extends FaultTable = FaultTable> {
  /** The WebSocket subprotocol offered (default: the one of the version). */
  subprotocol?: string;
  /** Faults only this version has (names distinct from the family's). */
  faults?: T;
  /** Handlers added, or replacing the family's, by action. */
  handlers?: Readonly<Record<string, DeltaHandler<FaultName<T>>>>;
  /** Changes to the BootNotification request (fields the version adds or changes). */
  bootPayload?: (p: Payload) => Payload;
}

/** Keeps the delta's fault names literal, so its handlers' fault checks are compile-time checked. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export function defineStation2Delta<const T extends FaultTable = {}>(delta: Station2Delta<T>): Station2Delta<T> {
  return delta;
}
