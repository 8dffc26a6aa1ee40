/**
 * Chaos against the harness on loopback (issue 10): each test bounded in time, each asserting a
 * verdict, and each ending with valid JUnit and inert HTML (report-checks.ts). Hostile strings in
 * every SUT-supplied field are in report-formats.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import bootCs from '../testcases/ocpp201/B/TC_B_01_CS.js';
import type { StationPeerModule } from '../src/engine/peer-contract.js';
import { runAgainst, testConfig } from './support.js';
import { idlePeer } from './hostile-peers.js';
import { pkiDirFor } from '../src/engine/links.js';
import { closeBrowser, expectSoundReports } from './report-checks.js';

const CLI = resolve('dist/src/cli/main.js');
const fast = testConfig({ messageMs: 300, connectMs: 500, caseMs: 5000 });

// The run's temporary PKI is built once per process; build it here so no timing below includes it.
beforeAll(() => pkiDirFor(fast, true), 60_000);
afterAll(() => closeBrowser());

/** The WebSocket upgrade request a 2.0.1 station sends for URL `u`. */
function upgradeRequest(u: URL): string {
  return `GET ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp2.0.1\r\n\r\n`;
}

/**
 * A "station" speaking raw TCP: an upgrade request (whole after `upgradeDelayMs`, or one byte
 * every `dribbleMs`), then whatever `then` writes once the listener answers.
 */
function rawStation(
  then: (socket: ReturnType<typeof createConnection>) => void,
  o: { upgradeDelayMs?: number; dribbleMs?: number } = {},
): StationPeerModule {
  return {
    version: '2.0.1',
    faults: [],
    async start(p) {
      const u = new URL(`${p.target}/${p.identity}`);
      const socket = createConnection({ host: u.hostname, port: Number(u.port) });
      socket.on('error', () => undefined);
      const request = Buffer.from(upgradeRequest(u));
      let timer: NodeJS.Timeout | undefined;
      socket.on('connect', () => {
        socket.once('data', () => then(socket));
        if (o.dribbleMs === undefined) {
          timer = setTimeout(() => socket.write(request), o.upgradeDelayMs ?? 0);
          return;
        }
        let sent = 0;
        timer = setInterval(() => {
          if (sent >= request.length || socket.destroyed) return clearInterval(timer);
          socket.write(request.subarray(sent, ++sent));
        }, o.dribbleMs);
      });
      return { ...idlePeer, stop: async () => (clearTimeout(timer), void socket.destroy()) };
    },
  };
}

/** A masked client text frame header for `length` payload bytes (< 126), mask key 0. */
const textFrameHeader = (length: number) => Buffer.from([0x81, 0x80 | length, 0, 0, 0, 0]);

describe('chaos on loopback', () => {
  it('invalid UTF-8 in a text frame: the case fails, in bounded time', async () => {
    const started = Date.now();
    const payload = Buffer.from([0x5b, 0xff, 0xfe, 0x5d]);
    const res = await runAgainst(
      [bootCs],
      { stations: [rawStation((s) => s.write(Buffer.concat([textFrameHeader(payload.length), payload])))] },
      fast,
    );
    expect(res.outcomes[0].result.verdict).toBe('fail');
    expect(Date.now() - started).toBeLessThan(4000);
    await expectSoundReports(res.run);
  }, 30_000);

  it('a disconnect in the middle of a frame: the case fails, in bounded time', async () => {
    const started = Date.now();
    const res = await runAgainst(
      [bootCs],
      {
        stations: [
          rawStation((s) => {
            s.write(Buffer.concat([textFrameHeader(100), Buffer.from('[2,"1","Boot')]));
            s.destroy();
          }),
        ],
      },
      fast,
    );
    expect(res.outcomes[0].result.verdict).toBe('fail');
    expect(Date.now() - started).toBeLessThan(4000);
    await expectSoundReports(res.run);
  }, 30_000);

  it('a slow upgrade (one byte every 25 ms): the case ends in bounded time with a verdict', async () => {
    const started = Date.now();
    const slow = rawStation(() => undefined, { dribbleMs: 25 });
    const rss = process.memoryUsage().rss;
    const res = await runAgainst([bootCs], { stations: [slow] }, fast);
    expect(['fail', 'inconclusive']).toContain(res.outcomes[0].result.verdict);
    expect(Date.now() - started).toBeLessThan(fast.timeouts.caseMs + 3000);
    expect((process.memoryUsage().rss - rss) / 1024 / 1024).toBeLessThan(200);
    await expectSoundReports(res.run);
  }, 40_000);

  it('kill -9 mid-run, then report --from: no stale report, the unstarted cases are skipped, exit 2', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ocpp-harness-test-'));
    writeFileSync(join(out, 'junit.xml'), '<testsuites tests="1" failures="0"/>');
    const child = spawn(
      process.execPath,
      [CLI, 'run', '--reference', '--ocpp', '2.0.1', '--cases', 'TC_B_0*', '--concurrency', '1', '--out', out],
      { stdio: 'ignore', env: { ...process.env, CI: 'true' } },
    );
    const log = join(out, 'run.jsonl');
    const deadline = Date.now() + 20_000;
    while (!(existsSync(log) && readFileSync(log, 'utf8').includes('"case-end"')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    expect(existsSync(join(out, 'junit.xml'))).toBe(false);
    const again = join(out, 'again');
    const r = spawnSync(process.execPath, [CLI, 'report', '--from', log, '--out', again, '--reporter', 'junit,json'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    const xml = readFileSync(join(again, 'junit.xml'), 'utf8');
    expect(xml).toMatch(/not started: the run ended before this case started/);
    expect(xml).not.toMatch(/<testsuites[^>]*tests="1" failures="0"\/>/);
  }, 40_000);
});
