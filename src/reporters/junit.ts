import { join } from 'node:path';
import type { CaseRecord, RunRecord } from '../engine/events.js';
import { caseLabel, formatLogEntry, formatSteps, groupBy, unstartedCases, verdictDetailLines, verdictSummary } from './format.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { writeReportFile } from './files.js';
import { identityFacts } from './identity.js';

/**
 * junit.xml, written by hand so it is valid against the strict JUnit schema CI servers use
 * (test/fixtures/junit-10.xsd, checked in test/report-formats.test.ts): no <properties> inside
 * <testcase> and only the schema's attributes. What a case's properties carried (requirements,
 * verdict, security profile, severity, findings) heads its <system-out> instead, one "name: value"
 * line each, so it stays readable in every CI viewer.
 */

export const JUNIT_FILE = 'junit.xml';

/** XML 1.0 cannot carry most control characters or lone surrogates; peers may send them anyway. */
export function xmlSafe(text: string): string {
  return text.replace(
    /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** An attribute value: XML-safe characters, markup and quotes escaped. */
function attr(text: string): string {
  return xmlSafe(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;')
    .replaceAll('\t', '&#9;');
}

/** Element text as CDATA; a "]]>" inside (a hostile frame) is split so it cannot end the section. */
function cdata(text: string): string {
  return `<![CDATA[${xmlSafe(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Seconds as the schema's SUREFIRE_TIME wants them: plain decimal, never exponent notation. */
function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function attrs(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${attr(String(v))}"`)
    .join('');
}

type Outcome = 'passed' | 'failure' | 'error' | 'skipped';

/** The one place where a verdict becomes JUnit vocabulary. */
function verdictElement(record: CaseRecord): { outcome: Outcome; xml: string } {
  const result = record.result;
  switch (result.verdict) {
    case 'pass':
    case 'pass-non-strict':
      return { outcome: 'passed', xml: '' };
    case 'fail':
      return {
        outcome: 'failure',
        xml: `<failure${attrs({ message: verdictSummary(result), type: 'fail' })}>${cdata(verdictDetailLines(result).join('\n'))}</failure>`,
      };
    case 'inconclusive':
      return {
        outcome: 'error',
        xml: `<error${attrs({ message: `inconclusive: ${result.reason}`, type: 'inconclusive' })}>${cdata(result.reason)}</error>`,
      };
    case 'error':
      return {
        outcome: 'error',
        xml: `<error${attrs({ message: `harness error: ${result.reason}`, type: 'error' })}>${cdata(result.stack ?? result.reason)}</error>`,
      };
    case 'not-applicable':
      return { outcome: 'skipped', xml: `<skipped${attrs({ message: `not applicable: ${result.reason}`, type: 'not-applicable' })}/>` };
    case 'skipped':
      return { outcome: 'skipped', xml: `<skipped${attrs({ message: `skipped: ${result.reason}`, type: 'skipped' })}/>` };
  }
}

/** The case's facts as "name: value" lines (what per-case <properties> would have held). */
function caseFacts(record: CaseRecord): string[] {
  const { meta, result } = record;
  const lines = [
    `verdict: ${result.verdict}`,
    `requirements: ${meta.requirements.join(', ')}`,
    `profiles: ${meta.profiles.join(', ')}`,
    `ocpp: ${meta.ocpp} (sut ${meta.sut})`,
  ];
  if (record.securityProfile !== undefined) lines.push(`security profile: ${record.securityProfile}`);
  if (record.severity) lines.push(`severity: ${record.severity}`);
  if (result.verdict === 'pass-non-strict') lines.push(`note: passed non-strictly: ${result.notes.join('; ')}`);
  if (result.verdict === 'pass-non-strict' && result.relaxed?.length) lines.push(`relaxed (lenient run): ${result.relaxed.join(', ')}`);
  for (const f of record.findings) lines.push(`finding: ${f.id} [${f.severity}] ${f.hint}`);
  return lines;
}

/** system-out: the case's facts, the verdict explanation, numbered steps, then the wire log. */
function caseOutput(record: CaseRecord): string {
  const sections: string[] = [...caseFacts(record), ...verdictDetailLines(record.result).map((l) => `  ${l}`)];
  const steps = formatSteps(record);
  if (steps.length > 0) sections.push('', 'steps:', ...steps.map((s) => `  ${s}`));
  // No spread: a flood of frames would overflow the call stack as arguments.
  const wire = record.log.length > 0 ? ['', 'wire log:'].concat(record.log.map(formatLogEntry)) : [];
  return sections.concat(wire).join('\n');
}

function suiteName(record: CaseRecord): string {
  return `OCPP ${record.meta.ocpp} ${record.meta.block} (${record.meta.sut})`;
}

interface SuiteXml {
  xml: string[];
  counts: Record<Outcome, number>;
  timeMs: number;
}

function suite(
  name: string,
  timestamp: string | undefined,
  properties: Record<string, string>,
  cases: { name: string; classname: string; timeMs: number; outcome: Outcome; body: string }[],
): SuiteXml {
  const counts: Record<Outcome, number> = { passed: 0, failure: 0, error: 0, skipped: 0 };
  let timeMs = 0;
  const inner: string[] = [];
  for (const c of cases) {
    counts[c.outcome]++;
    timeMs += c.timeMs;
    inner.push(`    <testcase${attrs({ name: c.name, classname: c.classname, time: seconds(c.timeMs) })}>${c.body}</testcase>`);
  }
  const head = `  <testsuite${attrs({
    name,
    tests: cases.length,
    failures: counts.failure,
    errors: counts.error,
    skipped: counts.skipped,
    time: seconds(timeMs),
    timestamp,
  })}>`;
  // Run-level facts (the strictness the run judged with) as suite properties: the schema allows them there.
  const props = Object.entries(properties).map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`);
  const propXml = props.length ? ['    <properties>', ...props, '    </properties>'] : [];
  return { xml: [head, ...propXml, ...inner, '  </testsuite>'], counts, timeMs };
}

/** ISO timestamp without zone, as JUnit writers give it; undefined when the record has none. */
function suiteTimestamp(iso: string): string | undefined {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 19);
}

/** The JUnit document for a run, as a string. */
export function renderJunit(run: RunRecord): string {
  const suites: SuiteXml[] = [];
  // Run identity (SUT declared and observed, harness, catalogue hash) on every suite: CI viewers show suites apart.
  const runProperties = { strictness: run.start?.strictness ?? 'certification', ...Object.fromEntries(identityFacts(run)) };
  for (const [name, records] of groupBy(run.cases, suiteName)) {
    suites.push(
      suite(
        name,
        suiteTimestamp(records[0].startTime),
        runProperties,
        records.map((record) => {
          const verdict = verdictElement(record);
          return {
            name: `${caseLabel(record, run)} ${record.meta.title}`,
            classname: `${record.meta.ocpp}.${record.meta.block}`,
            timeMs: record.durationMs,
            outcome: verdict.outcome,
            body: `${verdict.xml}<system-out>${cdata(caseOutput(record))}</system-out>`,
          };
        }),
      ),
    );
  }
  // A run cut short (Ctrl-C, kill) still accounts for every planned case: those that never
  // started are listed as skipped, so a CI summary cannot read a partial run as a complete one.
  const unstarted = unstartedCases(run);
  if (unstarted.length > 0) {
    const message = 'not started: the run ended before this case started';
    suites.push(
      suite(
        'not started',
        undefined,
        {},
        unstarted.map((id) => ({
          name: id,
          classname: 'not-started',
          timeMs: 0,
          outcome: 'skipped',
          body: `<skipped${attrs({ message })}/>`,
        })),
      ),
    );
  }
  const total = (k: Outcome) => suites.reduce((n, s) => n + s.counts[k], 0);
  const tests = suites.reduce((n, s) => n + s.counts.passed + s.counts.failure + s.counts.error + s.counts.skipped, 0);
  const head = `<testsuites${attrs({
    name: `ocpp-harness${run.start ? ` ${run.start.runId}` : ''}`,
    tests,
    failures: total('failure'),
    errors: total('error'),
    time: seconds(suites.reduce((n, s) => n + s.timeMs, 0)),
  })}>`;
  // Joined once at the end: a flood-sized document is still one string, built without recursion.
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', head];
  for (const s of suites) for (const l of s.xml) lines.push(l);
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

export function createJunitReporter(opts: ReporterOptions): Reporter {
  return {
    name: 'junit',
    files: [JUNIT_FILE],
    async finish(run: RunRecord): Promise<string[]> {
      const path = join(opts.outDir, JUNIT_FILE);
      await writeReportFile(path, renderJunit(run));
      return [path];
    },
  };
}
