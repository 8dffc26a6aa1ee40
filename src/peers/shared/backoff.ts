/**
 * Reconnect back-off of a reference station: a minimum delay, doubled per failed attempt up to a
 * number of doublings, plus random jitter so many stations do not reconnect in step (the
 * RetryBackOff* variables of OCPP 2.0.1, with short loopback values).
 */
export interface BackoffPolicy {
  minMs: number;
  /** How many times the delay doubles at most. */
  doublings: number;
  /** Jitter added to each delay: 0 up to this many ms. */
  randomMs: number;
}

export class ReconnectBackoff {
  private attempt = 0;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt; each call counts one more failed attempt. `fixed`: always the minimum (a fault). */
  next(fixed = false): number {
    const n = this.attempt++;
    const p = this.policy;
    return fixed ? p.minMs : p.minMs * 2 ** Math.min(n, p.doublings) + Math.floor(this.random() * p.randomMs);
  }

  /** A connection succeeded (or the station rebooted): start again from the minimum. */
  reset(): void {
    this.attempt = 0;
  }
}
