import { LatencyHistogram, type LatencySummary } from './histogram.js';
import { runStation, type LoadVersion, type MetricsSink, type StationModelOptions } from './station-model.js';

export interface FleetOptions {
  target: string;
  version: LoadVersion;
  /** Stations in the fleet, and how many start per second. */
  stations: number;
  rampPerS: number;
  /** Identity of station i: prefix + i, zero-padded to the width of the count. */
  idPrefix: string;
  durationMs: number;
  /** The power-cut storm: every station drops its connection at this offset and dials again at once. */
  stormAtMs?: number;
  password?: string;
  tls?: Record<string, unknown>;
  heartbeatS?: number;
  txEveryS: number;
  txDurationS: number;
  meterEveryS: number;
  timeoutMs: number;
  /** Spreads the stations' schedules; the same seed gives the same spread. */
  seed: number;
  abort?: AbortSignal;
  /** Called once a second with the running totals (for progress output). */
  onSecond?: (second: number, totals: Record<string, number>) => void;
}

/** One second of the run: the counters that moved in it. */
export interface LoadSecond {
  t: number;
  counters: Record<string, number>;
}

export interface LoadReport {
  target: string;
  version: LoadVersion;
  stations: number;
  rampPerS: number;
  durationMs: number;
  stormAtMs?: number;
  startedAt: string;
  /** Connect latency and answer latency per action, in ms. */
  latency: Record<string, LatencySummary>;
  /** Totals over the run: connects, refusals (by HTTP status or socket error), drops, CALLERRORs by code, timeouts. */
  totals: Record<string, number>;
  /** Counters per second, for the over-time view. */
  timeline: LoadSecond[];
  /** Peak resident memory of this process, in MiB. */
  peakRssMiB: number;
}

/** The station identities of a fleet: prefix + index, zero-padded so they sort. */
export function fleetIdentities(prefix: string, stations: number): string[] {
  const width = String(stations).length;
  return Array.from({ length: stations }, (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`);
}

/** A number in [0, 1) per station, from the seed: spreads transaction schedules without Math.random. */
function phaseOf(seed: number, i: number): number {
  let x = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 2 ** 32;
}

/**
 * Runs a fleet of simulated stations against a CSMS: they start at the ramp rate, run until the
 * duration ends (a power-cut storm at stormAtMs if given), and their metrics are folded into one
 * report in constant memory (histograms, per-second counters).
 */
export async function runFleet(o: FleetOptions): Promise<LoadReport> {
  const started = Date.now();
  const endAt = started + o.durationMs;
  const histograms = new Map<string, LatencyHistogram>();
  const totals: Record<string, number> = {};
  const timeline: LoadSecond[] = [];
  let peakRss = process.memoryUsage().rss;
  const second = () => Math.floor((Date.now() - started) / 1000);
  const sink: MetricsSink = {
    counter(name, n = 1) {
      totals[name] = (totals[name] ?? 0) + n;
      const t = second();
      let bucket = timeline[timeline.length - 1];
      if (!bucket || bucket.t !== t) timeline.push((bucket = { t, counters: {} }));
      bucket.counters[name] = (bucket.counters[name] ?? 0) + n;
    },
    histogram(name, ms) {
      let h = histograms.get(name);
      if (!h) histograms.set(name, (h = new LatencyHistogram()));
      h.record(ms);
    },
  };
  const ticker = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    o.onSecond?.(second(), totals);
  }, 1000);
  const identities = fleetIdentities(o.idPrefix, o.stations);
  const runs: Promise<void>[] = [];
  try {
    for (let i = 0; i < identities.length; i++) {
      if (o.abort?.aborted || Date.now() >= endAt) break;
      const startAt = started + (i * 1000) / o.rampPerS;
      if (startAt > Date.now()) await new Promise((r) => setTimeout(r, startAt - Date.now()));
      const station: StationModelOptions = {
        target: o.target,
        identity: identities[i],
        version: o.version,
        password: o.password,
        tls: o.tls,
        endAt,
        stormAt: o.stormAtMs === undefined ? undefined : started + o.stormAtMs,
        heartbeatS: o.heartbeatS,
        txEveryS: o.txEveryS,
        txDurationS: o.txDurationS,
        meterEveryS: o.meterEveryS,
        timeoutMs: o.timeoutMs,
        phase: phaseOf(o.seed, i),
      };
      sink.counter('stations.started');
      runs.push(runStation(station, sink));
    }
    await Promise.all(runs);
  } finally {
    clearInterval(ticker);
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return {
    target: o.target,
    version: o.version,
    stations: o.stations,
    rampPerS: o.rampPerS,
    durationMs: o.durationMs,
    ...(o.stormAtMs !== undefined ? { stormAtMs: o.stormAtMs } : {}),
    startedAt: new Date(started).toISOString(),
    latency: Object.fromEntries([...histograms.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, h]) => [k, h.summary()])),
    totals: Object.fromEntries(Object.entries(totals).sort(([a], [b]) => a.localeCompare(b))),
    timeline,
    peakRssMiB: Math.round(peakRss / 1024 / 1024),
  };
}
