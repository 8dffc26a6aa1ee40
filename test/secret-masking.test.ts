/**
 * Secrets are masked on decoded values, in every spelling a SUT could echo them (issue 10,
 * defect 4). A hostile station on loopback echoes the configured password raw, JSON-escaped,
 * upper- and lower-cased, hex-encoded, \\u-escaped and inside Basic-auth base64; no report may contain it.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bootCs from '../testcases/ocpp201/B/TC_B_01_CS.js';
import type { StationPeerModule } from '../src/engine/peer-contract.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { ReferenceLink } from '../src/engine/links.js';
import { runSession } from '../src/wiring/session.js';
import { counterIds, systemClock } from '../src/core/clock.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import { createConsoleReporter } from '../src/reporters/console.js';
import { renderReports } from '../src/reporters/index.js';
import { escapeHtml } from '../src/reporters/html.js';
import { testConfig } from './support.js';
import { hostileStation } from './hostile-peers.js';

const PASSWORD = `Sé"cr\\et'Pä$$<wörd>-Ωmega42`;
const STATION = 'CP-TEST';

/** Every spelling of the password the hostile station sends back. */
function spellings(pw: string): string[] {
  const json = JSON.stringify(pw).slice(1, -1);
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return [
    pw,
    json,
    pw.toUpperCase(),
    pw.toLowerCase(),
    JSON.stringify(pw.toUpperCase()).slice(1, -1),
    Buffer.from(pw, 'utf8').toString('hex'),
    Buffer.from(pw, 'utf8').toString('hex').toUpperCase(),
    b64(`${STATION}:${pw}`),
    b64(`other-user:${pw}`),
    b64(pw),
  ];
}

/** JSON string bodies spelling the password with \\u escapes: every character, and every other one. */
function unicodeEscaped(pw: string): string[] {
  const u = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  const json = (c: string) => JSON.stringify(c).slice(1, -1);
  return [
    [...pw].map(u).join(''),
    [...pw]
      .map((c, i) => (i % 2 ? u(c) : json(c)))
      .join('')
      .toUpperCase()
      .replace(/\\U/g, '\\u'),
  ];
}

/** A station that echoes the password back in every spelling, in frames of every kind. */
function echoingStation(): StationPeerModule {
  return hostileStation((ws) => {
    const forms = spellings(PASSWORD);
    forms.forEach((f, i) => ws.send(JSON.stringify([2, `e${i}`, 'DataTransfer', { vendorId: f, data: `Basic ${f}` }])));
    // Written by hand, so the frame itself carries the \\u escapes (JSON.parse decodes them to the password).
    unicodeEscaped(PASSWORD).forEach((f, i) => ws.send(`[2,"u${i}","DataTransfer",{"vendorId":"${f}"}]`));
    // Not JSON at all: the raw bytes of the password in a garbage frame.
    ws.send(`garbage ${PASSWORD} ${PASSWORD.toUpperCase()}`);
    // A BootNotification whose fields quote it, so the failed check's "actual" carries it.
    ws.send(
      JSON.stringify([2, 'b1', 'BootNotification', { reason: forms[1], chargingStation: { model: PASSWORD, vendorName: forms[2] } }]),
    );
  });
}

function leaks(text: string): string[] {
  const forms = [
    ...spellings(PASSWORD),
    ...unicodeEscaped(PASSWORD),
    escapeHtml(PASSWORD),
    escapeHtml(JSON.stringify(PASSWORD).slice(1, -1)),
  ];
  const lower = text.toLowerCase();
  const found = forms.filter((f) => lower.includes(f.toLowerCase()));
  // A fragment no mask leaves behind, whatever the escaping around it.
  if (lower.includes('pä$$') || lower.includes('ωmega42')) found.push('fragment');
  return found;
}

describe('secret masking', () => {
  it('a hostile station echoing the password in every spelling leaks it into no report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ocpp-harness-test-'));
    const config = testConfig({ messageMs: 300, connectMs: 300, caseMs: 4000 }, { security: { profile: 0, basicAuthPassword: PASSWORD } });
    const schemas = new SchemaRegistry();
    const link = new ReferenceLink({
      config,
      peers: new PeerRegistry([echoingStation()], []),
      schemas,
      clock: systemClock,
      ids: counterIds('msg'),
    });
    let consoleText = '';
    const consoleReporter = createConsoleReporter({ outDir: out, write: (t) => (consoleText += t), tty: false, color: false });
    const res = await runSession({
      plan: [bootCs],
      config,
      link,
      outDir: out,
      mode: 'reference',
      schemas,
      ids: counterIds('msg'),
      listeners: [(e) => consoleReporter.onEvent?.(e)],
    });
    res.log.close();
    await link.close();
    expect(res.outcomes[0].result.verdict).toBe('fail');
    // The hostile frames were recorded (masked), not dropped.
    expect(res.run.cases[0].log.filter((l) => l.type === 'wire' && l.dir === 'in').length).toBeGreaterThanOrEqual(12);
    await renderReports(res.run, ['junit', 'html', 'json', 'findings'], {
      outDir: out,
      write: (t) => (consoleText += t),
      tty: false,
      color: false,
    });
    const files = readdirSync(out);
    expect(files).toEqual(expect.arrayContaining(['run.jsonl', 'junit.xml', 'index.html', 'results.json']));
    for (const f of files) expect({ file: f, leaks: leaks(readFileSync(join(out, f), 'utf8')) }).toEqual({ file: f, leaks: [] });
    expect(leaks(consoleText)).toEqual([]);
    expect(readFileSync(join(out, 'run.jsonl'), 'utf8')).toContain('***');
  }, 20_000);
});
