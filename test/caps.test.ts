/**
 * Hard caps against a hostile SUT (issue 10, defects 1 and 2): the largest frame accepted in
 * either role, frames recorded per case, and bytes of one frame copied into the log and reports.
 * Loopback only; counts and times bounded.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import bootCs from '../testcases/ocpp201/B/TC_B_01_CS.js';
import bootCsms from '../testcases/ocpp201/B/TC_B_01_CSMS.js';
import { EventLog } from '../src/engine/eventlog.js';
import { foldEvents, type RunEvent, type WireEvent } from '../src/engine/events.js';
import type { CaseMeta } from '../src/core/meta.js';
import { DEFAULT_LIMITS, parseConfig } from '../src/core/config.js';
import { renderJunit } from '../src/reporters/junit.js';
import { renderHtml } from '../src/reporters/html.js';
import { unpackHtml } from '../src/reporters/html-packed.js';
import { buildJsonResults } from '../src/reporters/json.js';
import { runAgainst, testConfig } from './support.js';
import { hostileCsms, hostileStation } from './hostile-peers.js';
import { closeBrowser, expectSoundReports } from './report-checks.js';

afterAll(() => closeBrowser());

const meta: CaseMeta = {
  id: 'TC_FLOOD',
  title: 'flood',
  ocpp: '2.0.1',
  sut: 'cs',
  block: 'B',
  suite: 'conformance',
  requirements: ['B01.FR.01'],
  profiles: ['Core'],
  features: [],
  tags: [],
  purpose: 'p',
  fault: 'none',
};
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const fast = (limits: Record<string, number>) => {
  const c = testConfig({ messageMs: 300, connectMs: 500, caseMs: 6000 }, { limits });
  return c;
};

describe('caps', () => {
  it('the default limits are documented values: 16 MiB frames, 10,000 frames per case, 64 KiB per recorded frame', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxFrameBytes: 16 * 1024 * 1024,
      maxFramesPerCase: 10_000,
      maxRecordedFrameBytes: 64 * 1024,
      maxRecordedBytesPerCase: 8 * 1024 * 1024,
    });
    expect(() => parseConfig({ limits: { maxFrameBytes: 10 } })).toThrow(/limits.maxFrameBytes/);
  });

  it('the JUnit, HTML and JSON reporters render a case with 200,000 frames', () => {
    const time = '2026-01-01T00:00:00.000Z';
    const events: RunEvent[] = [{ type: 'case-start', time, caseId: meta.id, meta, runKey: 'k' }];
    for (let i = 0; i < 200_000; i++)
      events.push({
        type: 'wire',
        time,
        runKey: 'k',
        t: i,
        conn: 'ws#1',
        dir: 'in',
        text: `[2,"${i}","Heartbeat",{}]`,
        summary: 'CALL Heartbeat',
      });
    events.push({ type: 'case-end', time, caseId: meta.id, runKey: 'k', durationMs: 1, result: { verdict: 'pass' } });
    const started = Date.now();
    const run = foldEvents(events);
    expect(renderJunit(run)).toContain('[2,"199999","Heartbeat",{}]');
    // A passing case's wire log is stored packed in the page; unpacked it holds every frame.
    expect(unpackHtml(renderHtml(run))).toContain('199999');
    expect(buildJsonResults(run).cases[0].wire).toHaveLength(200_000);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('a string over the recorded-frame cap is truncated with its length and SHA-256', () => {
    const log = new EventLog(undefined, [], { maxRecordedFrameBytes: 1024 });
    const text = `[2,"1","DataTransfer",{"vendorId":"${'é'.repeat(3000)}"}]`;
    log.append({ type: 'wire', time: 't', runKey: 'k', t: 0, conn: 'c', dir: 'in', text, summary: 's' });
    const kept = (log.events[0] as WireEvent).text;
    expect(Buffer.byteLength(kept)).toBeLessThan(1400);
    expect(kept).toContain(`${Buffer.byteLength(text)} bytes`);
    expect(kept).toContain(sha256(text));
  });

  it('a flood beyond the frames-per-case cap keeps counts, sizes and a hash, and says so', async () => {
    const res = await runAgainst(
      [bootCs],
      {
        stations: [
          hostileStation((ws) => {
            for (let i = 0; i < 3000; i++) ws.send(`[2,"f${i}","Heartbeat",{}]`);
          }),
        ],
      },
      fast({ maxFramesPerCase: 500 }),
    );
    const log = res.run.cases[0].log;
    expect(log.filter((l) => l.type === 'wire').length).toBeLessThanOrEqual(500);
    const notes = log
      .filter((l) => l.type === 'note')
      .map((l) => l.text)
      .join('\n');
    expect(notes).toMatch(/frame recording cap of 500 frames reached/);
    expect(notes).toMatch(/\d+ frames not recorded \(\d+ in, \d+ out, \d+ bytes, SHA-256 [0-9a-f]{64} over their texts/);
    expect(res.outcomes[0].result.verdict).toBe('fail');
    await expectSoundReports(res.run);
  }, 40_000);

  it('a frame over the size cap from a station is refused (1009), not recorded whole', async () => {
    const big = `[2,"b1","DataTransfer",{"vendorId":"${'x'.repeat(200_000)}"}]`;
    const res = await runAgainst([bootCs], { stations: [hostileStation((ws) => ws.send(big))] }, fast({ maxFrameBytes: 65_536 }));
    const log = res.run.cases[0].log;
    expect(log.some((l) => l.type === 'wire' && l.text.length > 65_536)).toBe(false);
    expect(log.some((l) => l.type === 'note' && /Max payload size exceeded/i.test(l.text))).toBe(true);
    expect(res.outcomes[0].result.verdict).toBe('fail');
  }, 20_000);

  it('a 50 MB frame from a CSMS (the issue): refused at the default cap, the log stays small, memory bounded', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 'x');
    big.write('[3,"x",{"pad":"', 0);
    const before = process.memoryUsage().rss;
    const res = await runAgainst(
      [bootCsms],
      { csmss: [hostileCsms((ws) => ws.on('message', () => ws.send(big, { binary: false })))] },
      testConfig({ messageMs: 1000, connectMs: 1000, caseMs: 8000 }),
    );
    const grown = process.memoryUsage().rss - before;
    const log = res.run.cases[0].log;
    expect(log.some((l) => l.type === 'note' && /Max payload size exceeded/i.test(l.text))).toBe(true);
    expect(JSON.stringify(res.run).length).toBeLessThan(1024 * 1024);
    expect(res.outcomes[0].result.verdict).toBe('fail');
    // Before the cap the harness took this frame whole (2.3 GB of RSS in the issue).
    expect(grown).toBeLessThan(300 * 1024 * 1024);
    await expectSoundReports(res.run);
  }, 50_000);

  it('a frame over the size cap from a CSMS is refused (1009), not recorded whole', async () => {
    const big = `[3,"x",{"pad":"${'x'.repeat(200_000)}"}]`;
    const res = await runAgainst(
      [bootCsms],
      { csmss: [hostileCsms((ws) => ws.on('message', () => ws.send(big)))] },
      fast({ maxFrameBytes: 65_536 }),
    );
    const log = res.run.cases[0].log;
    expect(log.some((l) => l.type === 'wire' && l.text.length > 65_536)).toBe(false);
    expect(log.some((l) => l.type === 'note' && /Max payload size exceeded/i.test(l.text))).toBe(true);
    expect(res.outcomes[0].result.verdict).toBe('fail');
  }, 20_000);
});
