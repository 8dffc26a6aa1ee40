import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Builder, TestCase } from 'junit-report-builder';
import type { CaseRecord, RunRecord } from '../engine/events.js';
import { caseLabel, formatLogEntry, formatSteps, groupBy, unstartedCases, verdictDetailLines, verdictSummary } from './format.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { writeReportFile } from './files.js';

// junit-report-builder is CommonJS and its typings declare an ES default export that Node's ESM
// loader does not provide, so load it through require. Its export is a shared builder instance;
// every report starts from newBuilder() so runs never accumulate into one document.
const requireCjs = createRequire(import.meta.url);
const sharedBuilder = requireCjs('junit-report-builder') as Builder;

export const JUNIT_FILE = 'junit.xml';

/** XML 1.0 cannot carry most control characters or lone surrogates; peers may send them anyway. */
export function xmlSafe(text: string): string {
  return text.replace(
    /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * For CDATA sections. The builder only splits the first "]]>" of a text, so a hostile frame with
 * two of them could close the section and inject markup; neutralise them all ourselves.
 */
function cdataSafe(text: string): string {
  return xmlSafe(text).replaceAll(']]>', ']]&gt;');
}

/**
 * junit-report-builder 5 writes `<skipped/>` without attributes; CI servers show the `message`
 * attribute as the skip reason, so add it to the built element.
 */
function skipWithMessage(testCase: TestCase, message: string): void {
  testCase.skipped();
  const build = testCase.build.bind(testCase);
  testCase.build = (parent) => {
    const element = build(parent);
    for (const child of element.children) {
      if ('name' in child && child.name === 'skipped' && 'att' in child) {
        (child as typeof element).att('message', xmlSafe(message));
      }
    }
    return element;
  };
}

/** The one place where a verdict becomes JUnit vocabulary. */
function applyVerdict(testCase: TestCase, record: CaseRecord): void {
  const result = record.result;
  switch (result.verdict) {
    case 'pass':
      return;
    case 'pass-non-strict':
      testCase.property('note', xmlSafe(`passed non-strictly: ${result.notes.join('; ')}`));
      return;
    case 'fail':
      testCase.failure(xmlSafe(verdictSummary(result)), 'fail');
      testCase.stacktrace(cdataSafe(verdictDetailLines(result).join('\n')));
      return;
    case 'inconclusive':
      testCase.error(xmlSafe(`inconclusive: ${result.reason}`), 'inconclusive', cdataSafe(result.reason));
      return;
    case 'error':
      testCase.error(xmlSafe(`harness error: ${result.reason}`), 'error', cdataSafe(result.stack ?? result.reason));
      return;
    case 'not-applicable':
      skipWithMessage(testCase, `not applicable: ${result.reason}`);
      return;
    case 'skipped':
      skipWithMessage(testCase, `skipped: ${result.reason}`);
      return;
  }
}

/** system-out: verdict explanation, numbered steps, then the wire log. */
function caseOutput(record: CaseRecord): string {
  const sections: string[] = [`verdict: ${record.result.verdict}`, ...verdictDetailLines(record.result).map((l) => `  ${l}`)];
  const steps = formatSteps(record);
  if (steps.length > 0) sections.push('', 'steps:', ...steps.map((s) => `  ${s}`));
  // No spread: a flood of frames would overflow the call stack as arguments.
  const wire = record.log.length > 0 ? ['', 'wire log:'].concat(record.log.map(formatLogEntry)) : [];
  return sections.concat(wire).join('\n');
}

function suiteName(record: CaseRecord): string {
  return `OCPP ${record.meta.ocpp} ${record.meta.block} (${record.meta.sut})`;
}

/**
 * A run cut short (Ctrl-C, kill) still accounts for every planned case: those that never started
 * are listed as skipped, so a CI summary cannot read a partial run as a complete one.
 */
function addUnstarted(builder: Builder, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const suite = builder.testSuite().name('not started');
  for (const id of ids) {
    skipWithMessage(suite.testCase().className('not-started').name(xmlSafe(id)), 'not started: the run ended before this case started');
  }
}

/** The JUnit document for a run, as a string. */
export function renderJunit(run: RunRecord): string {
  const builder = sharedBuilder.newBuilder();
  builder.name(xmlSafe(`ocpp-harness${run.start ? ` ${run.start.runId}` : ''}`));
  for (const [name, records] of groupBy(run.cases, suiteName)) {
    const suite = builder.testSuite().name(xmlSafe(name));
    const started = new Date(records[0].startTime);
    if (!Number.isNaN(started.getTime())) suite.timestamp(started);
    suite.time(records.reduce((sum, r) => sum + r.durationMs, 0) / 1000);
    for (const record of records) {
      const { meta } = record;
      const testCase = suite
        .testCase()
        .className(xmlSafe(`${meta.ocpp}.${meta.block}`))
        .name(xmlSafe(`${caseLabel(record, run)} ${meta.title}`))
        .time(record.durationMs / 1000)
        .property('requirements', xmlSafe(meta.requirements.join(',')))
        .property('profiles', xmlSafe(meta.profiles.join(',')))
        .property('sut', meta.sut)
        .property('ocpp', meta.ocpp)
        .property('verdict', record.result.verdict)
        .property('strictness', run.start?.strictness ?? 'certification');
      if (record.result.verdict === 'pass-non-strict' && record.result.relaxed?.length)
        testCase.property('relaxed', xmlSafe(record.result.relaxed.join(',')));
      if (record.securityProfile !== undefined) testCase.property('securityProfile', String(record.securityProfile));
      if (record.severity) testCase.property('severity', record.severity);
      for (const f of record.findings) testCase.property('finding', xmlSafe(`${f.id} [${f.severity}] ${f.hint}`));
      applyVerdict(testCase, record);
      testCase.standardOutput(cdataSafe(caseOutput(record)));
    }
  }
  addUnstarted(builder, unstartedCases(run));
  return builder.build();
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
