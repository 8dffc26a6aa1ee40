/**
 * Issue 11 bench lines: `list --json` against Node's own start, and `report --from` at three
 * catalogue sizes (peak RSS, report sizes, index.html packed and unpacked). Synthetic all-pass logs
 * of N cases, each case 20 frames like a typical reference case, so the sizes scale with N alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../src/engine/events.js';
import { unpackHtml } from '../src/reporters/html-packed.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const CPU_AT_EXIT = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('CPUMS '+(u.user+u.system)/1000+'\\n')})`;

/** Wall and CPU ms of one child run (CPU measured in the child: less at the mercy of a busy machine). */
function timed(args: string[]): { wall: number; cpu: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', CPU_AT_EXIT, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { wall: performance.now() - t0, cpu: Number(/CPUMS ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN) };
}

/** Medians of `list --json` and of `node -e 0` (wall and CPU), interleaved so machine load hits both alike. */
export function listVsNode(cli: string, runs = 7): { list: { wall: number; cpu: number }; node: { wall: number; cpu: number } } {
  const list: { wall: number; cpu: number }[] = [];
  const node: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    list.push(timed([cli, 'list', '--json']));
    node.push(timed(['-e', '0']));
  }
  const med = (xs: { wall: number; cpu: number }[]) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) });
  return { list: med(list), node: med(node) };
}

function syntheticLog(cases: number): string {
  const t = (ms: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + ms).toISOString();
  const ids = Array.from({ length: cases }, (_, i) => `TC_S_${String(i).padStart(4, '0')}_CS`);
  const lines: RunEvent[] = [
    {
      type: 'run-start',
      runId: 'bench',
      time: t(0),
      harnessVersion: 'bench',
      target: { sut: ['cs'], ocpp: ['2.0.1'], mode: 'reference', description: 'synthetic' },
      plannedCases: ids,
    },
  ];
  const out = [JSON.stringify(lines[0])];
  ids.forEach((id, n) => {
    const meta = {
      id,
      title: `Synthetic ${n}`,
      ocpp: '2.0.1',
      sut: 'cs',
      block: 'S',
      suite: 'conformance',
      requirements: ['B01.FR.01'],
      profiles: ['Core'],
      features: [],
      tags: [],
      purpose: 'a synthetic all-pass case',
      fault: 'none',
    };
    out.push(JSON.stringify({ type: 'case-start', time: t(n), caseId: id, meta, runKey: id }));
    out.push(JSON.stringify({ type: 'step', time: t(n), runKey: id, index: 1, title: 'Boot and heartbeat', status: 'pass' }));
    for (let i = 0; i < 20; i++) {
      const text =
        i % 2
          ? `[3,"${n}-${i}",{"currentTime":"${t(n + i)}","interval":300,"status":"Accepted"}]`
          : `[2,"${n}-${i}","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"M","vendorName":"V"}}]`;
      out.push(
        JSON.stringify({
          type: 'wire',
          time: t(n + i),
          runKey: id,
          t: i,
          conn: 'ws#1 CP001',
          dir: i % 2 ? 'out' : 'in',
          text,
          summary: i % 2 ? 'CALLRESULT BootNotification' : 'CALL BootNotification',
        }),
      );
    }
    out.push(JSON.stringify({ type: 'case-end', time: t(n + 20), runKey: id, durationMs: 20, result: { verdict: 'pass' } }));
  });
  out.push(JSON.stringify({ type: 'run-end', time: t(cases + 20), durationMs: cases, counts: { pass: cases }, interrupted: false }));
  return `${out.join('\n')}\n`;
}

export interface ReportScale {
  cases: number;
  peakRssMiB: number;
  ms: number;
  htmlKiB: number;
  htmlUnpackedKiB: number;
  allKiB: number;
}

/** `report --from` over a synthetic all-pass log of each size: peak RSS of the child, time, sizes. */
export function reportAtSizes(cli: string, sizes: number[]): ReportScale[] {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  const rss = `data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS '+process.resourceUsage().maxRSS+'\\n'))`;
  try {
    return sizes.map((cases) => {
      const log = join(dir, `run-${cases}.jsonl`);
      writeFileSync(log, syntheticLog(cases));
      const out = join(dir, `out-${cases}`);
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--import', rss, cli, 'report', '--from', log, '--out', out], { encoding: 'utf8' });
      const ms = performance.now() - t0;
      const kib = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN);
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      const files = ['index.html', 'junit.xml', 'results.json'].map((f) => statSync(join(out, f)).size);
      return {
        cases,
        peakRssMiB: Math.round(kib / 1024),
        ms,
        htmlKiB: Math.round(html.length / 1024),
        htmlUnpackedKiB: Math.round(unpackHtml(html).length / 1024),
        allKiB: Math.round(files.reduce((a, b) => a + b, 0) / 1024),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printScale(cli: string, catalogueSize: number): void {
  const { list, node } = listVsNode(cli);
  console.log(
    `ocpp-harness list --json: ${list.wall.toFixed(0)} ms wall, ${list.cpu.toFixed(0)} ms CPU; node -e 0: ${node.wall.toFixed(0)} ms wall, ${node.cpu.toFixed(0)} ms CPU (medians of 7, interleaved)`,
  );
  for (const s of reportAtSizes(cli, [100, 500, Math.max(catalogueSize, 1000)]))
    console.log(
      `report --from, ${s.cases} all-pass cases: peak rss ${s.peakRssMiB} MiB, ${(s.ms / 1000).toFixed(2)} s; index.html ${s.htmlKiB} KiB (${s.htmlUnpackedKiB} KiB unpacked), all reports ${s.allKiB} KiB`,
    );
}

// `node dist/bench/scale.js` prints these lines alone (npm run bench prints them with the rest).
if (process.argv[1]?.endsWith('scale.js')) {
  const { fileURLToPath } = await import('node:url');
  const cli = join(fileURLToPath(new URL('.', import.meta.url)), '../src/cli/main.js');
  const manifest = join(fileURLToPath(new URL('.', import.meta.url)), '../testcases/catalogue.manifest.json');
  printScale(cli, (JSON.parse(readFileSync(manifest, 'utf8')) as { cases: unknown[] }).cases.length);
}
