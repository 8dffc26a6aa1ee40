/** Per-case sections of index.html: verdict detail, steps, wire log (and its diagram), findings. */
import type { Finding } from '../core/findings.js';
import type { CaseRecord, NoteEvent, RunRecord, StepEvent, WireEvent } from '../engine/events.js';
import { VERDICT_NAMES, type Verdict } from '../core/verdict.js';
import { requirementText } from '../core/requirements/index.js';
import { caseLabel, formatDuration, formatOffset } from './format.js';
import { html, type HtmlValue, type SafeHtml } from './html-escape.js';
import { tbodyOf } from './html-packed.js';

const STEP_STATUS_CLASS: Record<StepEvent['status'], string> = {
  pass: 'v-pass',
  fail: 'v-fail',
  inconclusive: 'v-inconclusive',
  error: 'v-error',
};

export function verdictClass(verdict: string): string {
  return (VERDICT_NAMES as readonly string[]).includes(verdict) ? `v-${verdict}` : 'v-unknown';
}

export function badge(verdict: string): SafeHtml {
  return html`<span class="badge ${verdictClass(verdict)}">${verdict}</span>`;
}

function renderVerdictDetail(result: Verdict): SafeHtml {
  switch (result.verdict) {
    case 'pass':
      return html`<p>All checks passed.</p>`;
    case 'pass-non-strict':
      return html`<ul class="notes">
        ${result.notes.map((n) => html`<li>${n}</li>`)}
      </ul>`;
    case 'fail': {
      const says = requirementText(result.requirement);
      return html`<dl class="fail-facts">
        <dt>Requirement</dt>
        <dd><code>${result.requirement}</code>${says ? ` ${says}` : ''}</dd>
        <dt>Message</dt>
        <dd>${result.message}</dd>
        <dt>Expected</dt>
        <dd>
          ${
            result.expected.length === 1
              ? html`<pre>${result.expected[0]}</pre>`
              : html`<ul>
                  ${result.expected.map((e) => html`<li><pre>${e}</pre></li>`)}
                </ul>`
          }
        </dd>
        <dt>Actual</dt>
        <dd><pre>${result.actual}</pre></dd>
      </dl>`;
    }
    case 'error':
      return html`<p>${result.reason}</p>
        ${
          result.stack
            ? html`<details class="stack">
                <summary>stack</summary>
                <pre>${result.stack}</pre>
              </details>`
            : ''
        }`;
    default:
      return html`<p>${result.reason}</p>`;
  }
}

function renderSteps(steps: StepEvent[]): SafeHtml {
  if (steps.length === 0) return html`<p class="muted">No steps recorded.</p>`;
  return html`<ol class="steps">
    ${steps.map(
      (s) =>
        html`<li>
          <span class="step-no">${s.index}.</span>
          <span class="badge ${STEP_STATUS_CLASS[s.status] ?? 'v-unknown'}">${s.status}</span> ${s.title}${
            s.detail ? html`<div class="step-detail">${s.detail}</div>` : ''
          }
        </li>`,
    )}
  </ol>`;
}

/** A connection note that reports a close or a dropped connection: marked in the sequence diagram. */
const CLOSE_NOTE = /\b(clos(e|es|ed|ing)|drops?|disconnect(ed)?|terminated)\b/i;

function renderWireRow(entry: WireEvent | NoteEvent, n: number): SafeHtml {
  if (entry.type === 'note') {
    const close = entry.kind === 'connection' && CLOSE_NOTE.test(entry.text);
    return html`<tr class="note" data-seq="${close ? 'close' : 'note'}" data-ms="${String(Math.round(entry.t))}">
      <td class="num">${n}</td>
      <td class="t">${formatOffset(entry.t)}</td>
      <td></td>
      <td class="dir">note</td>
      <td colspan="3"><span class="note-kind">${entry.kind}</span> ${entry.text}</td>
    </tr>`;
  }
  const dir =
    entry.dir === 'out'
      ? html`<span class="dir-out" title="sent by the harness">out →</span>`
      : html`<span class="dir-in" title="received from the SUT">← in</span>`;
  const violations = entry.violations ?? [];
  const kind = entry.summary.startsWith('CALLERROR') ? 'error' : 'msg';
  return html`<tr
    class="${entry.dir === 'out' ? 'out' : 'in'}${violations.length > 0 ? ' violated' : ''}"
    data-seq="${kind}"
    data-dir="${entry.dir}"
    data-ms="${String(Math.round(entry.t))}"
  >
    <td class="num">${n}</td>
    <td class="t">${formatOffset(entry.t)}</td>
    <td class="conn">${entry.conn}</td>
    <td class="dir">${dir}</td>
    <td class="summary">${entry.summary}</td>
    <td class="frame"><pre>${entry.text}</pre></td>
    <td class="violations">
      ${
        violations.length > 0
          ? html`<ul>
              ${violations.map((v) => html`<li>${v}</li>`)}
            </ul>`
          : ''
      }
    </td>
  </tr>`;
}

