/**
 * `npm run bench`: how long the reference run takes (cases per second), the harness's own
 * overhead per case (a case with no SUT traffic, through runner, event log and reporters), and
 * how long `ocpp-harness list` takes, and the peak RSS a hostile station can push the harness to.
 * Numbers to measure later work against; no pass/fail.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../src/engine/catalogue.js';
import { REFERENCE_TIMEOUTS, parseConfig } from '../src/core/config.js';
import { ReferenceLink, type SutLink } from '../src/engine/links.js';
import { runSession } from '../src/wiring/session.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import { randomIds, systemClock } from '../src/core/clock.js';
import { defineCase } from '../src/engine/case.js';
import { noAdapter } from '../src/engine/adapter.js';
import { createReporters, Multiplexer } from '../src/reporters/index.js';
import { WebSocket } from 'ws';
import type { StationPeerModule } from '../src/engine/peer-contract.js';
import bootCs from '../testcases/ocpp201/B/TC_B_01_CS.js';
import { fleetLoad, fuzzThroughput, plainWsRoundTrips, plantedCrash } from './security.js';
import { printScale } from './scale.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '../src/cli/main.js');

async function referenceRun(concurrency: number, only?: { ocpp: string; sut: string }) {
  const config = parseConfig({});
  config.timeouts = { ...REFERENCE_TIMEOUTS };
  const { cases } = await loadCatalogue();
  const plan = only ? cases.filter((c) => c.meta.ocpp === only.ocpp && c.meta.sut === only.sut) : cases;
  const schemas = new SchemaRegistry();
  const link = new ReferenceLink({ config, peers: new PeerRegistry(), schemas, clock: systemClock, ids: randomIds });
  const out = mkdtempSync(join(tmpdir(), 'bench-'));
  const live = new Multiplexer(
    createReporters(['junit', 'html', 'json'], { outDir: out, write: () => undefined, tty: false, color: false }),
  );
  const t0 = performance.now();
  const res = await runSession({
    plan,
    config,
    link,
    outDir: out,
    mode: 'reference',
    concurrency,
    schemas,
    listeners: [(e) => live.onEvent(e)],
  });
  res.log.close();
  await live.finish(res.run);
  const ms = performance.now() - t0;
  const passed = res.outcomes.filter((o) => o.result.verdict === 'pass').length;
  const slowest = [...res.run.cases]
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, 3)
    .map((c) => `${c.meta.id} ${c.durationMs} ms`);
  return { cases: plan.length, passed, ms, slowest };
}

async function overheadPerCase(n: number) {
  const config = parseConfig({});
  config.timeouts = { ...REFERENCE_TIMEOUTS };
  const nullLink: SutLink = {
    description: 'null link',
    prepare: async () => ({ adapter: noAdapter, start: async () => undefined, cleanup: async () => undefined }),
    close: async () => undefined,
  };
  const plan = Array.from({ length: n }, (_, i) =>
    defineCase(
      { id: `BENCH_${i}`, title: 'no-op', ocpp: '2.0.1', sut: 'cs', block: 'X', requirements: ['R'], purpose: '', fault: 'x' },
      async (ctx) => {
        ctx.step('one step');
        ctx.note('observation');
      },
    ),
  );
  const out = mkdtempSync(join(tmpdir(), 'bench-'));
  const t0 = performance.now();
  const res = await runSession({ plan, config, link: nullLink, outDir: out, mode: 'reference', concurrency: 1 });
  res.log.close();
  return (performance.now() - t0) / n;
}

/**
 * Peak RSS while a hostile station floods the mock CSMS (issue 10: a fixed memory ceiling): it
 * sends `frames` Heartbeat CALLs as fast as the socket takes them, then one frame of `bigMiB`.
 * The run goes through the event log and the JUnit, HTML and JSON reporters.
 */
