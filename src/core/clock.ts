import { randomUUID } from 'node:crypto';

/** Time source, injected everywhere so tests can be deterministic. */
export interface Clock {
  /** Wall-clock ms since the epoch (for OCPP timestamps and report times). */
  now(): number;
  /** Monotonic ms (for durations and wire offsets). */
  monotonic(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

/** Message-id and token source, injected like the clock. */
export interface IdSource {
  next(): string;
}

export const randomIds: IdSource = { next: () => randomUUID() };

export function counterIds(prefix = 'id'): IdSource {
  let n = 0;
  return { next: () => `${prefix}-${++n}` };
}

export function isoTime(clock: Clock, offsetMs = 0): string {
  return new Date(clock.now() + offsetMs).toISOString();
}
