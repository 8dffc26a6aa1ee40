import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldEvents, type RunEvent, type RunRecord } from '../src/engine/events.js';
import type { CaseMeta } from '../src/core/meta.js';
import type { Verdict } from '../src/core/verdict.js';
import { requirementText } from '../src/core/requirements/index.js';
import { createConsoleReporter } from '../src/reporters/console.js';
import { parseEventLog, readEventLog } from '../src/reporters/eventlog-reader.js';
import { escapeHtml, renderHtml } from '../src/reporters/html.js';
import { createReporters, Multiplexer, REPORTER_NAMES, renderReports, ReportRenderError } from '../src/reporters/index.js';
import type { JsonResults } from '../src/reporters/json.js';
import { renderJunit } from '../src/reporters/junit.js';
import type { Reporter, ReporterOptions } from '../src/reporters/reporter.js';
import { unpackHtml } from '../src/reporters/html-packed.js';

const HOSTILE_FRAME = '[2,"m1","DataTransfer",{"vendorId":"<script>alert(1)</script>","data":"a]]>b]]>c\u0001"}]';

function meta(id: string, overrides: Partial<CaseMeta> = {}): CaseMeta {
  return {
    id,
    title: `Title of ${id}`,
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    suite: 'conformance',
    requirements: ['B01.FR.01', 'B01.FR.02'],
    profiles: ['Core'],
    features: [],
    tags: [],
    purpose: `Purpose of ${id}`,
    fault: 'none',
    ...overrides,
  };
}

