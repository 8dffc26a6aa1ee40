/** The certification summary of index.html: per version, role and profile, and per security profile. */
import type { RunRecord } from '../engine/events.js';
import { certificationSummary, verdictWords, type Blocker, type ProfileVerdict, type Tally } from './certification.js';
import { html, type SafeHtml } from './html-escape.js';

const VERDICT_CLASS: Record<ProfileVerdict, string> = { pass: 'v-pass', fail: 'v-fail', 'no-verdict': 'v-inconclusive' };

function verdictCell(v: ProfileVerdict): SafeHtml {
  return html`<span class="badge ${VERDICT_CLASS[v]}">${verdictWords(v)}</span>`;
}

const ratio = (t: Tally) => `${t.passed} / ${t.applicable}${t.selected > t.applicable ? ` (${t.selected - t.applicable} n/a)` : ''}`;

function blockers(list: Blocker[]): SafeHtml | string {
  if (list.length === 0) return '—';
  return html`${list.map(
    (b, i) =>
      html`${i > 0 ? ', ' : ''}<code>${b.id}${b.securityProfile !== undefined ? ` [SP${b.securityProfile}]` : ''}</code> ${b.verdict}`,
  )}`;
}

function reasons(list: string[]): SafeHtml | string {
  return list.length === 0
    ? ''
    : html`<ul class="reasons">
        ${list.map((r) => html`<li>${r}</li>`)}
      </ul>`;
}

export function renderCertification(run: RunRecord): SafeHtml {
  const s = certificationSummary(run);
  if (s.profiles.length === 0)
    return html`<section id="certification">
      <h2>Certification summary</h2>
      <p>No case was recorded: no conformance verdict can be given.</p>
    </section>`;
  const anyVerdict = s.profiles.some((p) => p.verdict !== 'no-verdict');
  return html`<section id="certification">
    <h2>Certification summary</h2>
    <p class="muted">
      A case is mandatory for its profile unless it needs a PICS feature (then it is conditional on that feature). A profile passes when
      every applicable mandatory case and every conditional case of a declared feature passed; a fail blocks it; an inconclusive or error
      case, a partial selection or an undeclared feature leaves it without a verdict.
    </p>
    ${anyVerdict ? '' : html`<p class="banner partial"><strong>No conformance verdict can be given for any profile of this run.</strong></p>`}
    <table class="cert">
      <caption>
        Per OCPP version, role and certification profile
      </caption>
      <thead>
        <tr>
          <th>OCPP</th>
          <th>SUT</th>
          <th>Profile</th>
          <th>Verdict</th>
          <th>Mandatory passed / applicable</th>
          <th>Conditional (by feature)</th>
          <th>Cases in catalogue</th>
          <th>Blocking cases</th>
        </tr>
      </thead>
      <tbody>
        ${s.profiles.map(
          (p) =>
            html`<tr>
              <td>${p.ocpp}</td>
              <td>${p.sut}</td>
              <th scope="row">${p.profile}</th>
              <td>${verdictCell(p.verdict)}${reasons(p.reasons)}</td>
              <td class="num">${ratio(p.mandatory)}</td>
              <td>
                ${
                  p.conditional.length === 0
                    ? '—'
                    : html`${p.conditional.map(
                        (f, i) => html`${i > 0 ? html`<br />` : ''}${f.feature}${f.declared ? '' : ' (not declared)'}: ${ratio(f)}`,
                      )}`
                }
              </td>
              <td class="num">${p.catalogueTotal === undefined ? 'unknown' : String(p.catalogueTotal)}</td>
              <td>${blockers(p.blocking)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      s.securityProfiles.length === 0
        ? ''
        : html`<table class="cert">
            <caption>
              Per security profile
            </caption>
            <thead>
              <tr>
                <th>Security profile</th>
                <th>Verdict</th>
                <th>Passed / applicable</th>
                <th>Blocking cases</th>
              </tr>
            </thead>
            <tbody>
              ${s.securityProfiles.map(
                (sp) =>
                  html`<tr>
                    <th scope="row">${String(sp.securityProfile)}</th>
                    <td>${verdictCell(sp.verdict)}${reasons(sp.reasons)}</td>
                    <td class="num">${ratio(sp.tally)}</td>
                    <td>${blockers(sp.blocking)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}
