import type { Random } from './random.js';
import { type JsonSchema, numberFits, resolve, typesOf } from './schema-walk.js';

export interface GenerateOptions {
  /** Probability of including each optional property (default 0.5). */
  optionalProbability?: number;
  /** Below this depth optional properties and extra array items are dropped, to bound size (default 6). */
  maxDepth?: number;
  /** Extra array items above minItems (default 2). */
  extraItems?: number;
  /** Upper bound for generated string lengths when maxLength is larger or absent (default 24). */
  maxStringLength?: number;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A payload that validates against an OCA JSON schema (the root document, with its
 * `definitions`). Deterministic for a given rng state; property order follows the schema so
 * the serialised frame is byte-identical across runs.
 */
export function generateValid(schema: object, rng: Random, opts: GenerateOptions = {}): unknown {
  const root = schema as JsonSchema;
  const o = {
    optionalProbability: opts.optionalProbability ?? 0.5,
    maxDepth: opts.maxDepth ?? 6,
    extraItems: opts.extraItems ?? 2,
    maxStringLength: opts.maxStringLength ?? 24,
  };
  const gen = (raw: JsonSchema, depth: number): unknown => {
    const s = resolve(root, raw);
    if (Array.isArray(s.enum) && s.enum.length > 0) return rng.pick(s.enum);
    const types = typesOf(s);
    if (types.length === 0) return {}; // unconstrained: any value is valid; {} is the least surprising
    const type = rng.pick(types);
    const deep = depth >= o.maxDepth;
    switch (type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        const req = new Set(s.required ?? []);
        for (const [key, sub] of Object.entries(s.properties ?? {})) {
          if (req.has(key) || (!deep && rng.bool(o.optionalProbability))) out[key] = gen(sub, depth + 1);
        }
        // A required key without a property schema (not in OCA, but legal JSON schema).
        for (const key of req) if (!(key in out)) out[key] = 'x';
        return out;
      }
      case 'array': {
        const min = s.minItems ?? 0;
        const max = Math.min(s.maxItems ?? Number.MAX_SAFE_INTEGER, min + (deep ? 0 : o.extraItems));
        const n = rng.int(min, Math.max(min, max));
        if (Array.isArray(s.items)) {
          const tuple = s.items.map((it) => gen(it, depth + 1));
          return tuple.slice(0, Math.max(n, tuple.length));
        }
        const item = s.items ?? {};
        return Array.from({ length: n }, () => gen(item, depth + 1));
      }
      case 'string':
        return genString(s, rng, o.maxStringLength);
      case 'integer':
      case 'number':
        return genNumber(s, rng, type === 'integer');
      case 'boolean':
        return rng.bool();
      case 'null':
        return null;
      default:
        return {};
    }
  };
  return gen(root, 0);
}

function genString(s: JsonSchema, rng: Random, cap: number): string {
  if (s.format === 'date-time') return isoDateTime(rng);
  if (s.format === 'uri') {
    const base = 'https://example.com/';
    const room = Math.max(1, Math.min(cap, (s.maxLength ?? 64) - base.length));
    return base + rng.string(rng.int(1, room), ALNUM);
  }
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? cap, Math.max(min, cap)));
  // At least one character when allowed: empty identifiers are legal but rarely realistic.
  return rng.string(rng.int(Math.min(Math.max(min, 1), max), max), ALNUM);
}

/** An RFC 3339 UTC timestamp in 2000..2099, sometimes with milliseconds. */
export function isoDateTime(rng: Random): string {
  const ms = Date.UTC(2000, 0, 1) + rng.int(0, 100 * 365 * 86400) * 1000 + rng.int(0, 999);
  const text = new Date(ms).toISOString();
  return rng.bool(0.5) ? text : text.replace(/\.\d{3}Z$/, 'Z');
}

function genNumber(s: JsonSchema, rng: Random, integer: boolean): number {
  const min = typeof s.minimum === 'number' ? s.minimum : undefined;
  const max = typeof s.maximum === 'number' ? s.maximum : undefined;
  const lo = min ?? (max !== undefined ? Math.min(0, max) : 0);
  const hi = max ?? lo + 1000;
  for (let attempt = 0; attempt < 16; attempt++) {
    let v: number;
    if (integer) v = rng.int(Math.ceil(lo), Math.floor(hi));
    else if (typeof s.multipleOf === 'number')
      v = Number((rng.int(Math.ceil(lo / s.multipleOf), Math.floor(hi / s.multipleOf)) * s.multipleOf).toFixed(6));
    else v = rng.int(Math.ceil(lo * 10), Math.floor(hi * 10)) / 10;
    if (numberFits(s, v)) return v;
  }
  // Fall back to a bound or zero, whichever fits (only reachable with odd multipleOf values).
  for (const v of [0, lo, hi, Math.ceil(lo)]) if (numberFits(s, v)) return v;
  return lo;
}