async function hostilePeakRss(frames: number, bigMiB: number) {
  const flood: StationPeerModule = {
    version: '2.0.1',
    faults: [],
    async start(o) {
      const ws = new WebSocket(`${o.target}/${o.identity}`, ['ocpp2.0.1']);
      ws.on('error', () => undefined);
      ws.on('open', () => {
        for (let i = 0; i < frames; i++) ws.send(`[2,"${i}","Heartbeat",{}]`);
        ws.send(`[2,"big","Heartbeat",{"x":"${'A'.repeat(bigMiB * 1024 * 1024)}"}]`);
      });
      return { perform: async () => ({ done: false, reason: 'bench peer' }), stop: async () => ws.terminate() };
    },
  };
  const config = parseConfig({});
  config.timeouts = { ...REFERENCE_TIMEOUTS, messageMs: 5000, caseMs: 20_000 };
  const schemas = new SchemaRegistry();
  const link = new ReferenceLink({ config, peers: new PeerRegistry([flood], []), schemas, clock: systemClock, ids: randomIds });
  const out = mkdtempSync(join(tmpdir(), 'bench-'));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const res = await runSession({ plan: [bootCs], config, link, outDir: out, mode: 'reference', concurrency: 1, schemas });
  res.log.close();
  const live = new Multiplexer(
    createReporters(['junit', 'html', 'json'], { outDir: out, write: () => undefined, tty: false, color: false }),
  );
  await live.finish(res.run);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { peakMb: Math.round(peak / 1024 / 1024), ms: performance.now() - t0, verdict: res.outcomes[0].result.verdict };
}

const plainWs = await plainWsRoundTrips(3000);
const fuzz1 = await fuzzThroughput(1, 10_000);
const fuzz4 = await fuzzThroughput(4, 10_000);
const planted = await plantedCrash();
const fleetSmall = await fleetLoad(1000, 30);
const fleet = await fleetLoad(10_000, 60);
const rssBefore = process.memoryUsage().rss;
const hostile = await hostilePeakRss(200_000, 20);
const seq = await referenceRun(1);
const par = await referenceRun(4);
// Issues 14 and 15: each 2.0.1 role's whole catalogue against its reference peer on two cores.
const csms201 = await referenceRun(2, { ocpp: '2.0.1', sut: 'csms' });
const cs201 = await referenceRun(2, { ocpp: '2.0.1', sut: 'cs' });
const overhead = await overheadPerCase(500);
const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);

console.log('ocpp-harness bench');
console.log(
  `reference run, sequential: ${seq.cases} cases (${seq.passed} pass) in ${(seq.ms / 1000).toFixed(2)} s = ${((seq.cases * 1000) / seq.ms).toFixed(2)} cases/s`,
);
console.log(
  `reference run, 4 at once:  ${par.cases} cases (${par.passed} pass) in ${(par.ms / 1000).toFixed(2)} s = ${((par.cases * 1000) / par.ms).toFixed(2)} cases/s`,
);
console.log(`slowest cases: ${seq.slowest.join(', ')}`);
for (const [what, r] of [
  ['2.0.1 CSMS catalogue vs the reference CSMS', csms201],
  ['2.0.1 station catalogue vs the reference station', cs201],
] as const)
  console.log(`${what}, 2 at once: ${r.cases} cases (${r.passed} pass) in ${(r.ms / 1000).toFixed(1)} s`);
console.log(`harness overhead per case (runner + event log, no SUT traffic): ${overhead.toFixed(3)} ms`);
printScale(cli, seq.cases);
console.log(`memory: rss ${rssMb} MiB after the runs (${Math.round(rssBefore / 1024 / 1024)} MiB at start)`);
console.log(
  `hostile station (200,000-frame flood + a 20 MiB frame): peak rss ${hostile.peakMb} MiB, ${(hostile.ms / 1000).toFixed(1)} s, verdict ${hostile.verdict}`,
);
console.log(`plain ws CALL/CALLRESULT loop on one loopback connection: ${plainWs.toFixed(0)} round trips/s`);
for (const [n, f] of [
  [1, fuzz1],
  [4, fuzz4],
] as const)
  console.log(
    `fuzzer vs the 2.0.1 reference CSMS, ${n} connection(s): ${f.framesPerS.toFixed(0)} frames/s (${((100 * f.framesPerS) / plainWs).toFixed(0)}% of plain ws), ${f.mutationsPerS.toFixed(0)} mutations/s, ${f.explored}/${f.known} coverage cells`,
  );
console.log(
  `planted crash (crash-on-far-future-year): ${planted.found ? 'found and shrunk' : 'NOT found'} in ${planted.s.toFixed(2)} s: ${planted.frame}`,
);
for (const f of [fleetSmall, fleet])
  console.log(
    `fleet load, ${f.stations} stations in one process (with a power-cut storm): ${f.connected} connections, peak rss ${f.peakRssMiB} MiB; connect p50/p99 ${f.connect?.p50}/${f.connect?.p99} ms, boot answer p50/p99 ${f.boot?.p50}/${f.boot?.p99} ms`,
  );
