import { SchemaValidator } from '../protocol/schemas.js';
import type { OcppVersion } from '../core/versions.js';
import { actionsFor, type FuzzDirection } from './directions.js';
import { generateValid, type GenerateOptions } from './generate.js';
import { type Mutation, type MutationOptions, mutations } from './mutate.js';
import { Random, type Seed } from './random.js';

export interface FuzzPlanOptions {
  version: OcppVersion;
  direction: FuzzDirection;
  seed: Seed;
  /** How many mutations to yield. */
  count: number;
  /** Restrict to these actions (still filtered to what the SUT receives); default: all of them. */
  actions?: string[];
  /** Reuse a validator across plans. */
  validator?: SchemaValidator;
  generate?: GenerateOptions;
  mutate?: Omit<MutationOptions, 'validator'>;
}

export interface PlannedMutation extends Mutation {
  /** Position in the plan (0-based); with the seed it identifies this exact frame. */
  index: number;
  /** How many payloads of this action were generated before this one. */
  round: number;
}

/**
 * A deterministic fuzz plan: the same options give byte-identical frames in the same order.
 * Actions are visited round-robin (so a small count still reaches many actions); each visit
 * takes the next mutation of that action's current payload, and a fresh valid payload is
 * generated (from its own forked stream) when one payload's mutations are used up.
 */
export function* fuzzPlan(opts: FuzzPlanOptions): Generator<PlannedMutation> {
  const validator = opts.validator ?? new SchemaValidator(opts.version);
  const wanted = opts.actions ? new Set(opts.actions) : undefined;
  const actions = actionsFor(opts.version, opts.direction).filter((a) => validator.hasAction(a) && (!wanted || wanted.has(a)));
  if (actions.length === 0 || opts.count <= 0) return;
  const root = new Random(opts.seed).fork(`fuzz/${opts.version}/${opts.direction}`);
  const queues = new Map<string, { round: number; items: Mutation[] }>();
  for (let index = 0; index < opts.count; index++) {
    const action = actions[index % actions.length];
    let q = queues.get(action);
    if (!q || q.items.length === 0) {
      const round = q ? q.round + 1 : 0;
      const stream = root.fork(`${action}/${round}`);
      const payload = generateValid(validator.schema(action, 'request')!, stream.fork('payload'), opts.generate);
      q = { round, items: mutations(stream.fork('mutations'), action, payload, opts.version, { ...opts.mutate, validator }) };
      queues.set(action, q);
    }
    yield { ...q.items.shift()!, index, round: q.round };
  }
}

/** The frame exactly as sent, one per line (frames never contain a raw line feed). */
export function recordLine(frame: string): string {
  return `${frame}\n`;
}
