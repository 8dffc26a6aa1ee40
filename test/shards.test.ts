import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { durationsOf, parseShard, shardPlan } from '../src/engine/shards.js';
import { mergeEventLogs } from '../src/reporters/merge.js';
import { fixtureMeta } from './support.js';
import type { RunEvent } from '../src/engine/events.js';

const meta = (id: string) => fixtureMeta(id, { title: id, purpose: 'p', fault: 'f' });
const plan = Array.from({ length: 23 }, (_, i) => ({ meta: meta(`TC_X_${String(i).padStart(2, '0')}_CS`) }));

/** A minimal log of `ids` (all pass), as shard `shard` when given. */
function log(ids: string[], shard?: { index: number; count: number }, prefix = ''): RunEvent[] {
  const t = '2026-12-03T00:00:00.000Z';
  return [
    {
      type: 'run-start',
      runId: `r${shard?.index ?? 0}`,
      time: t,
      harnessVersion: '1',
      target: { sut: ['cs'], ocpp: ['2.0.1'], mode: 'reference', description: 'ref' },
      plannedCases: ids,
      ...(shard ? { shard } : {}),
    },
    ...ids.flatMap((id): RunEvent[] => [
      { type: 'case-start', time: t, caseId: id, meta: meta(id), runKey: `${prefix}${id}` },
      { type: 'case-end', time: t, runKey: `${prefix}${id}`, durationMs: 100, result: { verdict: 'pass' } } as RunEvent,
    ]),
    { type: 'run-end', time: t, durationMs: 100 * ids.length, counts: { pass: ids.length }, interrupted: false },
  ];
}

describe('shards (issue 11, item 2)', () => {
  it('parses i/n and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(undefined)).toBeUndefined();
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/300']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it('splits every case into exactly one slice, the same way every time, each slice in plan order', () => {
    for (const n of [1, 2, 3, 5, 30]) {
      const slices = Array.from({ length: n }, (_, i) => shardPlan(plan, { index: i + 1, count: n }));
      expect(
        slices
          .flat()
          .map((c) => c.meta.id)
          .sort(),
      ).toEqual(plan.map((c) => c.meta.id));
      for (const s of slices) expect(s.map((c) => c.meta.id)).toEqual([...s.map((c) => c.meta.id)].sort());
      expect(Array.from({ length: n }, (_, i) => shardPlan(plan, { index: i + 1, count: n }))).toEqual(slices);
    }
  });

  it("balances on a previous run's durations: slices differ by at most the longest case", () => {
    const durations = new Map(plan.map((c, i) => [c.meta.id, i === 3 ? 20_000 : 100 * ((i * 7) % 11) + 50]));
    const loads = [1, 2, 3, 4].map((k) =>
      shardPlan(plan, { index: k, count: 4 }, durations).reduce((t, c) => t + (durations.get(c.meta.id) ?? 0), 0),
    );
    // The 20 s case has a slice to itself; the other three share the rest within one case's time.
    const heavy = shardPlan(plan, { index: 1, count: 4 }, durations);
    expect(heavy.map((c) => c.meta.id)).toEqual(['TC_X_03_CS']);
    const rest = loads.slice(1);
    expect(Math.max(...rest) - Math.min(...rest)).toBeLessThanOrEqual(1050);
  });

  it('reads durations from an event log, summed over a case run at several profiles', () => {
    const d = durationsOf([...log(['TC_X_00_CS'], undefined, 'SP1:'), ...log(['TC_X_00_CS'], undefined, 'SP2:')]);
    expect(d.get('TC_X_00_CS')).toBe(200);
  });
});

describe('report --merge (issue 11, item 2)', () => {
  it('joins the slices into one run: every case, planned cases united, counts over all', () => {
    const m = mergeEventLogs([
      { name: 'a', events: log(['TC_X_00_CS', 'TC_X_01_CS'], { index: 1, count: 2 }) },
      { name: 'b', events: log(['TC_X_02_CS'], { index: 2, count: 2 }) },
    ]);
    expect(m.warnings).toEqual([]);
    expect(m.partial).toBe(false);
    const start = m.events[0];
    expect(start?.type === 'run-start' && start.plannedCases).toEqual(['TC_X_00_CS', 'TC_X_01_CS', 'TC_X_02_CS']);
    expect(start?.type === 'run-start' && start.shard).toBeUndefined();
    const end = m.events.at(-1);
    expect(end).toMatchObject({ type: 'run-end', counts: { pass: 3 }, interrupted: false, durationMs: 200 });
  });

  it('a missing shard makes the merged run partial (interrupted), and a case in two logs keeps both records', () => {
    const m = mergeEventLogs([
      { name: 'a', events: log(['TC_X_00_CS'], { index: 1, count: 3 }) },
      { name: 'c', events: log(['TC_X_00_CS'], { index: 3, count: 3 }) },
    ]);
    expect(m.partial).toBe(true);
    expect(m.warnings.join('\n')).toMatch(/shard 2\/3 is missing/);
    expect(m.warnings.join('\n')).toMatch(/TC_X_00_CS .* more than one log/);
    expect(m.events.filter((e) => e.type === 'case-start').map((e) => (e as { runKey: string }).runKey)).toEqual([
      'TC_X_00_CS',
      'TC_X_00_CS#2',
    ]);
    expect(m.events.at(-1)).toMatchObject({ interrupted: true, counts: { pass: 2 } });
  });

  it('the built CLI: two shards on two "machines", merged, report what one run reports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shards-'));
    const cli = resolve('dist/src/cli/main.js');
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
    try {
      const sel = ['--reference', '--ocpp', '1.6', '--cases', 'TC_001*,TC_002*', '--reporter', 'json'];
      const listed = JSON.parse(run('list', '--json', '--ocpp', '1.6', '--cases', 'TC_001*,TC_002*').stdout) as { id: string }[];
      for (const i of [1, 2]) expect(run('run', ...sel, '--shard', `${i}/2`, '--out', join(dir, `s${i}`)).status).toBe(0);
      const r = run('report', '--merge', join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'all'));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const results = JSON.parse(readFileSync(join(dir, 'all', 'results.json'), 'utf8')) as {
        cases: { id: string }[];
        interrupted: boolean;
      };
      expect(results.cases.map((c) => c.id).sort()).toEqual(listed.map((c) => c.id).sort());
      expect(results.interrupted).toBe(false);
      expect(run('report', '--merge', join(dir, 's1'), '--out', join(dir, 'half')).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
