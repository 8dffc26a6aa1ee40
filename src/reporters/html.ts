import { createHash } from 'node:crypto';
import { writeReportFile } from './files.js';
import { join } from 'node:path';
import { runFindings } from './findings.js';
import type { CaseRecord, RunRecord } from '../engine/events.js';
import { countVerdicts } from '../engine/events.js';
import { VERDICT_NAMES, type VerdictName } from '../core/verdict.js';
import { formatCounts, formatDuration, groupBy, orderedCounts, partialRunReasons, runDurationMs, strictnessText } from './format.js';
import type { Reporter, ReporterOptions } from './reporter.js';

import { SCRIPT as BASE_SCRIPT, STYLE } from './html-assets.js';
import { SEQUENCE_SCRIPT } from './html-sequence.js';
import { UNPACK_SCRIPT } from './html-packed.js';
import { badge, renderCase, renderFindings, verdictClass } from './html-case.js';
import { renderIdentity } from './html-identity.js';
import { renderCertification } from './html-certification.js';
import { renderTraceability } from './html-traceability.js';
import { renderRegulatory } from './html-regulatory.js';
import { html, SafeHtml, type HtmlValue } from './html-escape.js';

export { escapeHtml } from './html-escape.js';

export const HTML_FILE = 'index.html';

/** The page's one inline script (filters, sequence diagrams); the CSP allows it by hash. */
const SCRIPT = BASE_SCRIPT + SEQUENCE_SCRIPT + UNPACK_SCRIPT;

/**
 * The script element, built outside the html template: the formatter re-indents template text,
 * and a single changed byte inside <script> would no longer match the CSP hash (the browser then
 * refuses to run it).
 */
const SCRIPT_TAG = new SafeHtml(`<script>${SCRIPT}</script>`);

/* ------------------------------------------------------------------------------------------------
 * Vocabulary
 * ---------------------------------------------------------------------------------------------- */

const VERDICT_EXPLANATIONS: Record<VerdictName, string> = {
  pass: 'The system under test did everything the checked requirements demand.',
  'pass-non-strict':
    'Every mandatory requirement was met, but the SUT departed from a recommended (SHOULD) behaviour or used a tolerated variant; the notes say where. Still conformant.',
  fail: 'The SUT broke a mandatory requirement. The case names the requirement, what was acceptable and what was actually observed.',
  inconclusive:
    'The case could not reach a decision, for example because the SUT never connected or an operator step was not carried out. Neither a pass nor a fail; rerun it.',
  'not-applicable':
    'The case does not apply to this SUT: it tests an optional feature the SUT does not declare, or a deviation the SUT declared.',
  skipped: 'The case was deliberately not run (deselected, or a prerequisite was missing).',
  error:
    'The harness itself went wrong or the run stopped before the case finished. Says nothing about the SUT; the run earns no overall verdict.',
};

const SUT_LABELS: Record<string, string> = {
  cs: 'SUT: charging station (cs)',
  csms: 'SUT: CSMS (csms)',
};

/* ------------------------------------------------------------------------------------------------
 * Sections
 * ---------------------------------------------------------------------------------------------- */

function renderHeader(run: RunRecord): SafeHtml {
  const start = run.start;
  const duration = runDurationMs(run);
  const reasons = partialRunReasons(run);
  const counts = countVerdicts(run.cases);
  const facts: [string, HtmlValue][] = [
    ['Run id', start?.runId ?? 'unknown (no run-start event)'],
    ['Started', start ? start.time.replace('T', ' ') : 'unknown'],
    ['Duration', duration === undefined ? 'unknown' : formatDuration(duration)],
    ['Target', start?.target.description ?? 'unknown'],
    ['Mode', start ? (start.target.mode === 'reference' ? 'reference peer (self-test)' : 'real SUT') : 'unknown'],
    ['Strictness', strictnessText(start)],
    ['SUT role', start ? start.target.sut.join(', ') : 'unknown'],
    ['OCPP', start ? start.target.ocpp.join(', ') : 'unknown'],
    ['Harness', start ? `ocpp-harness ${start.harnessVersion}` : 'unknown'],
  ];
  const banner =
    reasons.length > 0
      ? html`<div class="banner partial" role="status">
          <strong>Partial run — no conformance verdict</strong>
          <ul>
            ${reasons.map((r) => html`<li>${r}</li>`)}
          </ul>
          <p class="banner-counts">${run.cases.length} case${run.cases.length === 1 ? '' : 's'} recorded: ${formatCounts(counts)}</p>
        </div>`
      : html`<div class="banner complete" role="status">
          <strong>All ${run.cases.length} planned case${run.cases.length === 1 ? '' : 's'} ran</strong>
          <p class="chips">${orderedCounts(counts).map(([v, n]) => html`<span class="chip ${verdictClass(v)}"><b>${n}</b> ${v}</span>`)}</p>
        </div>`;
  return html`<header>
    <h1>OCPP conformance report</h1>
    <dl class="run-facts">
      ${facts.map(
        ([k, v]) =>
          html`<div>
            <dt>${k}</dt>
            <dd>${v}</dd>
          </div>`,
      )}
    </dl>
    ${banner}
    <nav>
      <a href="#certification">Certification</a> <a href="#identity">Identity</a> <a href="#legend">Verdicts</a>
      <a href="#summary">Summary</a> <a href="#traceability">Traceability</a> <a href="#cases">Cases</a>
    </nav>
  </header>`;
}

