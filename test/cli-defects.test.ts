/**
 * The smaller CLI defects of issue 10 (group 6), each against the built CLI: usage errors exit 64
 * without a stack, `report --from` keeps run's exit-code rules, a closed pipe is not a crash, SUT
 * text cannot act on a terminal or an HTML viewer, and each reference role lists its own options.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { foldEvents, type RunEvent } from '../src/engine/events.js';
import type { CaseMeta } from '../src/core/meta.js';
import type { Verdict } from '../src/core/verdict.js';
import { renderHtml } from '../src/reporters/html.js';
import { createConsoleReporter } from '../src/reporters/console.js';

const CLI = resolve('dist/src/cli/main.js');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'ocpp-harness-test-'));
const HOSTILE = 'evil\u0000nul\u001b[31mred\u001b]0;title\u0007 \u202egnp.exe \u2066iso\u2069 \u200fmark';

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

function logOf(results: Verdict[], ended: boolean, wireText = '[]'): RunEvent[] {
  const time = '2026-01-01T00:00:00.000Z';
  const ids = results.map((_, i) => `TC_${i}`);
  const events: RunEvent[] = [
    {
      type: 'run-start',
      runId: 'r1',
      time,
      harnessVersion: '0',
      target: { sut: ['cs'], ocpp: ['2.0.1'], mode: 'sut', description: 'x' },
      plannedCases: ids,
    },
  ];
  results.forEach((result, i) => {
    events.push({ type: 'case-start', time, caseId: ids[i], meta: meta(ids[i]), runKey: `k${i}` });
    events.push({ type: 'wire', time, runKey: `k${i}`, t: 1, conn: 'ws#1', dir: 'in', text: wireText, summary: wireText });
    events.push({ type: 'case-end', time, caseId: ids[i], runKey: `k${i}`, durationMs: 1, result });
  });
  if (ended) events.push({ type: 'run-end', time, durationMs: 3, counts: {}, interrupted: false });
  return events;
}

function writeLog(events: RunEvent[]): string {
  const path = join(tmp(), 'run.jsonl');
  writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return path;
}

const FAIL: Verdict = { verdict: 'fail', requirement: 'B01.FR.01', expected: ['a'], actual: 'b', message: 'm' };

describe('CLI defects', () => {
  it('--listen on a busy port exits 64 with a clear message and no stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = cli(['run', '--sut', 'cs', '--ocpp', '2.0.1', '--listen', `127.0.0.1:${port}`, '--cases', 'TC_B_01_CS', '--out', tmp()]);
      expect(r.code).toBe(64);
      expect(r.stderr).toMatch(new RegExp(`--listen 127.0.0.1:${port}: .*in use`));
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      busy.close();
    }
  }, 60_000);

  it.each([
    ['a complete passing log', logOf([{ verdict: 'pass' }], true), 0],
    ['a complete log with a fail', logOf([{ verdict: 'pass' }, FAIL], true), 1],
    ['a complete log with an inconclusive case', logOf([{ verdict: 'inconclusive', reason: 'r' }], true), 2],
    ['a log cut short (no run-end)', logOf([{ verdict: 'pass' }], false), 2],
  ])(
    'report --from %s exits as run would (%#)',
    (_, events, code) => {
      const r = cli(['report', '--from', writeLog(events), '--out', tmp(), '--reporter', 'json']);
      expect(r.code).toBe(code);
    },
    60_000,
  );

  it('list --json | head ends quietly when head closes the pipe', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" list --json | head -c 1 >/dev/null`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  }, 60_000);

  it('control characters and bidi overrides from a SUT reach index.html only as visible escapes', () => {
    const html = renderHtml(foldEvents(logOf([FAIL], true, HOSTILE)));
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    expect(html).toContain('\\x1b');
    expect(html).toContain('\\u202e');
  });

  it('bidi overrides from a SUT never reach the console raw', () => {
    let text = '';
    const reporter = createConsoleReporter({ outDir: '.', write: (t) => (text += t), tty: false, color: false });
    const events = logOf([{ ...FAIL, actual: HOSTILE, message: HOSTILE }], true);
    (events[1] as { meta: CaseMeta }).meta = { ...meta('TC_0'), title: HOSTILE };
    for (const e of events) reporter.onEvent?.(e);
    expect(text).toContain('\\u202e');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
  });

  it('each reference role lists only its own options', () => {
    const station = cli(['reference', 'station', '--help']).stdout;
    expect(station).toMatch(/--target/);
    expect(station).not.toMatch(/--port|--host/);
    const csms = cli(['reference', 'csms', '--help']).stdout;
    expect(csms).toMatch(/--port/);
    expect(csms).not.toMatch(/--target|--station-id/);
  }, 60_000);

  it('HTML escapes are still well-formed after sanitising', () => {
    const html = renderHtml(foldEvents(logOf([FAIL], true, '<b>&amp;</b>')));
    expect(html).toContain('&lt;b&gt;&amp;amp;&lt;/b&gt;');
  });
});
