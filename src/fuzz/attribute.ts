import type { Outcome } from './judge.js';
import type { PlannedMutation } from './plan.js';
import type { FuzzSession } from './session.js';
import { shrink } from './shrink.js';

/** A mutation as sent on one of the run's connections. */
export interface Sent {
  m: PlannedMutation;
  lane: number;
}

export type Replayable = Pick<PlannedMutation, 'frame' | 'setup' | 'messageId' | 'silenceAllowed' | 'expectation'>;

export interface AttributionOptions {
  /** The frames sent since the last good liveness probe, oldest first. */
  frames: Sent[];
  open(): Promise<FuzzSession | undefined>;
  probe(s: FuzzSession): Promise<boolean>;
  send(s: FuzzSession, m: Replayable): Promise<Outcome>;
  /** Restarts a reference peer; absent for a real SUT (which must come back by itself). */
  restart?: () => Promise<void>;
  shrinkSteps: number;
  /** Milliseconds left for the whole search; at 0 it stops with what it has. */
  timeLeft(): number;
}

/** Frames replayed at most when looking for the one that crashes the SUT. */
const MAX_REPLAYS = 500;

/**
 * Finds which frame of a window makes the SUT unresponsive: each is replayed alone, newest first
 * (the likeliest), followed by a liveness probe, on a connection kept while the SUT survives.
 * With a restartable target the culprit is then shrunk to a minimal frame. Undefined when the SUT
 * did not come back or no single frame reproduces the crash within the time left.
 */
export async function attributeCrash(o: AttributionOptions): Promise<{ sent: Sent; shrunk?: string } | undefined> {
  if (o.restart) await o.restart();
  let s: FuzzSession | undefined;
  /** Replays one frame; true when the SUT is unresponsive after it (a fresh connection cannot get an answer either). */
  const kills = async (m: Replayable): Promise<boolean | 'down'> => {
    if (!s || s.closed) s = await o.open();
    if (!s) return 'down';
    const outcome = await o.send(s, m);
    if (outcome.kind !== 'close' && !s.closed && (await o.probe(s))) return false;
    s.close();
    s = await o.open();
    const alive = s ? await o.probe(s) : false;
    return !alive;
  };
  try {
    for (const sent of [...o.frames].reverse().slice(0, MAX_REPLAYS)) {
      if (o.timeLeft() <= 0) return undefined;
      const r = await kills(sent.m);
      if (r === 'down') return undefined;
      if (!r) continue;
      if (!o.restart) return { sent };
      const restart = o.restart;
      const shrunk = await shrink(
        sent.m.frame,
        async (candidate) => {
          if (o.timeLeft() <= 0) return false;
          s?.close();
          s = undefined;
          await restart();
          return (await kills({ ...sent.m, frame: candidate })) === true;
        },
        o.shrinkSteps,
      );
      return { sent, shrunk: shrunk.frame };
    }
    return undefined;
  } finally {
    s?.close();
  }
}
