/**
 * A small seeded PRNG for the fuzzer: xoshiro128** seeded through the cyrb128 string hash.
 * Only 32-bit integer arithmetic (Math.imul, shifts) is used, so one seed gives the same
 * sequence on every machine and Node version; Math.random is never used in src/fuzz.
 */
export type Seed = string | number;

import { cyrb128 } from '../core/hash.js';

export { hash32 } from '../core/hash.js';

export const DEFAULT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class Random {
  /** The canonical seed text; forks derive from it, not from the current state. */
  readonly key: string;
  private s: [number, number, number, number];

  constructor(seed: Seed) {
    // Numbers and their decimal text are the same seed, so `--seed 42` and 42 agree.
    this.key = typeof seed === 'number' ? String(seed) : seed;
    this.s = cyrb128(this.key);
    // xoshiro must not start from the all-zero state.
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s = [1, 2, 3, 4];
  }

  /** Next unsigned 32-bit value (xoshiro128**). */
  nextU32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A float in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    const lo = Math.ceil(Math.min(min, max));
    const hi = Math.floor(Math.max(min, max));
    if (hi <= lo) return lo;
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** True with probability p. */
  bool(p = 0.5): boolean {
    return this.float() < p;
  }

  pick<T>(arr: readonly T[]): T {
    if (arr.length === 0) throw new Error('Random.pick: empty array');
    return arr[this.int(0, arr.length - 1)];
  }

  string(len: number, alphabet: string = DEFAULT_ALPHABET): string {
    // Iterate code points so an alphabet with astral characters is not split into halves.
    const chars = [...alphabet];
    let out = '';
    for (let i = 0; i < len; i++) out += chars[this.int(0, chars.length - 1)];
    return out;
  }

  /** A deterministic Fisher-Yates shuffle (a new array). */
  shuffle<T>(arr: readonly T[]): T[] {
    const out = [...arr];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /**
   * An independent sub-stream keyed by label. It depends only on this stream's seed and the
   * label (not on how much of this stream was consumed), so adding draws in one place does
   * not shift the values drawn elsewhere.
   */
  fork(label: string | number): Random {
    return new Random(`${this.key}/${label}`);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export function rng(seed: Seed): Random {
  return new Random(seed);
}
