/**
 * Issue 13: reports an auditor can sign. Run identity (declared and observed), the certification
 * summary, the requirement matrix, in every report that carries them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldEvents, type RunEvent, type RunRecord } from '../src/engine/events.js';
import type { CaseMeta } from '../src/core/meta.js';
import type { Verdict } from '../src/core/verdict.js';
import { DEFAULT_CONFIG } from '../src/core/config.js';
import { catalogueDigest, gitCommit, runIdentity } from '../src/engine/run-identity.js';
import { createConsoleReporter, renderReports } from '../src/reporters/index.js';
import type { JsonResults } from '../src/reporters/json.js';

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
    const out: string[] = [];
    const reporter = createConsoleReporter({ outDir, write: (t) => out.push(t), tty: false, color: false });
    reporter.finish?.(run);
    const text = out.join('');
    expect(text).toContain('sut (declared): station CP001');
    expect(text).toContain('catalogue sha256');
    expect(text).toContain('sut (observed): vendor ACME; model Wallbox 7; serial SN-0042; firmware 1.2.3');
  });
});
