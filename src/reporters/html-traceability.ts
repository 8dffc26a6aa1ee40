/** The requirement matrix of index.html: requirement → cases → verdicts, then the requirements no case checked. */
import type { RunRecord } from '../engine/events.js';
import { traceability } from './traceability.js';
import { verdictClass } from './html-case.js';
import { html, type SafeHtml } from './html-escape.js';

export function renderTraceability(run: RunRecord): SafeHtml {
  const t = traceability(run);
  return html`<section id="traceability">
    <h2>Requirement traceability</h2>
    <details class="trace-wrap">
      <summary>
        ${t.requirements.length} requirements checked by the cases of this run; ${t.unchecked.length} registered requirements of
        ${t.sources.join(', ') || 'no source'} checked by none
      </summary>
      <table class="trace">
        <thead>
          <tr>
            <th>Requirement</th>
            <th>Level</th>
            <th>What it demands</th>
            <th>Cases and verdicts</th>
          </tr>
        </thead>
        <tbody>
          ${t.requirements.map(
            (r) =>
              html`<tr>
                <th scope="row"><code>${r.id}</code></th>
                <td>${r.level ?? '—'}</td>
                <td>${r.text ?? 'not in the requirement registry'}</td>
                <td>
                  ${r.cases.map(
                    (c, i) =>
                      html`${i > 0 ? html`<br />` : ''}<code
                          >${c.id}${c.securityProfile !== undefined ? ` [SP${c.securityProfile}]` : ''}</code
                        >
                        <span class="badge ${verdictClass(c.verdict)}">${c.verdict}</span>${c.failedHere ? ' (failed here)' : ''}`,
                  )}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h3>Registered requirements no case of this run checks (${t.unchecked.length})</h3>
      ${
        t.unchecked.length === 0
          ? html`<p>None.</p>`
          : html`<table class="trace">
              <tbody>
                ${t.unchecked.map(
                  (r) =>
                    html`<tr>
                      <th scope="row"><code>${r.id}</code></th>
                      <td>${r.level}</td>
                      <td>${r.text}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </details>
  </section>`;
}
