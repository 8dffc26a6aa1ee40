/**
 * Issue 13: reports an auditor can sign. Run identity (declared and observed), the certification
 * summary, the requirement matrix, in every report that carries them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { foldEvents, type RunEvent, type RunRecord } from '../src/engine/events.js';
import type { CaseMeta } from '../src/core/meta.js';
import type { Verdict } from '../src/core/verdict.js';
import { DEFAULT_CONFIG } from '../src/core/config.js';
import { catalogueDigest, gitCommit, runIdentity } from '../src/engine/run-identity.js';
import { createConsoleReporter, renderReports } from '../src/reporters/index.js';
import type { JsonResults } from '../src/reporters/json.js';
import { CertificationCollector, certificationSummary } from '../src/reporters/certification.js';
import { traceability } from '../src/reporters/traceability.js';
import { regulatoryTable } from '../src/reporters/regulatory.js';
import { REGULATORY_MAP } from '../src/reporters/regulatory-map.js';
import { closeBrowser, readHtmlInChromium } from './report-checks.js';

const T0 = Date.parse('2026-01-02T03:04:05.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

export function auditMeta(id: string, o: Partial<CaseMeta> = {}): CaseMeta {
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
    purpose: `Purpose of ${id}`,
    fault: 'none',
    ...o,
  };
}

const BOOT = JSON.stringify([
  2,
  'b1',
  'BootNotification',
  { reason: 'PowerUp', chargingStation: { vendorName: 'ACME', model: 'Wallbox 7', serialNumber: 'SN-0042', firmwareVersion: '1.2.3' } },
]);

function caseEvents(m: CaseMeta, startMs: number, result: Verdict, sp?: number): RunEvent[] {
  const runKey = `${m.id}#${sp ?? 0}`;
  return [
    { type: 'case-start', time: at(startMs), caseId: m.id, meta: m, runKey, ...(sp !== undefined ? { securityProfile: sp } : {}) },
    {
      type: 'note',
      time: at(startMs + 1),
      runKey,
      t: 1,
      kind: 'connection',
      text: 'station "CP001" connected on security profile 3; TLS TLSv1.3 X; client certificate CN="SN-0042" O="ACME CPO" issued by root: verified',
    },
    { type: 'wire', time: at(startMs + 2), runKey, t: 2, conn: 'ws#1 CP001', dir: 'in', text: BOOT, summary: 'CALL BootNotification (b1)' },
    {
      type: 'wire',
      time: at(startMs + 3),
      runKey,
      t: 3,
      conn: 'ws#1 CP001',
      dir: 'out',
      text: '[4,"b1","FormatViolation","bad",{}]',
      summary: 'CALLERROR FormatViolation (b1)',
    },
    { type: 'note', time: at(startMs + 4), runKey, t: 4, kind: 'connection', text: 'harness closes ws#1 CP001 (code 1000)' },
    { type: 'case-end', time: at(startMs + 10), caseId: m.id, runKey, durationMs: 10, result },
  ];
}

const FAIL: Verdict = { verdict: 'fail', requirement: 'B01.FR.02', expected: ['Accepted'], actual: 'Rejected', message: 'B01.FR.02: x' };

export function auditRun(): RunRecord {
  const metas = [
    auditMeta('TC_B_01_CS'),
    auditMeta('TC_B_02_CS', { requirements: ['B01.FR.02'] }),
    auditMeta('TC_H_01_CS', { block: 'H', profiles: ['Reservation'], features: ['Reservation'], requirements: ['H01.FR.01'] }),
  ];
  const config = { ...DEFAULT_CONFIG, features: ['Reservation'], deviations: { TC_X_CS: 'not built' }, security: { profile: 3 as const } };
  const identity = runIdentity({ configs: [config], plan: metas, all: [...metas, auditMeta('TC_B_03_CS')], harnessVersion: '9.9.9' });
  return foldEvents([
    {
      type: 'run-start',
      time: at(0),
      runId: 'run-audit',
      harnessVersion: '9.9.9',
      target: { sut: ['cs'], ocpp: ['2.0.1'], mode: 'sut', description: 'a station' },
      plannedCases: metas.map((m) => m.id),
      identity,
    },
    ...caseEvents(metas[0]!, 10, { verdict: 'pass' }),
    ...caseEvents(metas[1]!, 100, FAIL),
    ...caseEvents(metas[2]!, 200, { verdict: 'pass' }),
    { type: 'run-end', time: at(300), durationMs: 300, counts: {}, interrupted: false },
  ]);
}

/** What the console reporter prints for a finished (re-rendered) run. */
function consoleText(run: RunRecord): string {
  const out: string[] = [];
  createConsoleReporter({ outDir: '/unused', write: (t) => out.push(t), tty: false, color: false }).finish?.(run);
  return out.join('');
}

