import { SchemaValidator } from '../protocol/schemas.js';
import type { OcppVersion } from '../core/versions.js';
import { actionsFor, type FuzzDirection } from './directions.js';
import { generateValid, type GenerateOptions } from './generate.js';
import { type Mutation, type MutationOptions, mutations } from './mutate.js';
import { Random, type Seed } from './random.js';
import type { Coverage } from './coverage.js';

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
  /**
   * Coverage feedback: each visit takes the first mutation of the action's current payload whose
   * (action, field, mutator) cell was not sent yet, and marks it sent; when that payload has none
   * left, a fresh payload is generated once before its explored mutations are taken in order.
   * Which cells were sent depends only on the plan, so the frames stay deterministic per seed.
   */
  coverage?: Coverage;
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
  type Queue = { round: number; items: Mutation[]; steered: boolean };
  const queues = new Map<string, Queue>();
  const cov = opts.coverage;
  const refill = (action: string, q: Queue | undefined, steered: boolean): Queue => {
    const round = q ? q.round + 1 : 0;
    const stream = root.fork(`${action}/${round}`);
    const payload = generateValid(validator.schema(action, 'request')!, stream.fork('payload'), opts.generate);
    const next = {
      round,
      items: mutations(stream.fork('mutations'), action, payload, opts.version, { ...opts.mutate, validator }),
      steered,
    };
    queues.set(action, next);
    for (const m of next.items) cov?.known(m);
    return next;
  };
  const unexplored = (q: Queue) => (cov ? q.items.findIndex((m) => !cov.explored(m)) : 0);
  for (let index = 0; index < opts.count; index++) {
    const action = actions[index % actions.length];
    let q = queues.get(action);
    if (!q || q.items.length === 0) q = refill(action, q, false);
    let pick = unexplored(q);
    // Every cell of this payload's mutations was sent already: a fresh payload (other optional
    // fields, other values) may open new cells. Tried once in a row, so a run still goes deep.
    if (pick < 0 && !q.steered) {
      q = refill(action, q, true);
      pick = unexplored(q);
    }
    const [m] = q.items.splice(Math.max(0, pick), 1);
    cov?.sent(m);
    yield { ...m, index, round: q.round };
  }
}

/** The frame exactly as sent, one per line (frames never contain a raw line feed). */
export function recordLine(frame: string): string {
  return `${frame}\n`;
}
