import { UsageError } from '../core/usage-error.js';
import type { CaseMeta } from '../core/meta.js';
import type { RunEvent } from './events.js';

/** One slice of a run split over several machines (`run --shard 2/4`): 1-based index of count. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Parses `i/n` (1 <= i <= n <= 256). */
export function parseShard(value: string | undefined): ShardSpec | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > 256 || index < 1 || index > count)
    throw new UsageError(`--shard: "${value}" is not i/n with 1 <= i <= n <= 256; e.g. --shard 2/4 runs the second of four slices`);
  return { index, count };
}

/** Wall time per case id in a previous run's event log (summed over its security profiles). */
export function durationsOf(events: Iterable<RunEvent>): Map<string, number> {
  const idOf = new Map<string, string>();
  const out = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'case-start') idOf.set(e.runKey, e.meta.id);
    else if (e.type === 'case-end') {
      const id = idOf.get(e.runKey);
      if (id !== undefined) out.set(id, (out.get(id) ?? 0) + Math.max(0, e.durationMs));
    }
  }
  return out;
}

/** The estimate for a case no previous run timed: the median of the timed ones, else 1 s. */
const DEFAULT_ESTIMATE_MS = 1000;

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * The cases of `plan` that shard `spec` runs. Longest-processing-time-first: cases in order of
 * decreasing duration (ties by id) each go to the slice with the least time so far (ties: the
 * lowest index). The same plan and durations give every machine the same split, every case is in
 * exactly one slice, and each slice keeps the plan's order. `weight` multiplies a case's estimate
 * (a reference run over several security profiles runs a case once per profile it applies to).
 */
export function shardPlan<T extends { meta: CaseMeta }>(
  plan: readonly T[],
  spec: ShardSpec,
  durations: ReadonlyMap<string, number> = new Map(),
  weight: (meta: CaseMeta) => number = () => 1,
): T[] {
  const fallback = median([...durations.values()]) ?? DEFAULT_ESTIMATE_MS;
  const cost = (m: CaseMeta) => durations.get(m.id) ?? fallback * weight(m);
  const order = plan
    .map((d, i) => ({ i, id: d.meta.id, ms: cost(d.meta) }))
    .sort((a, b) => b.ms - a.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.i - b.i));
  const load = new Array<number>(spec.count).fill(0);
  const mine = new Set<number>();
  for (const c of order) {
    let k = 0;
    for (let j = 1; j < spec.count; j++) if ((load[j] ?? 0) < (load[k] ?? 0)) k = j;
    load[k] = (load[k] ?? 0) + c.ms;
    if (k === spec.index - 1) mine.add(c.i);
  }
  return plan.filter((_, i) => mine.has(i));
}
