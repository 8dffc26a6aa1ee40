import type { OcppConnection } from '../transport/connection.js';
import type { DialResult } from '../transport/client.js';
import { SutUnreachable } from '../core/verdict.js';
import { AbortedError } from '../transport/wait.js';

/**
 * Connection hygiene for the harness as station: before it dials again as an identity, every
 * connection it holds as that identity is closed (close handshake done, bounded) and a pause has
 * passed since the last of them closed. CSMSs that refuse a second connection for a live identity,
 * or clean the old session up asynchronously, otherwise refuse the dial or misbehave.
 *
 * One pacer per SUT: a real CSMS link keeps one for the whole run, so the next case's first dial
 * waits for the previous case's close too.
 */
export class IdentityPacer {
  private readonly open = new Map<string, Set<OcppConnection>>();
  private readonly lastClose = new Map<string, number>();

  constructor(
    private readonly o: {
      /** Pause after the last close before dialing again as the same identity (timeouts.reconnectPauseMs). */
      pauseMs: number;
      /** The longest wait for a close handshake to finish before the dial goes ahead anyway. */
      closeWaitMs: number;
      monotonic: () => number;
    },
  ) {}

  /** Follows a connection opened as `identity` until it closes. */
  track(identity: string, conn: OcppConnection): void {
    const set = this.open.get(identity) ?? new Set<OcppConnection>();
    this.open.set(identity, set);
    set.add(conn);
    conn.onClose(() => {
      set.delete(conn);
      this.lastClose.set(identity, this.o.monotonic());
    });
  }

  /**
   * Waits until the identity may dial again: its connections still open are closed (by the
   * harness, code 1000) and their close finished, then the pause since the last close has passed.
   * Returns what it waited for (for the log), or undefined when it did not wait.
   */
  async beforeDial(identity: string, abort?: AbortSignal): Promise<string | undefined> {
    const started = this.o.monotonic();
    const live = [...(this.open.get(identity) ?? [])].filter((c) => !c.closed);
    for (const c of live) c.close(1000, 'reconnecting');
    if (live.length) await sleepUntil(() => live.every((c) => c.closed), this.o.closeWaitMs, abort);
    const unfinished = live.filter((c) => !c.closed).length;
    const last = this.lastClose.get(identity);
    const pause = last === undefined ? 0 : Math.max(0, last + this.o.pauseMs - this.o.monotonic());
    if (pause > 0) await sleepUntil(() => false, pause, abort);
    const waited = Math.round(this.o.monotonic() - started);
    if (!live.length && pause <= 0) return undefined;
    return `waited ${waited} ms before dialing as ${JSON.stringify(identity)}: ${live.length ? `${live.length} earlier connection(s) closed${unfinished ? ` (${unfinished} without a finished close handshake)` : ''}, ` : ''}pause of ${this.o.pauseMs} ms since the last close`;
  }
}

/** Polls a condition every few ms until it holds or `ms` passed; the case abort ends it early. */
async function sleepUntil(done: () => boolean, ms: number, abort?: AbortSignal): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done()) {
    if (abort?.aborted) throw new AbortedError(String(abort.reason ?? 'aborted'));
    const left = deadline - performance.now();
    if (left <= 0) return;
    await new Promise((r) => setTimeout(r, Math.min(left, 10)));
  }
}

/**
 * One case's dials as station: paced per identity (unless `beside`), and an outage told apart
 * from a refusal. A SUT not reached at all before any dial of the case reached it is an outage
 * (SutUnreachable); once reached, a later network failure is the case's doing and is returned.
 */
export class CaseDials {
  private reached = false;

  constructor(
    private readonly pacer: IdentityPacer,
    private readonly note: (text: string) => void,
    private readonly abort?: AbortSignal,
  ) {}

  async before(identity: string, beside: boolean | undefined): Promise<void> {
    const waited = beside ? undefined : await this.pacer.beforeDial(identity, this.abort);
    if (waited) this.note(waited);
  }

  after(identity: string, result: DialResult): void {
    if (result.ok) this.pacer.track(identity, result.conn);
    else if (result.unreachable && !this.reached) throw new SutUnreachable(result.error);
    this.reached = true;
  }
}
