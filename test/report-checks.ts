/**
 * The report checks every chaos test ends with (issue 10): the process stays under a fixed memory
 * ceiling, the run's reports are rendered, the JUnit is valid against the strict JUnit schema (xmllint) and index.html stays inert in headless
 * Chromium (no script runs, no injected element, no dialog, no raw ESC).
 *
 * xmllint and Chromium are Debian tools: `.ci/run` installs them and sets
 * OCPP_HARNESS_REQUIRE_TOOLS=1, so CI fails without them; a machine without them skips these
 * checks with a warning.
 */
import { expect } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import type { RunRecord } from '../src/engine/events.js';
import { renderReports } from '../src/reporters/index.js';

// A copy of the Jenkins xUnit plugin's junit-10.xsd (MIT, licence in the file), kept in the repo so a clean clone can check against it.
const XSD = resolve('test/fixtures/junit-10.xsd');
const CHROMIUM = '/usr/bin/chromium';
const requireTools = process.env.OCPP_HARNESS_REQUIRE_TOOLS === '1';
export const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
export const hasChromium = existsSync(CHROMIUM);
const warned = new Set<string>();

/** Whether a tool's check can run; a missing tool fails under OCPP_HARNESS_REQUIRE_TOOLS=1. */
export function toolOrSkip(present: boolean, tool: string): boolean {
  if (present) return true;
  if (requireTools) throw new Error(`${tool} is required here (OCPP_HARNESS_REQUIRE_TOOLS=1) but not installed`);
  if (!warned.has(tool)) console.warn(`${tool} not installed: its report check is skipped (.ci/run installs it)`);
  warned.add(tool);
  return false;
}

/** Renders the JUnit, HTML and JSON reports of a run into a fresh folder. */
export async function renderAll(run: RunRecord): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'ocpp-harness-test-'));
  await renderReports(run, ['junit', 'html', 'json'], { outDir, write: () => undefined, tty: false, color: false });
  return outDir;
}

export function expectValidJunit(outDir: string): void {
  if (!toolOrSkip(hasXmllint, 'xmllint')) return;
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, join(outDir, 'junit.xml')], { encoding: 'utf8' });
  expect(r.stderr).toMatch(/validates/);
  expect(r.status).toBe(0);
}

let browser: Promise<Browser> | undefined;

/** One headless Chromium per test file; closeBrowser() in afterAll. */
async function chromiumBrowser(): Promise<Browser> {
  browser ??= import('playwright-core').then(({ chromium }) =>
    chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    }),
  );
  return browser;
}

export async function closeBrowser(): Promise<void> {
  const b = browser;
  browser = undefined;
  if (b) await (await b).close();
}

/** What index.html did in Chromium: the text it shows, and any sign of SUT text acting as markup. */
export interface RenderedHtml {
  text: string;
  pwned: unknown;
  injected: number;
  dialogs: string[];
}

export async function renderHtmlInChromium(outDir: string): Promise<RenderedHtml | undefined> {
  if (!toolOrSkip(hasChromium, 'chromium')) return undefined;
  const page = await (await chromiumBrowser()).newPage();
  try {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`file://${join(outDir, 'index.html')}`);
    const seen = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      injected: document.querySelectorAll('img[onerror], svg[onload], iframe, [onerror], [onload]').length,
      text: document.body.textContent ?? '',
    }));
    return { ...seen, dialogs };
  } finally {
    await page.close();
  }
}

/**
 * The memory ceiling a hostile SUT must not push the test process past: far above what a jest
 * worker needs, far below the 2.3 GB one 50 MB frame once took.
 */
export const RSS_CEILING_BYTES = 1024 * 1024 * 1024;

/** Bounded RSS, valid JUnit and inert HTML for a run; returns the rendered HTML (undefined without Chromium). */
export async function expectSoundReports(run: RunRecord): Promise<RenderedHtml | undefined> {
  const outDir = await renderAll(run);
  expect(process.memoryUsage().rss).toBeLessThan(RSS_CEILING_BYTES);
  try {
    expectValidJunit(outDir);
    const html = await renderHtmlInChromium(outDir);
    if (html) {
      expect(html.pwned).toBeUndefined();
      expect(html.injected).toBe(0);
      expect(html.dialogs).toEqual([]);
      expect(html.text).not.toContain('\u001b');
    }
    return html;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** What a reader of index.html sees in Chromium: the summary, a failed case's sequence diagram, console errors. */
export interface ReaderView {
  summaryVisible: boolean;
  certificationVisible: boolean;
  /** Arrows, CALLERROR arrows and close marks in the diagram of the first failed case; null when none was drawn. */
  diagram: { arrows: number; callErrors: number; closes: number } | null;
  consoleErrors: string[];
}

export async function readHtmlInChromium(outDir: string): Promise<ReaderView | undefined> {
  if (!toolOrSkip(hasChromium, 'chromium')) return undefined;
  const page = await (await chromiumBrowser()).newPage();
  try {
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    // Offline: any request beyond the file itself is refused and would show as a console error.
    await page.route(/^(?!file:)/, (route) => route.abort());
    await page.goto(`file://${join(outDir, 'index.html')}`);
    const summaryVisible = await page.locator('#summary').isVisible();
    const certificationVisible = await page.locator('#certification').isVisible();
    const button = page.locator('details.case[data-verdict="fail"] [data-seq-show]').first();
    let diagram: ReaderView['diagram'] = null;
    if ((await button.count()) > 0) {
      await button.click();
      const svg = page.locator('details.case[data-verdict="fail"] svg.seq').first();
      if ((await svg.count()) > 0 && (await svg.isVisible())) {
        diagram = {
          arrows: await svg.locator('line.msg, line.callerror').count(),
          callErrors: await svg.locator('line.callerror').count(),
          closes: await svg.locator('line.close').count(),
        };
      }
    }
    return { summaryVisible, certificationVisible, diagram, consoleErrors };
  } finally {
    await page.close();
  }
}