function renderWireLog(log: (WireEvent | NoteEvent)[], pack: boolean): SafeHtml {
  if (log.length === 0) return html`<p class="muted">No frames or notes recorded.</p>`;
  // The diagram is drawn from this table by the page script when asked for, so the file carries the frames once.
  return html`<p>
      <button type="button" data-seq-show>Show sequence diagram</button>
      <span class="muted">harness and SUT lanes, time, CALLERRORs and closes marked</span>
    </p>
    <div class="seq-holder"></div>
    <div class="wire-wrap">
      <table class="wire">
        <thead>
          <tr>
            <th>#</th>
            <th>time</th>
            <th>connection</th>
            <th>dir</th>
            <th>summary</th>
            <th>frame</th>
            <th>schema violations</th>
          </tr>
        </thead>
        ${tbodyOf(html`${log.map((e, i) => renderWireRow(e, i + 1))}`, pack)}
      </table>
    </div>`;
}

export function renderCase(record: CaseRecord, index: number, run: RunRecord): SafeHtml {
  const { meta, result } = record;
  // Cases that need a reader's attention start expanded.
  const open = result.verdict === 'fail' || result.verdict === 'error' || result.verdict === 'inconclusive';
  const facts: [string, HtmlValue][] = [
    ['Purpose', meta.purpose],
    [
      'Requirements',
      meta.requirements.length > 0 ? html`${meta.requirements.map((r, i) => html`${i > 0 ? ', ' : ''}<code>${r}</code>`)}` : '—',
    ],
    ['Profiles', meta.profiles.length > 0 ? meta.profiles.join(', ') : '—'],
    ['OCPP / block / role', `${meta.ocpp} / ${meta.block} / ${meta.sut}`],
    ['Suite', meta.suite],
    ...(record.securityProfile !== undefined ? ([['Security profile', String(record.securityProfile)]] as [string, string][]) : []),
    ['Started', record.startTime.replace('T', ' ')],
    ['Duration', formatDuration(record.durationMs)],
  ];
  if (record.severity) facts.push(['Severity', html`<span class="sev sev-${record.severity}">${record.severity}</span>`]);
  return html`<details
    class="case ${verdictClass(result.verdict)}"
    id="case-${index + 1}"
    data-verdict="${result.verdict}"
    ${open ? html` open` : ''}
  >
    <summary>
      ${badge(result.verdict)} <span class="case-id">${caseLabel(record, run)}</span> <span class="case-title">${meta.title}</span>
      <span class="case-where">${meta.ocpp} · ${meta.block} · ${meta.sut}</span>${
        record.severity ? html` <span class="sev sev-${record.severity}">${record.severity}</span>` : ''
      } <span class="dur">${formatDuration(record.durationMs)}</span>
    </summary>
    <div class="case-body">
      <dl class="facts">
        ${facts.map(
          ([k, v]) =>
            html`<dt>${k}</dt>
              <dd>${v}</dd>`,
        )}
      </dl>
      <div class="verdict-box ${verdictClass(result.verdict)}">
        <h4>Verdict: ${result.verdict}</h4>
        ${renderVerdictDetail(result)}
      </div>
      ${record.findings.length ? renderFindings(record.findings) : ''}
      <h4>Steps</h4>
      ${renderSteps(record.steps)}
      <h4>Wire log <span class="muted">(${record.log.length} entr${record.log.length === 1 ? 'y' : 'ies'})</span></h4>
      ${renderWireLog(record.log, !open)}
    </div>
  </details>`;
}

export function renderFindings(findings: readonly Finding[]): SafeHtml {
  return html`<h4>Findings</h4>
    <table class="findings">
      <thead>
        <tr>
          <th>Severity</th>
          <th>Finding</th>
          <th>Requirement / class</th>
          <th>Hint</th>
          <th>Triggering frames</th>
        </tr>
      </thead>
      <tbody>
        ${findings.map(
          (f) =>
            html`<tr>
              <td><span class="sev sev-${f.severity}">${f.severity}</span></td>
              <td><code>${f.id}</code><br />${f.title}</td>
              <td>${[f.requirement, f.cwe, f.cve].filter(Boolean).join(' · ') || '—'}</td>
              <td>${f.hint}</td>
              <td>${f.frames.map((fr) => html`<pre class="frame">${fr.length > 2000 ? `${fr.slice(0, 2000)}…` : fr}</pre>`)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
