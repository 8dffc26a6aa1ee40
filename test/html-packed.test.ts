import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { foldEvents, type RunEvent } from '../src/engine/events.js';
import { fixtureMeta } from './support.js';
import type { Verdict } from '../src/core/verdict.js';
import { renderReports } from '../src/reporters/index.js';
import { unpackHtml } from '../src/reporters/html-packed.js';
import { hasChromium, toolOrSkip } from './report-checks.js';

const at = (ms: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + ms).toISOString();
const meta = (id: string) => fixtureMeta(id, { purpose: 'fixture case for packed wire logs' });

/** A case with `frames` Heartbeat round trips, each frame text marked with the case id. */
function caseEvents(id: string, frames: number, result: Verdict): RunEvent[] {
  const runKey = id;
  const wire = Array.from({ length: frames }, (_, i): RunEvent => ({
    type: 'wire',
    time: at(i),
    runKey,
    t: i,
    conn: 'ws#1 CP001',
    dir: i % 2 ? 'out' : 'in',
    text: i % 2 ? `[3,"${id}-${i}",{"currentTime":"${at(i)}"}]` : `[2,"${id}-${i}","Heartbeat",{}]`,
    summary: i % 2 ? 'CALLRESULT Heartbeat' : 'CALL Heartbeat',
  }));
  return [
    { type: 'case-start', time: at(0), caseId: id, meta: meta(id), runKey },
    ...wire,
    { type: 'case-end', time: at(frames), runKey, durationMs: frames, result } as RunEvent,
  ];
}

const FAIL: Verdict = {
  verdict: 'fail',
  requirement: 'B01.FR.01',
  expected: ['an answer'],
  actual: 'none',
  message: 'B01.FR.01: no answer',
};

describe('packed wire logs in index.html (issue 11, item 4)', () => {
  let browser: Browser | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'packed-'));
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('packs a passing case, keeps a failing case plain, and the page unpacks on opening, offline', async () => {
    const events: RunEvent[] = [
      {
        type: 'run-start',
        runId: 'r',
        time: at(0),
        harnessVersion: '1',
        target: { sut: ['cs'], ocpp: ['2.0.1'], mode: 'reference', description: 'ref' },
        plannedCases: ['TC_B_01_CS', 'TC_B_02_CS'],
      },
      ...caseEvents('TC_B_01_CS', 400, { verdict: 'pass' }),
      ...caseEvents('TC_B_02_CS', 6, FAIL),
      { type: 'run-end', time: at(500), durationMs: 500, counts: { pass: 1, fail: 1 }, interrupted: false },
    ];
    await renderReports(foldEvents(events), ['html'], { outDir: dir, write: () => undefined, tty: false, color: false });
    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(page).not.toContain('TC_B_01_CS-7');
    expect(page).toContain('TC_B_02_CS-3'); // the failing case's evidence is in the page as it is
    const full = unpackHtml(page);
    for (const i of [0, 7, 399]) expect(full).toContain(`TC_B_01_CS-${i}`);
    expect(page.length * 2).toBeLessThan(full.length);

    if (!toolOrSkip(hasChromium, 'chromium')) return;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const p = await browser.newPage();
    const errors: string[] = [];
    p.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    p.on('pageerror', (e) => errors.push(e.message));
    await p.route(/^(?!file:)/, (route) => route.abort());
    await p.goto(`file://${join(dir, 'index.html')}`);
    expect(await p.locator('details.case[data-verdict="fail"] table.wire').innerText()).toContain('TC_B_02_CS-3');
    const passing = p.locator('details.case[data-verdict="pass"]');
    expect(await passing.locator('tbody[data-z]').count()).toBe(1);
    await passing.locator('summary').click();
    await p.waitForFunction(() => !document.querySelector('tbody[data-z]'));
    expect(await passing.locator('table.wire tbody tr').count()).toBe(400);
    expect(await passing.locator('table.wire').innerText()).toContain('TC_B_01_CS-399');
    expect(errors).toEqual([]);
  });
});
