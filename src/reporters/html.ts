import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../core/findings.js';
import { runFindings } from './findings.js';
import type { CaseRecord, NoteEvent, RunRecord, StepEvent, WireEvent } from '../engine/events.js';
import { countVerdicts } from '../engine/events.js';
import { VERDICT_NAMES, type Verdict, type VerdictName } from '../core/verdict.js';
import { requirementText } from '../core/requirements/index.js';
import { caseLabel, formatCounts, formatDuration, formatOffset, groupBy, orderedCounts, partialRunReasons, runDurationMs } from './format.js';
import type { Reporter, ReporterOptions } from './reporter.js';

export const HTML_FILE = 'index.html';

/* ------------------------------------------------------------------------------------------------
 * Escaping. Frames come from hostile peers, so every interpolated value is escaped by the `html`
 * template tag unless it is already markup built by the tag itself (SafeHtml).
 * ---------------------------------------------------------------------------------------------- */

class SafeHtml {
  constructor(readonly markup: string) {}
}

type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for element content and quoted attributes. "://" is also encoded (renders the
 * same) so the file never contains a literal URL scheme, even one quoted from a frame: a grep for
 * external references stays meaningful.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]).replaceAll('://', '&#58;//');
}

function renderValue(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += renderValue(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

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

const STEP_STATUS_CLASS: Record<StepEvent['status'], string> = {
  pass: 'v-pass',
  fail: 'v-fail',
  inconclusive: 'v-inconclusive',
  error: 'v-error',
};

function verdictClass(verdict: string): string {
  return (VERDICT_NAMES as readonly string[]).includes(verdict) ? `v-${verdict}` : 'v-unknown';
}

function badge(verdict: string): SafeHtml {
  return html`<span class="badge ${verdictClass(verdict)}">${verdict}</span>`;
}

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
    ['SUT role', start ? start.target.sut.join(', ') : 'unknown'],
    ['OCPP', start ? start.target.ocpp.join(', ') : 'unknown'],
    ['Harness', start ? `ocpp-harness ${start.harnessVersion}` : 'unknown'],
  ];
  const banner =
    reasons.length > 0
      ? html`<div class="banner partial" role="status">
  <strong>Partial run — no conformance verdict</strong>
  <ul>${reasons.map((r) => html`<li>${r}</li>`)}</ul>
  <p class="banner-counts">${run.cases.length} case${run.cases.length === 1 ? '' : 's'} recorded: ${formatCounts(counts)}</p>
</div>`
      : html`<div class="banner complete" role="status">
  <strong>All ${run.cases.length} planned case${run.cases.length === 1 ? '' : 's'} ran</strong>
  <p class="chips">${orderedCounts(counts).map(([v, n]) => html`<span class="chip ${verdictClass(v)}"><b>${n}</b> ${v}</span>`)}</p>
</div>`;
  return html`<header>
<h1>OCPP conformance report</h1>
<dl class="run-facts">${facts.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>
${banner}
<nav><a href="#legend">Verdicts</a> <a href="#summary">Summary</a> <a href="#cases">Cases</a></nav>
</header>`;
}

function renderLegend(): SafeHtml {
  return html`<section id="legend">
<h2>Verdict vocabulary</h2>
<table class="legend">
${VERDICT_NAMES.map((v) => html`<tr><th>${badge(v)}</th><td>${VERDICT_EXPLANATIONS[v]}</td></tr>`)}
</table>
</section>`;
}

function renderCountTable(caption: string, groups: Map<string, CaseRecord[]>): SafeHtml {
  const totals = countVerdicts([...groups.values()].flat());
  const row = (label: string, counts: Record<string, number>, total: number) => html`<tr>
<th scope="row">${label}</th><td class="num">${total}</td>${VERDICT_NAMES.map((v) => {
    const n = counts[v] ?? 0;
    return n > 0 ? html`<td class="num has ${verdictClass(v)}">${n}</td>` : html`<td class="num zero">0</td>`;
  })}</tr>`;
  const totalCount = [...groups.values()].reduce((sum, g) => sum + g.length, 0);
  return html`<table class="counts">
<caption>${caption}</caption>
<thead><tr><th scope="col"></th><th scope="col">total</th>${VERDICT_NAMES.map((v) => html`<th scope="col">${v}</th>`)}</tr></thead>
<tbody>${[...groups].map(([label, records]) => row(label, countVerdicts(records), records.length))}</tbody>
<tfoot>${row('all', totals, totalCount)}</tfoot>
</table>`;
}

