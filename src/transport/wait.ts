/**
 * Every wait in the harness goes through here: a condition re-checked whenever the source
 * signals a change, bounded by a timeout and by the case's abort signal.
 */
export class ChangeSignal {
  private waiters = new Set<() => void>();
  notify(): void {
    const ws = [...this.waiters];
    this.waiters.clear();
    for (const w of ws) w();
  }
  /** Resolves on the next notify(). */
  next(): { promise: Promise<void>; cancel: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.waiters.add(resolve);
    return { promise, cancel: () => this.waiters.delete(resolve) };
  }
}

export class AbortedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'AbortedError';
  }
}

export type WaitOutcome<T> = { ok: true; value: T } | { ok: false; timedOut: true };

/**
 * Who is told when a wait starts under an abort signal, and for how long: the runner's case
 * limit, so that a wait started before the limit is never cut short by it.
 */
const waitWatchers = new WeakMap<AbortSignal, (ms: number) => void>();

/** Calls `onWait(ms)` each time a wait of `ms` starts under `abort`. */
export function watchWaits(abort: AbortSignal, onWait: (ms: number) => void): void {
  waitWatchers.set(abort, onWait);
}

/** Tells the watcher of `abort` (if any) that a wait of `ms` starts now. */
export function announceWait(abort: AbortSignal | undefined, ms: number): void {
  if (abort) waitWatchers.get(abort)?.(ms);
}

export async function waitFor<T>(
  signal: ChangeSignal,
  check: () => T | undefined,
  timeoutMs: number,
  abort?: AbortSignal,
): Promise<WaitOutcome<T>> {
  const deadline = performance.now() + timeoutMs;
  announceWait(abort, timeoutMs);
  for (;;) {
    const value = check();
    if (value !== undefined) return { ok: true, value };
    if (abort?.aborted) throw new AbortedError(String(abort.reason ?? 'aborted'));
    const left = deadline - performance.now();
    if (left <= 0) return { ok: false, timedOut: true };
    const next = signal.next();
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    await Promise.race([
      next.promise,
      new Promise<void>((r) => {
        timer = setTimeout(r, left);
      }),
      new Promise<void>((r) => {
        if (abort) {
          onAbort = r;
          abort.addEventListener('abort', onAbort, { once: true });
        }
      }),
    ]);
    next.cancel();
    if (timer) clearTimeout(timer);
    if (abort && onAbort) abort.removeEventListener('abort', onAbort);
  }
}

export function sleep(ms: number, abort?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (abort?.aborted) return reject(new AbortedError(String(abort.reason ?? 'aborted')));
    announceWait(abort, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError(String(abort?.reason ?? 'aborted')));
    };
    const timer = setTimeout(() => {
      abort?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    abort?.addEventListener('abort', onAbort, { once: true });
  });
}
