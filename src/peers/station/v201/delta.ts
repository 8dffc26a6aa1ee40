import type { ActiveFaults, FaultName, FaultTable } from '../../faults.js';
import type { Payload, RpcPeer } from '../../rpc.js';
import type { Station201Fault } from './faults.js';
import type { StationState } from './state.js';

/**
 * What a version of the 2.0.1 family changes, written as a delta rather than a copy: 2.1 is the
 * 2.0.1 station with this applied. A delta handler sees the faults of the family and its own.
 */
export type DeltaHandler<F extends string = string> = (st: StationState, p: Payload, rpc: RpcPeer, faults: ActiveFaults<Station201Fault | F>) => Payload | Promise<Payload>;

export interface StationDelta<T extends FaultTable = FaultTable> {
  /** The WebSocket subprotocol offered (default: the one of the version). */
  subprotocol?: string;
  /** Faults the version adds to the family's. */
  faults?: T;
  /** Handlers added, or replacing the family's, by action. */
  handlers?: Readonly<Record<string, DeltaHandler<FaultName<T>>>>;
  /** Changes to the BootNotification request (fields the version adds or changes). */
  bootPayload?: (p: Payload) => Payload;
}

/** Keeps the delta's fault names literal, so its handlers' fault checks are compile-time checked. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export function defineStationDelta<const T extends FaultTable = {}>(delta: StationDelta<T>): StationDelta<T> {
  return delta;
}