const T0 = Date.parse('2025-01-02T03:04:05.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** One case's events; `result` undefined leaves the case cut off (no case-end). */
function caseEvents(m: CaseMeta, startMs: number, result: Verdict | undefined, extra: RunEvent[] = []): RunEvent[] {
  const runKey = `${m.id}#1`;
  const events: RunEvent[] = [
    { type: 'case-start', time: at(startMs), caseId: m.id, meta: m, runKey },
    { type: 'note', time: at(startMs + 1), runKey, t: 1, kind: 'connection', text: 'ws#1 CP001 opened' },
    { type: 'step', time: at(startMs + 2), runKey, index: 1, title: 'Wait for BootNotification', status: 'pass' },
    {
      type: 'wire',
      time: at(startMs + 3),
      runKey,
      t: 3,
      conn: 'ws#1 CP001',
      dir: 'in',
      text: '[2,"b1","BootNotification",{"reason":"PowerUp"}]',
      summary: 'CALL BootNotification (b1)',
    },
    {
      type: 'wire',
      time: at(startMs + 5),
      runKey,
      t: 5,
      conn: 'ws#1 CP001',
      dir: 'out',
      text: '[3,"b1",{"status":"Accepted"}]',
      summary: 'CALLRESULT BootNotification (b1)',
    },
    ...extra,
  ];
  if (result) {
    events.push({ type: 'case-end', time: at(startMs + 100), caseId: m.id, runKey, durationMs: 100, result });
  }
  return events;
}

const FAIL: Verdict = {
  verdict: 'fail',
  requirement: 'B01.FR.05',
  expected: ['BootNotificationResponse with status Accepted'],
  actual: 'no response within 30 s',
  message: 'B01.FR.05: the CSMS must answer a BootNotification',
};

function syntheticEvents(): RunEvent[] {
  const planned = ['TC_B_01_CS', 'TC_B_02_CS', 'TC_E_01_CSMS', 'TC_CP_001_CSMS', 'TC_B_03_CS'];
  return [
    {
      type: 'run-start',
      time: at(0),
      runId: 'run-42',
      harnessVersion: '0.1.0',
      target: { sut: ['cs', 'csms'], ocpp: ['2.0.1', '1.6'], mode: 'reference', description: 'reference peers on ws://127.0.0.1:9000' },
      plannedCases: planned,
    },
    ...caseEvents(meta('TC_B_01_CS'), 10, { verdict: 'pass' }, [
      {
        type: 'wire',
        time: at(20),
        runKey: 'TC_B_01_CS#1',
        t: 10,
        conn: 'ws#1 CP001',
        dir: 'in',
        text: HOSTILE_FRAME,
        summary: 'CALL DataTransfer <script>alert(1)</script>',
        violations: ['/vendorId must NOT have more than 255 characters <script>alert(2)</script>'],
      },
    ]),
    ...caseEvents(meta('TC_B_02_CS'), 200, FAIL, [
      { type: 'step', time: at(250), runKey: 'TC_B_02_CS#1', index: 2, title: 'Expect response', status: 'fail', detail: 'timeout' },
    ]),
    ...caseEvents(meta('TC_E_01_CSMS', { sut: 'csms', block: 'E' }), 400, { verdict: 'inconclusive', reason: 'the SUT never connected' }),
    ...caseEvents(meta('TC_CP_001_CSMS', { ocpp: '1.6', sut: 'csms', block: 'Core' }), 600, {
      verdict: 'not-applicable',
      reason: 'feature LocalAuthList not declared',
    }),
    ...caseEvents(meta('TC_B_03_CS'), 800, undefined),
    { type: 'run-end', time: at(1000), durationMs: 1000, counts: {}, interrupted: true },
  ];
}

function options(outDir: string, sink: string[] = [], tty = false): ReporterOptions {
  return { outDir, write: (text) => sink.push(text), tty, color: false };
}

describe('file reporters', () => {
  let outDir: string;
  let run: RunRecord;
  let written: string[];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'ocpp-reporters-'));
    run = foldEvents(syntheticEvents());
    written = await renderReports(run, ['junit', 'json', 'html'], options(outDir));
  });

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes one file per file reporter', () => {
    expect(written.sort()).toEqual([join(outDir, 'index.html'), join(outDir, 'junit.xml'), join(outDir, 'results.json')]);
  });

  it('junit maps each verdict to its element', () => {
    const xml = readFileSync(join(outDir, 'junit.xml'), 'utf8');
    expect(xml.match(/<failure\b/g)).toHaveLength(1);
    expect(xml).toMatch(/<failure message="[^"]*B01\.FR\.05[^"]*"/);
    expect(xml).toContain(`B01.FR.05 (${requirementText('B01.FR.05')}): expected`);
    expect(xml).toContain(`what it requires: ${requirementText('B01.FR.05')}`);
    expect(xml).toContain('no response within 30 s');
    // inconclusive and the cut-off case
    expect(xml.match(/<error\b/g)).toHaveLength(2);
    expect(xml).toMatch(/<skipped message="not applicable: feature LocalAuthList not declared" type="not-applicable"\/>/);
    expect(xml).toContain('name="OCPP 2.0.1 B (cs)"');
    expect(xml).toContain('name="OCPP 1.6 Core (csms)"');
    expect(xml).toContain('classname="2.0.1.B"');
    expect(xml).toContain('name="TC_B_01_CS Title of TC_B_01_CS"');
    // The strict JUnit schema has no per-case properties: the case's facts head its system-out.
    for (const tc of xml.split('<testcase').slice(1)) expect(tc.slice(0, tc.indexOf('</testcase>'))).not.toContain('<properties');
    expect(xml).toContain('requirements: B01.FR.01, B01.FR.02');
    expect(xml).toContain('verdict: fail');
    expect(xml).toContain('time="0.100"');
    expect(xml).toContain('+3ms ws#1 CP001 < [2,"b1","BootNotification"');
    expect(xml).toContain('+5ms ws#1 CP001 > [3,"b1"');
  });

  it('junit keeps hostile frame text inside CDATA and within XML 1.0', () => {
    const xml = readFileSync(join(outDir, 'junit.xml'), 'utf8');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    // Every CDATA section opened is closed exactly once: no peer text ends one early.
    const opened = xml.split('<![CDATA[').length - 1;
    const closed = xml.split(']]>').length - 1;
    expect(closed).toBe(opened);
    expect(xml).toContain('\\u0001');
  });

  it('junit marks pass-non-strict as a pass with a note and the severity', () => {
    const events = [...caseEvents(meta('SEC_01_CS', { suite: 'security' }), 0, { verdict: 'pass-non-strict', notes: ['used TLS 1.2'] })];
    const endIndex = events.findIndex((e) => e.type === 'case-end');
    const end = events[endIndex];
    if (end.type === 'case-end') end.severity = 'high';
    const xml = renderJunit(foldEvents(events));
    expect(xml).not.toMatch(/<failure|<error|<skipped/);
    expect(xml).toContain('note: passed non-strictly: used TLS 1.2');
    expect(xml).toContain('severity: high');
  });

  it('results.json parses and its counts match the cases', () => {
    const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as JsonResults;
    expect(results.runId).toBe('run-42');
    expect(results.interrupted).toBe(true);
    expect(results.durationMs).toBe(1000);
    expect(results.counts).toEqual({ pass: 1, fail: 1, inconclusive: 1, 'not-applicable': 1, error: 1 });
    expect(results.cases).toHaveLength(5);
    const total = Object.values(results.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(results.cases.length);
    const failed = results.cases.find((c) => c.id === 'TC_B_02_CS');
    expect(failed?.verdict).toEqual({ ...FAIL, requirementText: requirementText('B01.FR.05') });
    expect(failed?.steps.map((s) => s.status)).toEqual(['pass', 'fail']);
    expect(results.cases[0].wire.some((w) => w.text === HOSTILE_FRAME)).toBe(true);
    expect(results.partialReasons.length).toBeGreaterThan(0);
  });

  it('index.html is self-contained and escapes peer text', () => {
    const page = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(page).not.toContain('http://');
    expect(page).not.toContain('https://');
    expect(page).not.toMatch(/<script>alert/i);
    expect(page).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(page.match(/<script\b/g)).toHaveLength(1);
    // A passing case's wire log is packed (issue 11): the escaped frame is there once unpacked.
    expect(unpackHtml(page)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Partial run — no conformance verdict');
    for (const id of ['TC_B_01_CS', 'TC_B_02_CS', 'TC_E_01_CSMS', 'TC_CP_001_CSMS', 'TC_B_03_CS']) {
      expect(page).toContain(`<span class="case-id">${id}</span>`);
    }
    expect(page).toContain('B01.FR.05');
    expect(page).toContain(escapeHtml(requirementText('B01.FR.05')!));
    expect(page).toContain('no response within 30 s');
    expect(page).toContain('Per functional block');
  });

  it('index.html shows overall counts instead of the partial banner for a complete clean run', () => {
    const events: RunEvent[] = [
      {
        type: 'run-start',
        time: at(0),
        runId: 'run-ok',
        harnessVersion: '0.1.0',
        target: { sut: ['cs'], ocpp: ['2.0.1'], mode: 'reference', description: 'reference' },
        plannedCases: ['TC_B_01_CS'],
      },
      ...caseEvents(meta('TC_B_01_CS'), 10, { verdict: 'pass' }),
      { type: 'run-end', time: at(200), durationMs: 200, counts: { pass: 1 }, interrupted: false },
    ];
    const page = renderHtml(foldEvents(events));
    expect(page).not.toContain('Partial run');
    expect(page).toContain('All 1 planned case ran');
  });

  it('escapeHtml never leaves markup or a URL scheme', () => {
    expect(escapeHtml(`<a href="https://x">'&'</a>`)).toBe('&lt;a href=&quot;https&#58;//x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('console reporter', () => {
  it('prints one line per case in non-TTY mode, with failure details and a summary', () => {
    const out: string[] = [];
    const reporter = createConsoleReporter(options('/unused', out));
    for (const ev of syntheticEvents()) reporter.onEvent?.(ev);
    const text = out.join('');
    const lines = text.split('\n');
    expect(text).not.toContain('\r');
    expect(text).not.toContain('\x1b[');
    expect(lines.filter((l) => /^PASS TC_B_01_CS Title of TC_B_01_CS \(100 ms\)$/.test(l))).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('FAIL TC_B_02_CS'))).toBe(true);
    expect(lines.some((l) => l.startsWith('INCONCLUSIVE TC_E_01_CSMS'))).toBe(true);
    expect(lines.some((l) => l.startsWith('NOT-APPLICABLE TC_CP_001_CSMS'))).toBe(true);
    expect(lines.some((l) => l.startsWith('ERROR TC_B_03_CS'))).toBe(true);
    const failIndex = lines.findIndex((l) => l.startsWith('FAIL TC_B_02_CS'));
    const failDetail = lines.slice(failIndex + 1, failIndex + 5).join('\n');
    expect(failDetail).toContain('    requirement B01.FR.05');
    expect(failDetail).toContain(`what it requires: ${requirementText('B01.FR.05')}`);
    expect(failDetail).toContain('expected: BootNotificationResponse with status Accepted');
    expect(failDetail).toContain('actual: no response within 30 s');
    expect(text).toContain('5 cases: 1 pass, 1 fail, 1 inconclusive, 1 not-applicable, 1 error in 1.0 s (interrupted)');
    expect(text).toContain('partial run — no conformance verdict');
  });

  it('redraws a status line in TTY mode and still prints each finished case', () => {
    const out: string[] = [];
    const reporter = createConsoleReporter(options('/unused', out, true));
    for (const ev of syntheticEvents()) reporter.onEvent?.(ev);
    const text = out.join('');
    expect(text).toContain('\r\x1b[2K');
    expect(text).toContain('[1/5] TC_B_01_CS');
    expect(text).toMatch(/PASS TC_B_01_CS[^\n]*\n/);
    // The status line is gone once the run has ended.
    expect(text.endsWith('\n')).toBe(true);
  });

  it('neutralises terminal escapes quoted from a peer', () => {
    const out: string[] = [];
    const reporter = createConsoleReporter(options('/unused', out));
    const events = caseEvents(meta('TC_X'), 0, { ...FAIL, actual: 'evil \x1b[2J payload' } as Verdict);
    for (const ev of events) reporter.onEvent?.(ev);
    expect(out.join('')).toContain('evil \\x1b[2J payload');
    expect(out.join('')).not.toContain('\x1b');
  });

  it('prints a re-rendered log from finish() when it saw no events', () => {
    const out: string[] = [];
    const reporter = createConsoleReporter(options('/unused', out));
    reporter.finish?.(foldEvents(syntheticEvents()));
    const text = out.join('');
    expect(text).toContain('FAIL TC_B_02_CS');
    expect(text).toContain('ERROR TC_B_03_CS');
    expect(text).toContain('5 cases:');
  });
});

describe('reporter registry and multiplexer', () => {
  it('creates reporters by name and rejects unknown names, listing valid ones', () => {
    const reporters = createReporters(['console', 'junit', ' html ', 'json', 'json', ''], options('/unused'));
    expect(reporters.map((r) => r.name)).toEqual(['console', 'junit', 'html', 'json']);
    expect(() => createReporters(['junit', 'pdf'], options('/unused'))).toThrow(/"pdf".*console, junit, html, json, findings/);
    expect(REPORTER_NAMES).toEqual(['console', 'junit', 'html', 'json', 'findings']);
  });

  it('keeps feeding the other reporters when one throws', async () => {
    const seen: string[] = [];
    const broken: Reporter = {
      name: 'broken',
      onEvent() {
        throw new Error('boom');
      },
      finish() {
        throw new Error('cannot write');
      },
    };
    const rejecting: Reporter = { name: 'rejecting', finish: () => Promise.reject(new Error('async failure')) };
    const healthy: Reporter = {
      name: 'healthy',
      onEvent: (ev) => seen.push(ev.type),
      finish: () => ['/tmp/healthy.out'],
    };
    const mux = new Multiplexer([broken, rejecting, healthy]);
    const events = syntheticEvents();
    for (const ev of events) mux.onEvent(ev);
    const paths = await mux.finish(foldEvents(events));
    expect(seen).toHaveLength(events.length);
    expect(paths).toEqual(['/tmp/healthy.out']);
    expect(mux.errors).toContain('broken.finish: cannot write');
    expect(mux.errors).toContain('rejecting.finish: async failure');
    expect(mux.errors.some((e) => e.startsWith('broken.onEvent(run-start): boom'))).toBe(true);
  });

  it('renderReports reports a failing reporter but keeps the files of the others', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'ocpp-reporters-'));
    try {
      // A file where the output directory should be makes every file reporter fail.
      const blocked = join(outDir, 'blocked');
      writeFileSync(blocked, '');
      await expect(renderReports(foldEvents(syntheticEvents()), ['json'], options(blocked))).rejects.toBeInstanceOf(ReportRenderError);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

describe('readEventLog', () => {
  it('tolerates a truncated last line and skips non-event lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-eventlog-'));
    try {
      const events = syntheticEvents();
      const lines = events.map((e) => JSON.stringify(e));
      lines.splice(3, 0, '[1,2,3]', '{"type":"bogus"}', 'not json at all', '{"type":"case-start"}', '');
      const path = join(dir, 'run.jsonl');
      writeFileSync(path, lines.join('\n') + '\n' + '{"type":"case-end","time":"2025-01-02T0');
      const read = readEventLog(path);
      expect(read).toEqual(events);
      const folded = foldEvents(read);
      expect(folded.cases).toHaveLength(5);

      const { skipped } = parseEventLog(readFileSync(path, 'utf8'));
      expect(skipped.map((s) => s.reason)).toEqual([
        'not a JSON object',
        'unknown event type "bogus"',
        'not valid JSON',
        'case-start event without its required fields',
        'truncated last line',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