function renderLegend(): SafeHtml {
  return html`<section id="legend">
    <h2>Verdict vocabulary</h2>
    <table class="legend">
      ${VERDICT_NAMES.map(
        (v) =>
          html`<tr>
            <th>${badge(v)}</th>
            <td>${VERDICT_EXPLANATIONS[v]}</td>
          </tr>`,
      )}
    </table>
  </section>`;
}

function renderCountTable(caption: string, groups: Map<string, CaseRecord[]>): SafeHtml {
  const totals = countVerdicts([...groups.values()].flat());
  const row = (label: string, counts: Record<string, number>, total: number) =>
    html`<tr>
      <th scope="row">${label}</th>
      <td class="num">${total}</td>
      ${VERDICT_NAMES.map((v) => {
        const n = counts[v] ?? 0;
        return n > 0 ? html`<td class="num has ${verdictClass(v)}">${n}</td>` : html`<td class="num zero">0</td>`;
      })}
    </tr>`;
  const totalCount = [...groups.values()].reduce((sum, g) => sum + g.length, 0);
  return html`<table class="counts">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col"></th>
        <th scope="col">total</th>
        ${VERDICT_NAMES.map((v) => html`<th scope="col">${v}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${[...groups].map(([label, records]) => row(label, countVerdicts(records), records.length))}
    </tbody>
    <tfoot>
      ${row('all', totals, totalCount)}
    </tfoot>
  </table>`;
}

function renderSummary(run: RunRecord): SafeHtml {
  if (run.cases.length === 0)
    return html`<section id="summary">
      <h2>Summary</h2>
      <p>No case was recorded.</p>
    </section>`;
  return html`<section id="summary">
    <h2>Summary</h2>
    ${renderCountTable(
      'Per OCPP version',
      groupBy(run.cases, (c) => `OCPP ${c.meta.ocpp}`),
    )}
    ${renderCountTable(
      'Per role',
      groupBy(run.cases, (c) => SUT_LABELS[c.meta.sut] ?? c.meta.sut),
    )}
    ${renderCountTable(
      'Per functional block',
      groupBy(run.cases, (c) => `OCPP ${c.meta.ocpp} ${c.meta.block} (${c.meta.sut})`),
    )}
  </section>`;
}

function renderRunFindings(run: RunRecord): SafeHtml | string {
  const findings = runFindings(run);
  if (findings.length === 0) return '';
  return html`<section id="findings">
    <h2>Security findings (${findings.length})</h2>
    ${renderFindings(findings)}
  </section>`;
}

function renderCases(run: RunRecord): SafeHtml {
  return html`<section id="cases">
    <h2>Cases</h2>
    <div class="toolbar" role="toolbar" aria-label="Filter cases">
      <button type="button" data-filter="all" aria-pressed="true">All</button>
      <button type="button" data-filter="fail" aria-pressed="false">Failures only</button>
      <button type="button" data-filter="fail inconclusive error" aria-pressed="false">Failures, inconclusive, errors</button>
      <span class="sep"></span>
      <button type="button" data-expand="open">Expand all</button>
      <button type="button" data-expand="close">Collapse all</button>
      <span class="muted">showing <span id="shown-count">${run.cases.length}</span> of ${run.cases.length}</span>
    </div>
    ${run.cases.map((r, i) => renderCase(r, i, run))}
  </section>`;
}

/* ------------------------------------------------------------------------------------------------
 * Page
 * ---------------------------------------------------------------------------------------------- */

function contentSecurityPolicy(): string {
  const scriptHash = createHash('sha256').update(SCRIPT, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/** The complete report page; self-contained and deterministic for a given run. */
export function renderHtml(run: RunRecord): string {
  const title = `OCPP harness report ${run.start?.runId ?? ''}`.trim();
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <main>
          ${renderHeader(run)} ${renderCertification(run)} ${renderIdentity(run)} ${renderLegend()} ${renderSummary(run)}
          ${renderTraceability(run)} ${renderRunFindings(run)} ${renderRegulatory(run)} ${renderCases(run)}
        </main>
        ${SCRIPT_TAG}
      </body>
    </html> `;
  return page.markup;
}

export function createHtmlReporter(opts: ReporterOptions): Reporter {
  return {
    name: 'html',
    files: [HTML_FILE],
    async finish(run: RunRecord): Promise<string[]> {
      const path = join(opts.outDir, HTML_FILE);
      await writeReportFile(path, renderHtml(run));
      return [path];
    },
  };
}
