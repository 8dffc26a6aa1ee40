import { AbortedError } from '../transport/wait.js';
import { CaseLimit } from './case-limit.js';

/**
 * Post-conditions (OCTT's clean-up after a reusable state or a case): what a case or a state
 * changed on the SUT is put back at case end, pass or fail: a transaction it started stopped, a
 * configuration value or password it changed restored, a certificate it installed removed.
 */
export interface PostCondition {
  title: string;
  run: () => Promise<void>;
  /** Checked at case end: false means nothing is left to undo (no step is recorded). */
  when?: () => boolean;
}

export class PostConditions {
  private readonly list: (PostCondition & { dropped: boolean })[] = [];

  /** Registers a clean-up; the returned function drops it (the case put things back itself). */
  add(title: string, run: () => Promise<void>, when?: () => boolean): () => void {
    const entry = { title, run, when, dropped: false };
    this.list.push(entry);
    return () => {
      entry.dropped = true;
    };
  }

  /** What is still to do, newest first (the last change is undone first). */
  pending(): PostCondition[] {
    return this.list
      .filter((p) => !p.dropped)
      .reverse()
      .map(({ title, run, when }) => ({ title, run, when }));
  }
}

/** What running the post-conditions needs from the case and the runner. */
export interface PostConditionHost {
  /** Opens a step marked as a post-condition. */
  step(title: string): void;
  closeStep(status: 'pass' | 'inconclusive', detail?: string): void;
  note(text: string): void;
  /** Makes every wait of the case (endpoint, manual steps) listen on `signal` from now on. */
  usePhase(signal: AbortSignal): void;
}

/**
 * Runs the pending post-conditions, newest first, each as a step. Their time is bounded like a
 * case's (CaseLimit: `budgetMs`, extended by waits started within it) and by `stop` (the user
 * interrupting the run). One that cannot be done is recorded and noted; it never changes the
 * case's verdict, which was decided before.
 */
export async function runPostConditions(
  list: readonly PostCondition[],
  host: PostConditionHost,
  o: { budgetMs: number; stop: AbortSignal },
): Promise<void> {
  if (!list.some((pc) => pc.when?.() ?? true)) return;
  const controller = new AbortController();
  const limit = new CaseLimit(o.budgetMs, controller, undefined, 'the post-conditions');
  const onStop = () => controller.abort(`the run was interrupted (${String(o.stop.reason ?? 'Ctrl-C')})`);
  if (o.stop.aborted) onStop();
  else o.stop.addEventListener('abort', onStop, { once: true });
  host.usePhase(controller.signal);
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(new AbortedError(String(controller.signal.reason)));
    if (controller.signal.aborted) fail();
    else controller.signal.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    for (const pc of list) {
      // Each is checked right before it runs: an earlier one may have undone this one's change too.
      if (!(pc.when?.() ?? true)) continue;
      host.step(`Post-condition: ${pc.title}`);
      try {
        if (controller.signal.aborted) throw new AbortedError(String(controller.signal.reason));
        await Promise.race([pc.run(), aborted]);
        host.closeStep('pass');
      } catch (err) {
        const why = (err as Error).message;
        host.closeStep('inconclusive', why);
        host.note(`post-condition not reached: ${pc.title}: ${why}; later cases may start from what this case left behind`);
      }
    }
  } finally {
    limit.stop();
    o.stop.removeEventListener('abort', onStop);
  }
}
