import { watchWaits } from '../transport/wait.js';

/**
 * The time limit of one phase of a case (its body, or its post-conditions), derived from the
 * waits it makes: the base limit (meta.timeoutMs, else timeouts.caseMs) is a floor, and a wait
 * that starts before the base limit passes runs to its own end, plus a short grace for the case
 * to turn that wait's outcome into a verdict. So no case hits its limit while one of its own
 * declared waits is still running; waits that start after the base limit do not extend it, which
 * bounds a phase at the base limit plus its longest wait.
 */
export class CaseLimit {
  /** Time for a case to act on a wait that just ended (judge it, close the step). */
  static readonly GRACE_MS = 500;
  private readonly started: number;
  private deadline: number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    readonly baseMs: number,
    private readonly controller: AbortController,
    private readonly now: () => number = () => performance.now(),
    private readonly what = 'the case',
  ) {
    this.started = now();
    this.deadline = this.started + baseMs;
    watchWaits(controller.signal, (ms) => this.noteWait(ms));
    this.arm();
  }

  /** The limit in effect now, in ms from the start. */
  get effectiveMs(): number {
    return Math.round(this.deadline - this.started);
  }

  /** A wait of `ms` starts now: if the base limit has not passed, the limit moves to its end. */
  noteWait(ms: number): void {
    const t = this.now();
    if (this.stopped || t > this.started + this.baseMs) return;
    this.deadline = Math.max(this.deadline, t + ms + CaseLimit.GRACE_MS);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private arm(): void {
    this.timer = setTimeout(
      () => {
        if (this.stopped) return;
        if (this.now() < this.deadline) return this.arm();
        const extended = this.effectiveMs > this.baseMs ? ` (extended to ${this.effectiveMs} ms for a wait that started before it)` : '';
        this.controller.abort(`${this.what} exceeded its limit of ${this.baseMs} ms${extended}`);
      },
      Math.max(1, this.deadline - this.now()),
    );
  }
}
