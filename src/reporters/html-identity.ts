/** The run identity section of index.html: the SUT as declared and as observed, harness and catalogue. */
import type { RunRecord } from '../engine/events.js';
import { declaredFacts, observedFacts, observedIdentity } from './identity.js';
import { html, type SafeHtml } from './html-escape.js';

const LABELS: Record<string, string> = {
  'sut.declared.stationId': 'Station id',
  'sut.declared.serialNumber': 'Serial number',
  'sut.declared.organization': 'Organization',
  securityProfiles: 'Security profile(s)',
  features: 'Declared PICS features',
  deviations: 'Declared deviations',
  strictness: 'Strictness',
  timeouts: 'Effective timeouts',
  adapter: 'Manual-step adapter',
  'harness.version': 'Harness version',
  'harness.gitCommit': 'Harness git commit',
  'catalogue.sha256': 'Catalogue SHA-256',
  'catalogue.cases': 'Cases in the catalogue that ran',
  'sut.observed.vendor': 'Vendor',
  'sut.observed.model': 'Model',
  'sut.observed.serialNumber': 'Serial number',
  'sut.observed.firmwareVersion': 'Firmware version',
  'sut.observed.tlsCertificate': 'TLS certificate subject',
  identity: 'Identity',
};

function factTable(caption: string, facts: [string, string][]): SafeHtml {
  return html`<table class="identity">
    <caption>
      ${caption}
    </caption>
    <tbody>
      ${facts.map(
        ([k, v]) =>
          html`<tr>
            <th scope="row">${LABELS[k] ?? k}</th>
            <td>${k.includes('sha256') || k.includes('gitCommit') ? html`<code>${v}</code>` : v}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function renderIdentity(run: RunRecord): SafeHtml {
  const declared = declaredFacts(run.start?.identity);
  const harness = declared.filter(([k]) => k.startsWith('harness.') || k.startsWith('catalogue.'));
  const sut = declared.filter(([k]) => !harness.some(([h]) => h === k));
  return html`<section id="identity">
    <h2>Run identity</h2>
    <div class="identity-grid">
      ${factTable('SUT as declared (configuration)', sut)}
      ${factTable('SUT as observed on the wire (BootNotification, TLS)', observedFacts(observedIdentity(run.cases)))}
      ${factTable('Harness and catalogue', harness)}
    </div>
  </section>`;
}
