/**
 * A latency histogram in constant memory: logarithmic buckets 2% wide from 0.01 ms to about
 * 20 minutes, so ten thousand stations over an hour cost the same few kilobytes as one.
 */
const GROWTH = 1.02;
const MIN_MS = 0.01;
const BUCKETS = 1100;

export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export class LatencyHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  private sum = 0;
  private min = Infinity;
  private max = 0;

  record(ms: number): void {
    const v = Math.max(0, ms);
    const i = v <= MIN_MS ? 0 : Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(v / MIN_MS) / Math.log(GROWTH)));
    this.counts[i]++;
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  /** The value below which `q` (0..1) of the recorded values lie, to the bucket's width. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.max, i === 0 ? MIN_MS : MIN_MS * GROWTH ** i);
    }
    return this.max;
  }

  summary(): LatencySummary {
    const r = (x: number) => Math.round(x * 100) / 100;
    if (this.count === 0) return { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 };
    return {
      count: this.count,
      min: r(this.min),
      mean: r(this.sum / this.count),
      p50: r(this.quantile(0.5)),
      p90: r(this.quantile(0.9)),
      p95: r(this.quantile(0.95)),
      p99: r(this.quantile(0.99)),
      max: r(this.max),
    };
  }
}