function renderSummary(run: RunRecord): SafeHtml {
  if (run.cases.length === 0) return html`<section id="summary"><h2>Summary</h2><p>No case was recorded.</p></section>`;
  return html`<section id="summary">
<h2>Summary</h2>
${renderCountTable('Per OCPP version', groupBy(run.cases, (c) => `OCPP ${c.meta.ocpp}`))}
${renderCountTable('Per role', groupBy(run.cases, (c) => SUT_LABELS[c.meta.sut] ?? c.meta.sut))}
${renderCountTable('Per functional block', groupBy(run.cases, (c) => `OCPP ${c.meta.ocpp} ${c.meta.block} (${c.meta.sut})`))}
</section>`;
}

function renderVerdictDetail(result: Verdict): SafeHtml {
  switch (result.verdict) {
    case 'pass':
      return html`<p>All checks passed.</p>`;
    case 'pass-non-strict':
      return html`<ul class="notes">${result.notes.map((n) => html`<li>${n}</li>`)}</ul>`;
    case 'fail': {
      const says = requirementText(result.requirement);
      return html`<dl class="fail-facts">
<dt>Requirement</dt><dd><code>${result.requirement}</code>${says ? ` ${says}` : ''}</dd>
<dt>Message</dt><dd>${result.message}</dd>
<dt>Expected</dt><dd>${
        result.expected.length === 1
          ? html`<pre>${result.expected[0]}</pre>`
          : html`<ul>${result.expected.map((e) => html`<li><pre>${e}</pre></li>`)}</ul>`
      }</dd>
<dt>Actual</dt><dd><pre>${result.actual}</pre></dd>
</dl>`;
    }
    case 'error':
      return html`<p>${result.reason}</p>${result.stack ? html`<details class="stack"><summary>stack</summary><pre>${result.stack}</pre></details>` : ''}`;
    default:
      return html`<p>${result.reason}</p>`;
  }
}

function renderSteps(steps: StepEvent[]): SafeHtml {
  if (steps.length === 0) return html`<p class="muted">No steps recorded.</p>`;
  return html`<ol class="steps">${steps.map(
    (s) => html`<li><span class="step-no">${s.index}.</span> <span class="badge ${STEP_STATUS_CLASS[s.status] ?? 'v-unknown'}">${s.status}</span> ${s.title}${
      s.detail ? html`<div class="step-detail">${s.detail}</div>` : ''
    }</li>`,
  )}</ol>`;
}

function renderWireRow(entry: WireEvent | NoteEvent, n: number): SafeHtml {
  if (entry.type === 'note') {
    return html`<tr class="note"><td class="num">${n}</td><td class="t">${formatOffset(entry.t)}</td><td></td><td class="dir">note</td><td colspan="3"><span class="note-kind">${entry.kind}</span> ${entry.text}</td></tr>`;
  }
  const dir =
    entry.dir === 'out'
      ? html`<span class="dir-out" title="sent by the harness">out →</span>`
      : html`<span class="dir-in" title="received from the SUT">← in</span>`;
  const violations = entry.violations ?? [];
  return html`<tr class="${entry.dir === 'out' ? 'out' : 'in'}${violations.length > 0 ? ' violated' : ''}"><td class="num">${n}</td><td class="t">${formatOffset(entry.t)}</td><td class="conn">${entry.conn}</td><td class="dir">${dir}</td><td class="summary">${entry.summary}</td><td class="frame"><pre>${entry.text}</pre></td><td class="violations">${
    violations.length > 0 ? html`<ul>${violations.map((v) => html`<li>${v}</li>`)}</ul>` : ''
  }</td></tr>`;
}

function renderWireLog(log: (WireEvent | NoteEvent)[]): SafeHtml {
  if (log.length === 0) return html`<p class="muted">No frames or notes recorded.</p>`;
  return html`<div class="wire-wrap"><table class="wire">
<thead><tr><th>#</th><th>time</th><th>connection</th><th>dir</th><th>summary</th><th>frame</th><th>schema violations</th></tr></thead>
<tbody>${log.map((e, i) => renderWireRow(e, i + 1))}</tbody>
</table></div>`;
}

