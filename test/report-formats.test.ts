/**
 * Issue 10: reports a hostile SUT cannot break. A station puts HTML, script and ANSI escapes in
 * every string it controls (identity, subprotocol, payload values, error codes and descriptions),
 * and the reports must stay inert and valid: junit.xml against the strict JUnit schema
 * (xmllint, test/fixtures/junit-10.xsd) and index.html in headless Chromium (no script
 * runs, no injected element exists, the hostile text is shown as text).
 *
 * The checks themselves are in report-checks.ts, shared with the chaos tests.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { join } from 'node:path';
import bootCs from '../testcases/ocpp201/B/TC_B_01_CS.js';
import type { StationPeerModule } from '../src/engine/peer-contract.js';
import { runAgainst, testConfig } from './support.js';
import { idlePeer } from './hostile-peers.js';
import { pkiDirFor } from '../src/engine/links.js';
import { closeBrowser, expectValidJunit, renderAll, renderHtmlInChromium } from './report-checks.js';

const fast = testConfig({ messageMs: 400, connectMs: 800, caseMs: 6000 });
beforeAll(() => pkiDirFor(fast, true), 60_000);

const SCRIPT = '<script>window.__pwned="script"</script>';
const IMG = '<img src=x onerror="window.__pwned=\'img\'">';
const SVG = '<svg onload="window.__pwned=\'svg\'"></svg>';
const ANSI = '\u001b[2J\u001b[31mRED\u001b[0m\u202e';

/** A masked client text frame (mask key 0) of any length below 64 KiB. */
function clientFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const head =
    payload.length < 126
      ? Buffer.from([0x81, 0x80 | payload.length])
      : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, Buffer.from([0, 0, 0, 0]), payload]);
}

/** An upgrade request; header values carry HTML (control characters would end it at the HTTP parser). */
function upgrade(u: URL, path: string, protocols: string): string {
  return `GET ${path} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${protocols}\r\nUser-Agent: ${SCRIPT}\r\n\r\n`;
}

/**
 * A station that first knocks with a hostile identity (refused), then connects with a hostile
 * extra subprotocol and sends hostile payload values and a hostile CALLERROR.
 */
const hostileStrings: StationPeerModule = {
  version: '2.0.1',
  faults: [],
  async start(o) {
    const u = new URL(o.target);
    const sockets: Socket[] = [];
    const dial = (path: string, protocols: string, then?: (s: Socket) => void) => {
      const s = createConnection({ host: u.hostname, port: Number(u.port) });
      sockets.push(s);
      s.on('error', () => undefined);
      s.on('connect', () => s.write(upgrade(u, path, protocols)));
      if (then) s.once('data', () => then(s));
    };
    // A hostile identity and subprotocol: refused, but recorded as an attempt.
    dial(`/${encodeURIComponent(`${SCRIPT}${ANSI}`)}`, `ocpp2.0.1, ${IMG}`);
    dial(`/${o.identity}`, 'ocpp2.0.1', (s) => {
      const boot = { reason: 'PowerUp', chargingStation: { model: `${IMG}${ANSI}`, vendorName: SCRIPT, serialNumber: SVG } };
      s.write(clientFrame(JSON.stringify([2, `${SVG}`.slice(0, 36), 'BootNotification', boot])));
      s.write(clientFrame(JSON.stringify([4, 'no-such-call', `${SCRIPT}`, `${IMG}${ANSI}`, { detail: SVG }])));
      s.write(clientFrame(JSON.stringify([2, 'h1', `Heart${SCRIPT}`, {}])));
    });
    return { ...idlePeer, stop: async () => sockets.forEach((s) => s.destroy()) };
  },
};

describe('reports of a hostile station stay valid and inert', () => {
  let outDir = '';
  let rssGrowthMb = 0;
  let verdict = '';

  beforeAll(async () => {
    const rss = process.memoryUsage().rss;
    const res = await runAgainst([bootCs], { stations: [hostileStrings] }, fast);
    verdict = res.outcomes[0].result.verdict;
    outDir = await renderAll(res.run);
    rssGrowthMb = (process.memoryUsage().rss - rss) / 1024 / 1024;
  }, 30_000);
  afterAll(async () => {
    await closeBrowser();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('gives a verdict on the SUT, in bounded memory', () => {
    expect(['fail', 'inconclusive']).toContain(verdict);
    expect(rssGrowthMb).toBeLessThan(300);
  });

  it('junit.xml is valid against the strict JUnit schema', () => expectValidJunit(outDir));

  it('index.html runs no SUT-supplied script and shows the hostile text as text', async () => {
    const html = await renderHtmlInChromium(outDir);
    if (!html) return;
    expect(html.pwned).toBeUndefined();
    expect(html.injected).toBe(0);
    expect(html.dialogs).toEqual([]);
    // Shown as text (JSON-escaped inside frames, quoted in notes), never as markup.
    expect(html.text).toContain('<script>window.__pwned=');
    expect(html.text).toContain('<img src=x onerror=');
    expect(html.text).not.toContain('\u001b');
  }, 60_000);

  it('the JSON results keep the hostile strings as data', () => {
    const json = readFileSync(join(outDir, 'results.json'), 'utf8');
    expect(() => JSON.parse(json)).not.toThrow();
    expect(json).not.toContain('\u001b');
  });
});
