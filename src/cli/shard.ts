import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../core/usage-error.js';
import type { CaseDefinition } from '../engine/case.js';
import { durationsOf, parseShard, shardPlan, type ShardSpec } from '../engine/shards.js';
import { readEventLog } from '../reporters/eventlog-reader.js';
import type { CliIo } from './filters.js';

export interface ShardOpts {
  shard?: string;
  durations?: string;
}

/** The run.jsonl of `--durations`: the file itself, or the run.jsonl in a report directory. */
function durationsFile(path: string): string {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'run.jsonl') : path;
  if (!existsSync(file))
    throw new UsageError(`--durations ${path}: no event log there; give a run.jsonl or the report directory holding one`);
  return file;
}

/**
 * The slice of `plan` that `--shard i/n` runs (the whole plan without it), balanced on the case
 * durations of `--durations` (a previous run's event log) or, without one, on an estimate.
 */
export function shardOf(
  plan: CaseDefinition[],
  o: ShardOpts,
  io: CliIo,
  weight?: (d: CaseDefinition['meta']) => number,
): { plan: CaseDefinition[]; shard?: ShardSpec } {
  const shard = parseShard(o.shard);
  if (!shard) {
    if (o.durations) throw new UsageError('--durations: goes with --shard i/n (it balances the slices)');
    return { plan };
  }
  const durations = o.durations ? durationsOf(readEventLog(durationsFile(o.durations))) : new Map<string, number>();
  const mine = shardPlan(plan, shard, durations, weight);
  const known = plan.filter((d) => durations.has(d.meta.id)).length;
  io.stderr(
    `shard ${shard.index}/${shard.count}: ${mine.length} of ${plan.length} cases (balanced on ${o.durations ? `${known} durations from ${o.durations}, the rest estimated` : 'estimates; --durations <previous run.jsonl> balances on measured times'})\n`,
  );
  return { plan: mine, shard };
}
