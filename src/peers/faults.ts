import type { FaultInfo } from '../engine/peer-contract.js';

/**
 * Faults of a reference peer as typed data. Each fault breaks exactly one behaviour; its name is
 * what a case's `fault` field and the peer's own checks use, so both are compile-time checked.
 */
export interface FaultSpec {
  /** Functional block (2.0.1 letter or 1.6 section) whose handler the fault lives in. */
  block: string;
  description: string;
}

export type FaultTable = Readonly<Record<string, FaultSpec>>;

/** Keeps the literal names of `specs` so `FaultName<typeof X>` is their union. */
export function defineFaults<const T extends FaultTable>(specs: T): T {
  return specs;
}

export type FaultName<T extends FaultTable> = Extract<keyof T, string>;

/** The `--list-faults` view of a table. */
export function faultList(...tables: FaultTable[]): FaultInfo[] {
  return tables.flatMap((t) => Object.entries(t).map(([name, spec]) => ({ name, description: spec.description })));
}

/** The faults active in one running peer; `has` only takes names the peer defines. */
export class ActiveFaults<F extends string> {
  constructor(private readonly active: ReadonlySet<string>) {}

  has(name: F): boolean {
    return this.active.has(name);
  }
}