describe('run identity', () => {
  let outDir = '';
  let run: RunRecord;
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'ocpp-audit-'));
    run = auditRun();
    await renderReports(run, ['junit', 'json', 'html'], { outDir, write: () => undefined, tty: false, color: false });
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('hashes the catalogue by ids and metadata, independent of order', () => {
    const a = catalogueDigest([auditMeta('A'), auditMeta('B')]);
    expect(catalogueDigest([auditMeta('B'), auditMeta('A')])).toEqual(a);
    expect(catalogueDigest([auditMeta('A'), auditMeta('B', { title: 'changed' })]).sha256).not.toBe(a.sha256);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the git commit without git, or gives none', () => {
    const commit = gitCommit();
    if (commit !== undefined) expect(commit).toMatch(/^[0-9a-f]{40}/);
    expect(gitCommit('/nonexistent-dir')).toBeUndefined();
  });

  it('results.json carries the declared and the observed identity', () => {
    const json = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as JsonResults;
    expect(json.identity.declared?.features).toEqual(['Reservation']);
    expect(json.identity.declared?.deviations).toEqual({ TC_X_CS: 'not built' });
    expect(json.identity.declared?.timeouts.messageMs).toBe(DEFAULT_CONFIG.timeouts.messageMs);
    expect(json.identity.harness?.version).toBe('9.9.9');
    expect(json.identity.catalogue?.cases).toBe(3);
    expect(json.identity.observed).toEqual({
      vendor: ['ACME'],
      model: ['Wallbox 7'],
      serialNumber: ['SN-0042'],
      firmwareVersion: ['1.2.3'],
      tlsSubjects: ['client certificate CN=SN-0042, O=ACME CPO'],
    });
    expect(JSON.stringify(json)).not.toContain('basicAuthPassword');
  });

  it('junit.xml carries it as suite properties, index.html as a section', () => {
    const junit = readFileSync(join(outDir, 'junit.xml'), 'utf8');
    expect(junit).toContain('<property name="sut.observed.vendor" value="ACME"/>');
    expect(junit).toContain(`<property name="catalogue.sha256" value="${run.start?.identity?.catalogue.sha256}"/>`);
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(html).toContain('id="identity"');
    expect(html).toContain('Wallbox 7');
    expect(html).toContain('SN-0042');
  });

  it('the console names the SUT in its header and what it observed at the end', () => {
    const text = consoleText(run);
    expect(text).toContain('sut (declared): station CP001');
    expect(text).toContain('catalogue sha256');
    expect(text).toContain('sut (observed): vendor ACME; model Wallbox 7; serial SN-0042; firmware 1.2.3');
  });
});