function renderCase(record: CaseRecord, index: number, run: RunRecord): SafeHtml {
  const { meta, result } = record;
  // Cases that need a reader's attention start expanded.
  const open = result.verdict === 'fail' || result.verdict === 'error' || result.verdict === 'inconclusive';
  const facts: [string, HtmlValue][] = [
    ['Purpose', meta.purpose],
    ['Requirements', meta.requirements.length > 0 ? html`${meta.requirements.map((r, i) => html`${i > 0 ? ', ' : ''}<code>${r}</code>`)}` : '—'],
    ['Profiles', meta.profiles.length > 0 ? meta.profiles.join(', ') : '—'],
    ['OCPP / block / role', `${meta.ocpp} / ${meta.block} / ${meta.sut}`],
    ['Suite', meta.suite],
    ...(record.securityProfile !== undefined ? ([['Security profile', String(record.securityProfile)]] as [string, string][]) : []),
    ['Started', record.startTime.replace('T', ' ')],
    ['Duration', formatDuration(record.durationMs)],
  ];
  if (record.severity) facts.push(['Severity', html`<span class="sev sev-${record.severity}">${record.severity}</span>`]);
  return html`<details class="case ${verdictClass(result.verdict)}" id="case-${index + 1}" data-verdict="${result.verdict}"${open ? html` open` : ''}>
<summary>${badge(result.verdict)} <span class="case-id">${caseLabel(record, run)}</span> <span class="case-title">${meta.title}</span> <span class="case-where">${meta.ocpp} · ${meta.block} · ${meta.sut}</span>${
    record.severity ? html` <span class="sev sev-${record.severity}">${record.severity}</span>` : ''
  } <span class="dur">${formatDuration(record.durationMs)}</span></summary>
<div class="case-body">
<dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<div class="verdict-box ${verdictClass(result.verdict)}"><h4>Verdict: ${result.verdict}</h4>${renderVerdictDetail(result)}</div>
${record.findings.length ? renderFindings(record.findings) : ''}
<h4>Steps</h4>
${renderSteps(record.steps)}
<h4>Wire log <span class="muted">(${record.log.length} entr${record.log.length === 1 ? 'y' : 'ies'})</span></h4>
${renderWireLog(record.log)}
</div>
</details>`;
}

function renderFindings(findings: readonly Finding[]): SafeHtml {
  return html`<h4>Findings</h4>
<table class="findings"><thead><tr><th>Severity</th><th>Finding</th><th>Requirement / class</th><th>Hint</th><th>Triggering frames</th></tr></thead><tbody>
${findings.map(
  (f) => html`<tr><td><span class="sev sev-${f.severity}">${f.severity}</span></td><td><code>${f.id}</code><br>${f.title}</td><td>${[f.requirement, f.cwe, f.cve].filter(Boolean).join(' · ') || '—'}</td><td>${f.hint}</td><td>${f.frames.map((fr) => html`<pre class="frame">${fr.length > 2000 ? `${fr.slice(0, 2000)}…` : fr}</pre>`)}</td></tr>`,
)}
</tbody></table>`;
}

