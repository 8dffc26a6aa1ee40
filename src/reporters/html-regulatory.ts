/** The regulators' table of index.html: security evidence next to NIS2, IEC 62443-4-2 and ETSI EN 303 645 controls. */
import type { RunRecord } from '../engine/events.js';
import type { ControlRef } from './regulatory-map.js';
import { regulatoryTable, type EvidenceStatus } from './regulatory.js';
import { html, type SafeHtml } from './html-escape.js';

const STATUS_CLASS: Record<EvidenceStatus, string> = {
  'no evidence': 'v-skipped',
  'gaps found': 'v-fail',
  incomplete: 'v-inconclusive',
  'no gap found': 'v-pass',
};

const refs = (list: ControlRef[]) => html`${list.map((r, i) => html`${i > 0 ? html`<br />` : ''}<b>${r.id}</b> ${r.about}`)}`;

export function renderRegulatory(run: RunRecord): SafeHtml | string {
  if (!run.cases.some((c) => c.meta.suite === 'security' || c.findings.length > 0 || c.securityProfile !== undefined)) return '';
  const t = regulatoryTable(run);
  return html`<section id="regulatory">
    <h2>Security evidence for regulators</h2>
    <p class="muted">${t.note}${t.reviewed ? '' : ' The mapping (regulatory-map.ts) awaits review by a compliance reader.'}</p>
    <table class="cert">
      <thead>
        <tr>
          <th>Area</th>
          <th>Evidence in this run</th>
          <th>NIS2 Art. 21</th>
          <th>IEC 62443-4-2</th>
          <th>ETSI EN 303 645</th>
        </tr>
      </thead>
      <tbody>
        ${t.rows.map(
          (r) =>
            html`<tr>
              <th scope="row">${r.area}</th>
              <td>
                <span class="badge ${STATUS_CLASS[r.status]}">${r.status}</span><br />
                ${r.passed} passed, ${r.failed} failed, ${r.undecided} undecided, ${r.notApplicable} n/a; ${r.findings}
                finding${r.findings === 1 ? '' : 's'}${r.worstSeverity ? ` (worst ${r.worstSeverity})` : ''}
              </td>
              <td>${refs(r.nis2)}</td>
              <td>${refs(r.iec62443_4_2)}</td>
              <td>${refs(r.etsiEn303645)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
