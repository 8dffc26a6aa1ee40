/**
 * Reports that cannot lie (issue 10, defects 2 and 3): no report from an earlier run survives
 * next to this run's log, every file appears whole or not at all, a failing reporter fails the
 * run, and a cut-off run's JUnit still lists the cases that never started.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { foldEvents, type RunEvent } from '../src/engine/events.js';
import type { CaseMeta } from '../src/core/meta.js';
import { createReporters } from '../src/reporters/index.js';
import { renderJunit } from '../src/reporters/junit.js';

const CLI = resolve('dist/src/cli/main.js');
const ONE_CASE = ['--reference', '--ocpp', '2.0.1', '--cases', 'TC_B_01_CS'];

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'ocpp-harness-test-'));

function meta(id: string): CaseMeta {
  return {
    id,
    title: `Title of ${id}`,
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    suite: 'conformance',
    requirements: ['B01.FR.01'],
    profiles: ['Core'],
    features: [],
    tags: [],
    purpose: 'p',
    fault: 'none',
  };
}

/** A log cut off after the first of three planned cases (kill -9). */
function cutOffLog(): RunEvent[] {
  const time = '2026-01-01T00:00:00.000Z';
  return [
    {
      type: 'run-start',
      runId: 'r1',
      time,
      harnessVersion: '0',
      target: { sut: ['cs'], ocpp: ['2.0.1'], mode: 'sut', description: 'x' },
      plannedCases: ['TC_A', 'TC_B', 'TC_C'],
    },
    { type: 'case-start', time, caseId: 'TC_A', meta: meta('TC_A'), runKey: 'k1' },
    { type: 'case-end', time, caseId: 'TC_A', runKey: 'k1', durationMs: 5, result: { verdict: 'pass' } },
  ];
}

describe('report integrity', () => {
  it('a cut-off run lists the planned cases that never started as skipped in JUnit', () => {
    const xml = renderJunit(foldEvents(cutOffLog()));
    expect(xml).toMatch(/<testcase[^>]*name="TC_B[^"]*"/);
    expect(xml).toMatch(/<testcase[^>]*name="TC_C[^"]*"/);
    expect(xml).toMatch(/tests="3"/);
    expect(xml).toMatch(/skipped="2"/);
  });

  it('each report file is a new file renamed into place, not rewritten in place', async () => {
    const out = tmp();
    const names = ['junit.xml', 'index.html', 'results.json'];
    // A hard link to the old report: an in-place write would change it too.
    for (const n of names) {
      writeFileSync(join(out, n), 'OLD');
      linkSync(join(out, n), join(out, `${n}.keep`));
    }
    const reporters = createReporters(['junit', 'html', 'json'], { outDir: out, write: () => {}, tty: false, color: false });
    for (const r of reporters) await r.finish?.(foldEvents(cutOffLog()));
    for (const n of names) {
      expect(readFileSync(join(out, `${n}.keep`), 'utf8')).toBe('OLD');
      expect(readFileSync(join(out, n), 'utf8')).not.toBe('OLD');
    }
    // No temporary file is left behind.
    expect(readdirSync(out).sort()).toEqual([...names, ...names.map((n) => `${n}.keep`)].sort());
  });

  it('a run removes report files of an earlier run that it does not write itself', () => {
    const out = tmp();
    for (const n of ['junit.xml', 'index.html', 'findings.json', 'findings.sarif']) writeFileSync(join(out, n), 'STALE green report');
    const r = cli(['run', ...ONE_CASE, '--out', out, '--reporter', 'json']);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'results.json', 'run.jsonl']);
  }, 60_000);

  it('a reporter that fails makes the run exit 2 and is named on stderr', () => {
    const out = tmp();
    // A directory where junit.xml belongs: the junit reporter cannot write its file.
    mkdirSync(join(out, 'junit.xml'));
    const r = cli(['run', ...ONE_CASE, '--out', out, '--reporter', 'console,junit,json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/reporter junit failed/);
    expect(statSync(join(out, 'results.json')).isFile()).toBe(true);
  }, 60_000);

  it('report --from names a failing reporter and exits 2', () => {
    const out = tmp();
    const log = join(out, 'run.jsonl');
    writeFileSync(
      log,
      cutOffLog()
        .map((e) => JSON.stringify(e))
        .join('\n') + '\n',
    );
    const dest = join(out, 'reports');
    mkdirSync(join(dest, 'junit.xml'), { recursive: true });
    const r = cli(['report', '--from', log, '--out', dest, '--reporter', 'junit,json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/reporter junit failed/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