describe('certification summary', () => {
  it('judges each profile: a fail blocks, a passing profile of a declared feature passes, a partial selection says so', () => {
    const s = certificationSummary(auditRun());
    const core = s.profiles.find((p) => p.profile === 'Core');
    expect(core).toMatchObject({ ocpp: '2.0.1', sut: 'cs', verdict: 'fail', mandatory: { passed: 1, applicable: 2 }, catalogueTotal: 3 });
    expect(core?.blocking).toEqual([{ id: 'TC_B_02_CS', verdict: 'fail' }]);
    expect(core?.reasons).toEqual(["partial selection: 2 of the catalogue's 3 cases of this profile ran"]);
    const reservation = s.profiles.find((p) => p.profile === 'Reservation');
    // Declaring Reservation is claiming the profile: within it, its cases are mandatory, not conditional.
    expect(reservation).toMatchObject({ verdict: 'pass', reasons: [], mandatory: { applicable: 1, passed: 1 } });
    expect(reservation?.conditional).toEqual([]);
    expect(s.securityProfiles).toEqual([
      expect.objectContaining({ securityProfile: 3, verdict: 'fail', tally: { passed: 2, applicable: 3, selected: 3 } }),
    ]);
  });

  it('gives no verdict for inconclusive cases, undeclared features or an unrecorded catalogue', () => {
    const c = new CertificationCollector(undefined);
    c.add({ meta: auditMeta('A'), verdict: 'pass' });
    c.add({ meta: auditMeta('B'), verdict: 'inconclusive' });
    c.add({ meta: auditMeta('C', { features: ['SmartCharging'] }), verdict: 'not-applicable' });
    const [core] = c.summary([]).profiles;
    expect(core?.verdict).toBe('no-verdict');
    expect(core?.blocking).toEqual([{ id: 'B', verdict: 'inconclusive' }]);
    expect(core?.reasons).toEqual([
      'the run did not record the catalogue, so a complete selection cannot be shown',
      'feature SmartCharging is not declared: 1 conditional case not judged',
      '1 case inconclusive or in error',
    ]);
  });

  it('is in results.json, near the top of index.html and at the end of the console output', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'ocpp-audit-'));
    try {
      const run = auditRun();
      await renderReports(run, ['json', 'html'], { outDir, write: () => undefined, tty: false, color: false });
      const json = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as JsonResults;
      expect(json.certification.profiles.map((p) => [p.profile, p.verdict])).toEqual([
        ['Core', 'fail'],
        ['Reservation', 'pass'],
      ]);
      const html = readFileSync(join(outDir, 'index.html'), 'utf8');
      expect(html.indexOf('id="certification"')).toBeLessThan(html.indexOf('id="legend"'));
      expect(html).toContain('does not pass');
      expect(consoleText(run)).toContain('2.0.1 cs Core: does not pass; mandatory 1/2; blocked by TC_B_02_CS (fail)');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('`list --profile` selects by certification profile', () => {
    const r = spawnSync(
      process.execPath,
      [resolve('dist/src/cli/main.js'), 'list', '--ocpp', '2.0.1', '--sut', 'csms', '--profile', 'Advanced Security', '--json'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(0);
    const cases = JSON.parse(r.stdout) as { profiles: string[]; ocpp: string; sut: string }[];
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(c).toMatchObject({ ocpp: '2.0.1', sut: 'csms', profiles: expect.arrayContaining(['Advanced Security']) });
  });
});

describe('traceability', () => {
  it('maps each checked requirement to its cases and verdicts and lists the registered ones no case checks', () => {
    const t = traceability(auditRun());
    expect(t.requirements.map((r) => r.id)).toEqual(['B01.FR.01', 'B01.FR.02', 'H01.FR.01']);
    const b02 = t.requirements.find((r) => r.id === 'B01.FR.02');
    expect(b02?.cases).toEqual([{ id: 'TC_B_02_CS', verdict: 'fail', failedHere: true }]);
    expect(b02?.registered).toBe(true);
    expect(t.sources).toEqual(['OCPP201', 'OCPPJ20']);
    const unchecked = t.unchecked.map((r) => r.id);
    expect(unchecked).not.toContain('B01.FR.01');
    expect(unchecked.length).toBeGreaterThan(10);
    expect(unchecked.every((id) => !id.startsWith('OCPP16-'))).toBe(true);
  });

  it('is in results.json and index.html', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'ocpp-audit-'));
    try {
      await renderReports(auditRun(), ['json', 'html'], { outDir, write: () => undefined, tty: false, color: false });
      const json = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as JsonResults;
      expect(json.traceability.requirements).toHaveLength(3);
      const html = readFileSync(join(outDir, 'index.html'), 'utf8');
      expect(html).toContain('id="traceability"');
      expect(html).toContain(json.traceability.unchecked[0]?.id);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

describe('index.html in headless Chromium', () => {
  afterAll(() => closeBrowser());

  it('opens offline, shows the summary, draws a failed case as a sequence diagram, logs no console error', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'ocpp-audit-'));
    try {
      await renderReports(auditRun(), ['html'], { outDir, write: () => undefined, tty: false, color: false });
      const html = readFileSync(join(outDir, 'index.html'), 'utf8');
      expect(html).not.toContain('<svg');
      const view = await readHtmlInChromium(outDir);
      if (!view) return;
      expect(view.consoleErrors).toEqual([]);
      expect(view.summaryVisible).toBe(true);
      expect(view.certificationVisible).toBe(true);
      expect(view.diagram).toEqual({ arrows: 2, callErrors: 1, closes: 1 });
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('security evidence for regulators', () => {
  it('maps every area to NIS2, IEC 62443-4-2 and ETSI EN 303 645 controls, each once', () => {
    expect(new Set(REGULATORY_MAP.map((r) => r.key)).size).toBe(REGULATORY_MAP.length);
    for (const row of REGULATORY_MAP) {
      expect(row.nis2.every((c) => /^Art\. 21\(2\)\([a-j]\)$/.test(c.id))).toBe(true);
      expect(row.iec62443_4_2.every((c) => /^(CR|EDR) \d+\.\d+/.test(c.id))).toBe(true);
      expect(row.etsiEn303645.every((c) => /^5\.\d+$/.test(c.id))).toBe(true);
      expect(row.nis2.length * row.iec62443_4_2.length * row.etsiEn303645.length).toBeGreaterThan(0);
    }
  });

  it('shows the security cases, findings and security-profile results per area in results.json and index.html', async () => {
    const base = auditRun();
    const sec = auditMeta('TC_SEC_TLS_05', { suite: 'security', rule: 'SEC-TLS-05', requirements: ['SEC-TLS-05'], profiles: ['Security'] });
    const run = foldEvents([
      ...(base.start ? [base.start] : []),
      ...caseEvents(sec, 400, { verdict: 'fail', requirement: 'SEC-TLS-05', expected: ['x'], actual: 'y', message: 'SEC-TLS-05: z' }, 3),
    ]);
    const t = regulatoryTable(run);
    expect(t.rows.find((r) => r.key === 'tls')).toMatchObject({ cases: 1, failed: 1, status: 'gaps found' });
    expect(t.rows.find((r) => r.key === 'sp3')).toMatchObject({ cases: 1, status: 'gaps found' });
    expect(t.rows.find((r) => r.key === 'firmware')).toMatchObject({ cases: 0, status: 'no evidence' });
    const outDir = mkdtempSync(join(tmpdir(), 'ocpp-audit-'));
    try {
      await renderReports(run, ['json', 'html'], { outDir, write: () => undefined, tty: false, color: false });
      const json = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as JsonResults;
      expect(json.regulatory.rows).toHaveLength(REGULATORY_MAP.length);
      const html = readFileSync(join(outDir, 'index.html'), 'utf8');
      expect(html).toContain('id="regulatory"');
      expect(html).toContain('Art. 21(2)(h)');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