function renderRunFindings(run: RunRecord): SafeHtml | string {
  const findings = runFindings(run);
  if (findings.length === 0) return '';
  return html`<section id="findings"><h2>Security findings (${findings.length})</h2>${renderFindings(findings)}</section>`;
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

const STYLE = `
.sev{display:inline-block;padding:0 .45em;border-radius:.6em;font-size:.8em;font-weight:600;color:#fff;background:var(--muted)}
.sev-critical{background:#8b0000}.sev-high{background:var(--fail)}.sev-medium{background:var(--inconclusive)}.sev-low{background:var(--pass-non-strict)}.sev-info{background:var(--not-applicable)}
table.findings{border-collapse:collapse;width:100%;margin:.5em 0 1em}table.findings th,table.findings td{border:1px solid var(--line);padding:.3em .5em;vertical-align:top;text-align:left;font-size:.9em}
pre.frame{margin:0 0 .3em;white-space:pre-wrap;word-break:break-all;max-height:10em;overflow:auto;background:var(--code);padding:.2em .4em}
:root{--bg:#fff;--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--panel:#f6f8fa;--code:#eff1f3;
--pass:#1a7f37;--pass-non-strict:#0a7d8c;--fail:#cf222e;--inconclusive:#9a6700;--not-applicable:#6e7781;--skipped:#8c959f;--error:#8250df;--unknown:#57606a}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;--panel:#161b22;--code:#1f242c;
--pass:#3fb950;--pass-non-strict:#39c5cf;--fail:#f85149;--inconclusive:#d29922;--not-applicable:#8b949e;--skipped:#6e7681;--error:#a371f7}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1280px;margin:0 auto;padding:24px}
h1{font-size:1.6em;margin:0 0 12px}h2{font-size:1.25em;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:32px}h4{margin:16px 0 6px}
code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
code{background:var(--code);padding:1px 4px;border-radius:4px}
pre{margin:0;white-space:pre-wrap;word-break:break-all}
a{color:inherit}
.muted{color:var(--muted)}
.run-facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:6px 24px;margin:0 0 16px}
.run-facts div{display:flex;gap:8px}.run-facts dt{color:var(--muted);min-width:80px}.run-facts dd{margin:0;word-break:break-word}
.banner{border:1px solid var(--line);border-left-width:6px;border-radius:6px;padding:10px 16px;background:var(--panel);margin:12px 0}
.banner.partial{border-left-color:var(--inconclusive)}.banner.complete{border-left-color:var(--pass)}
.banner ul{margin:6px 0}.banner p{margin:6px 0 0}
.chips{display:flex;flex-wrap:wrap;gap:8px}
.chip{border:1px solid currentColor;border-radius:12px;padding:1px 10px}
nav{display:flex;gap:16px;margin-top:8px}
.badge{display:inline-block;min-width:7.5em;text-align:center;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff;background:var(--unknown)}
.v-pass{--c:var(--pass)}.v-pass-non-strict{--c:var(--pass-non-strict)}.v-fail{--c:var(--fail)}.v-inconclusive{--c:var(--inconclusive)}
.v-not-applicable{--c:var(--not-applicable)}.v-skipped{--c:var(--skipped)}.v-error{--c:var(--error)}.v-unknown{--c:var(--unknown)}
.badge[class*=v-]{background:var(--c)}.chip[class*=v-]{color:var(--c)}
table{border-collapse:collapse}
.legend td,.legend th{padding:4px 10px;vertical-align:top;text-align:left;border-bottom:1px solid var(--line)}
.counts{margin:12px 0 20px;min-width:60%}
.counts caption{text-align:left;font-weight:600;padding:4px 0}
.counts th,.counts td{border:1px solid var(--line);padding:3px 8px}
.counts thead th{background:var(--panel);font-weight:600;font-size:12px}
.counts tbody th,.counts tfoot th{text-align:left;font-weight:500}
.counts tfoot{font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
.zero{color:var(--muted);opacity:.5}
.has{color:var(--c);font-weight:700}
.toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:8px 0 16px;position:sticky;top:0;background:var(--bg);padding:8px 0;z-index:1}
.toolbar .sep{width:12px}
button{font:inherit;font-size:13px;color:var(--fg);background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:3px 12px;cursor:pointer}
button[aria-pressed=true]{border-color:var(--fg);font-weight:600}
details.case{border:1px solid var(--line);border-left:5px solid var(--c);border-radius:6px;margin:8px 0;background:var(--bg)}
details.case[hidden]{display:none}
details.case>summary{cursor:pointer;padding:8px 12px;display:flex;flex-wrap:wrap;align-items:center;gap:8px;list-style:none}
details.case>summary::-webkit-details-marker{display:none}
details.case>summary::before{content:"\\25B8";color:var(--muted);width:1em}
details.case[open]>summary::before{content:"\\25BE"}
details.case[open]>summary{border-bottom:1px solid var(--line);background:var(--panel)}
.case-id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:600}
.case-title{flex:1 1 auto}
.case-where,.dur{color:var(--muted);font-size:12px}
.case-body{padding:8px 16px 16px}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0}
.facts dt{color:var(--muted)}.facts dd{margin:0}
.verdict-box{border:1px solid var(--line);border-left:4px solid var(--c);border-radius:4px;padding:6px 12px;margin:12px 0;background:var(--panel)}
.verdict-box h4{margin:4px 0;color:var(--c)}
.fail-facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:4px 0}
.fail-facts dt{font-weight:600}.fail-facts dd{margin:0}.fail-facts ul{margin:0;padding-left:18px}
.steps{list-style:none;padding-left:0;margin:0}
.steps li{padding:3px 0;border-bottom:1px dashed var(--line)}
.step-no{display:inline-block;min-width:2em;text-align:right;color:var(--muted)}
.steps .badge{min-width:6.5em}
.step-detail{margin-left:9.5em;color:var(--muted);white-space:pre-wrap}
.sev{font-size:12px;font-weight:700;text-transform:uppercase;border-radius:4px;padding:0 6px;border:1px solid currentColor}
.sev-critical,.sev-high{color:var(--fail)}.sev-medium{color:var(--inconclusive)}.sev-low,.sev-info{color:var(--muted)}
.wire-wrap{overflow-x:auto}
.wire{width:100%;font-size:12px}
.wire th{background:var(--panel);text-align:left;position:sticky;top:0}
.wire th,.wire td{border:1px solid var(--line);padding:3px 6px;vertical-align:top}
.wire .t,.wire .conn,.wire .dir{white-space:nowrap;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.wire .frame{min-width:320px;max-width:640px}
.wire .summary{min-width:160px}
.wire tr.out .dir-out{color:var(--pass-non-strict)}.wire tr.in .dir-in{color:var(--error)}
.wire tr.note td{background:var(--panel);font-style:italic}
.wire tr.violated td{background:color-mix(in srgb,var(--fail) 8%,transparent)}
.wire .violations{color:var(--fail)}.wire .violations ul{margin:0;padding-left:16px}
.note-kind{font-style:normal;font-weight:600;margin-right:6px}
.stack pre{max-height:300px;overflow:auto}
`;

const SCRIPT = `
(function () {
  var cases = Array.prototype.slice.call(document.querySelectorAll('details.case'));
  var shown = document.getElementById('shown-count');
  var filters = document.querySelectorAll('[data-filter]');
  function applyFilter(filter) {
    var allowed = filter === 'all' ? null : filter.split(' ');
    var visible = 0;
    cases.forEach(function (c) {
      var hide = allowed !== null && allowed.indexOf(c.getAttribute('data-verdict')) < 0;
      c.hidden = hide;
      if (!hide) visible++;
    });
    if (shown) shown.textContent = String(visible);
  }
  Array.prototype.forEach.call(filters, function (button) {
    button.addEventListener('click', function () {
      Array.prototype.forEach.call(filters, function (other) {
        other.setAttribute('aria-pressed', String(other === button));
      });
      applyFilter(button.getAttribute('data-filter'));
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-expand]'), function (button) {
    button.addEventListener('click', function () {
      var open = button.getAttribute('data-expand') === 'open';
      cases.forEach(function (c) { if (!c.hidden) c.open = open; });
    });
  });
  function openLinkedCase() {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target && target.tagName === 'DETAILS') target.open = true;
  }
  window.addEventListener('hashchange', openLinkedCase);
  openLinkedCase();
})();
`;

/**
 * The policy forbids every network load and allows only our own inline script (by hash), so even
 * a rendering bug that let peer text through as markup could neither fetch nor execute anything.
 */
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
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<main>
${renderHeader(run)}
${renderLegend()}
${renderSummary(run)}
${renderRunFindings(run)}
${renderCases(run)}
</main>
<script>${new SafeHtml(SCRIPT)}</script>
</body>
</html>
`;
  return page.markup;
}

export function createHtmlReporter(opts: ReporterOptions): Reporter {
  return {
    name: 'html',
    async finish(run: RunRecord): Promise<string[]> {
      const path = join(opts.outDir, HTML_FILE);
      await mkdir(opts.outDir, { recursive: true });
      await writeFile(path, renderHtml(run), 'utf8');
      return [path];
    },
  };
}
