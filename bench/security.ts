/**
 * Security-testing speed for `npm run bench` (issue 12): the fuzzer's frames per second against
 * the reference CSMS next to a plain `ws` request/response loop on the same machine, the time to
 * find and shrink a planted crash, and one process holding a fleet of simulated stations.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';
import { runFuzz } from '../src/fuzz/driver.js';
import { referenceTarget } from '../src/fuzz/targets.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import { counterIds, systemClock } from '../src/core/clock.js';
import { REFERENCE_TIMEOUTS, parseConfig } from '../src/core/config.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '../src/cli/main.js');

/** Round trips per second of a bare ws CALL/CALLRESULT loop on one loopback connection. */
export async function plainWsRoundTrips(ms: number): Promise<number> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  wss.on('connection', (s) =>
    s.on('message', (d) => {
      const id = /^\[2,"([^"]+)"/.exec(String(d))?.[1] ?? '-1';
      s.send(`[3,"${id}",{"currentTime":"2026-01-01T00:00:00Z"}]`);
    }),
  );
  await new Promise((r) => wss.once('listening', r));
  const port = (wss.address() as { port: number }).port;
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
  await new Promise((r) => ws.once('open', r));
  let n = 0;
  const end = performance.now() + ms;
  await new Promise<void>((done) => {
    ws.on('message', () => {
      n++;
      if (performance.now() < end) ws.send(`[2,"${n}","Heartbeat",{}]`);
      else done();
    });
    ws.send('[2,"0","Heartbeat",{}]');
  });
  ws.close();
  wss.close();
  return (n * 1000) / ms;
}

async function fuzzReference(o: { seed: string; count: number; connections: number; fault?: string; stopAfterFindings?: number }) {
  const config = parseConfig({});
  config.timeouts = { ...REFERENCE_TIMEOUTS };
  const validator = new SchemaRegistry().for('2.0.1');
  const target = await referenceTarget({
    sut: 'csms',
    version: '2.0.1',
    fault: o.fault,
    config,
    peers: new PeerRegistry(),
    validator,
    clock: systemClock,
    ids: counterIds(),
  });
  const t0 = performance.now();
  const r = await runFuzz({
    version: '2.0.1',
    seed: o.seed,
    count: o.count,
    durationMs: 120_000,
    messageMs: 300,
    connections: o.connections,
    validator,
    target,
    stopAfterFindings: o.stopAfterFindings,
  });
  return { ...r, wallMs: performance.now() - t0 };
}

export async function fuzzThroughput(connections: number, count: number) {
  const r = await fuzzReference({ seed: 'bench', count, connections });
  return {
    framesPerS: (r.frames * 1000) / r.wallMs,
    mutationsPerS: (r.mutations * 1000) / r.wallMs,
    frames: r.frames,
    explored: r.coverage.explored,
    known: r.coverage.known,
  };
}

/** Seconds until the fuzzer has found and shrunk the crash planted in the reference CSMS. */
export async function plantedCrash() {
  const r = await fuzzReference({
    seed: 'planted-1',
    count: 20_000,
    connections: 1,
    fault: 'crash-on-far-future-year',
    stopAfterFindings: 1,
  });
  const crash = r.findings.find((f) => f.severity === 'high');
  return { s: r.wallMs / 1000, found: Boolean(crash), frame: crash?.frames[0]?.slice(0, 120) ?? '' };
}

/** A fleet of `stations` in one `ocpp-harness load` process against a reference CSMS in another. */
export async function fleetLoad(stations: number, durationS: number) {
  const server = spawn(process.execPath, [resolve(here, 'reference-csms.js'), 'BENCH-', String(stations)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ok, fail) => {
    createInterface({ input: server.stdout! }).once('line', ok);
    server.once('exit', () => fail(new Error('the reference CSMS did not start')));
  });
  try {
    const ramp = Math.ceil(stations / 10);
    const r = spawnSync(
      process.execPath,
      [
        cli,
        'load',
        '--sut',
        'csms',
        '--ocpp',
        '2.0.1',
        '--target',
        url,
        '--stations',
        String(stations),
        '--ramp',
        String(ramp),
        '--duration',
        `${durationS}s`,
        '--storm-at',
        `${Math.floor(durationS / 2)}s`,
        '--id-prefix',
        'BENCH-',
        '--tx-every',
        '20',
        '--tx-duration',
        '10',
        '--meter-every',
        '5',
        '--json',
        '--out',
        mkdtempSync(join(tmpdir(), 'bench-load-')),
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(r.stdout) as {
      peakRssMiB: number;
      totals: Record<string, number>;
      latency: Record<string, { p50: number; p99: number }>;
    };
    return {
      stations,
      peakRssMiB: report.peakRssMiB,
      connected: report.totals['connect.ok'] ?? 0,
      boot: report.latency['answer.BootNotification'],
      connect: report.latency.connect,
    };
  } finally {
    server.kill('SIGTERM');
  }
}
