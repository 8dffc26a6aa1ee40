import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { defineCase } from '../src/dsl.js';
import { CaseLimit } from '../src/engine/case-limit.js';
import { sleep } from '../src/transport/wait.js';
import { namedWaits, parseConfig } from '../src/core/config.js';
import { runAgainst, testConfig } from './support.js';

/**
 * Item 3 of issue 9: timing never decides a verdict by accident. A case's limit follows from the
 * waits it makes: a wait that starts before the limit runs to its own end.
 */

const meta = (id: string, timeoutMs: number) =>
  ({
    id,
    title: id,
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'B',
    requirements: ['B01.FR.01'],
    purpose: 'test',
    fault: 'boot-invalid-reason',
    timeoutMs,
  }) as const;

describe('the case limit follows from the waits the case makes', () => {
  it('a Heartbeat wait longer than the case limit is not cut short by it', async () => {
    // Like a station whose next Heartbeat comes at the interval the mock CSMS handed out (1 s here),
    // waited for by a case whose own limit (400 ms) is shorter than that wait.
    const waitsForHeartbeat = defineCase(meta('T_HEARTBEAT_WAIT', 400), async (ctx) => {
      await ctx.given('Booted');
      await ctx.csms.expectCall('Heartbeat', { within: ctx.waits.heartbeat, requirement: 'B01.FR.01' });
    });
    const result = await runAgainst([waitsForHeartbeat]);
    expect(result.outcomes[0].result).toEqual({ verdict: 'pass' });
  }, 15_000);

  it('a wait that starts after the limit passed does not extend it', async () => {
    const late = defineCase(meta('T_LATE_WAIT', 150), async (ctx) => {
      await new Promise((r) => setTimeout(r, 300)); // work the limit does not know about
      await ctx.csms.wait(1000);
    });
    const result = await runAgainst([late]);
    expect(result.outcomes[0].result).toEqual({ verdict: 'inconclusive', reason: 'the case exceeded its limit of 150 ms' });
  }, 15_000);

  it('CaseLimit: the deadline moves to the end of a wait started in time, plus the grace', async () => {
    const controller = new AbortController();
    let now = 0;
    const limit = new CaseLimit(100, controller, () => now);
    now = 50;
    limit.noteWait(1000);
    expect(limit.effectiveMs).toBe(1050 + CaseLimit.GRACE_MS);
    now = 150; // past the base limit: a new wait does not move it
    limit.noteWait(5000);
    expect(limit.effectiveMs).toBe(1050 + CaseLimit.GRACE_MS);
    limit.stop();
    expect(controller.signal.aborted).toBe(false);
  });

  it('waits announce themselves to the limit watching their abort signal', async () => {
    const controller = new AbortController();
    const limit = new CaseLimit(10_000, controller);
    const before = limit.effectiveMs;
    await sleep(1, controller.signal);
    expect(limit.effectiveMs).toBe(before);
    limit.noteWait(20_000);
    expect(limit.effectiveMs).toBeGreaterThan(20_000);
    limit.stop();
  });
});

describe('the intervals the mock CSMS hands out come from the config', () => {
  it('the example configuration keeps them short, and its case limit fits its longest named wait', () => {
    const config = parseConfig(JSON.parse(readFileSync('examples/sut-config.json', 'utf8')));
    expect(config.timeouts.heartbeatIntervalS).toBeLessThanOrEqual(60);
    expect(config.timeouts.bootRetryIntervalS).toBeLessThanOrEqual(10);
    const longest = Math.max(...Object.values(namedWaits(config.timeouts)));
    expect(config.timeouts.caseMs).toBeGreaterThan(longest);
  });

  it('the Booted state answers BootNotification with the configured heartbeat interval', async () => {
    let interval: unknown;
    const seesInterval = defineCase(meta('T_INTERVAL', 5000), async (ctx) => {
      await ctx.given('Booted');
      const sent = ctx.csms.receivedCalls('BootNotification');
      expect(sent.length).toBe(1);
      interval = ctx.config.timeouts.heartbeatIntervalS;
    });
    const config = testConfig({ heartbeatIntervalS: 2 });
    const result = await runAgainst([seesInterval], {}, config);
    expect(result.outcomes[0].result.verdict).toBe('pass');
    expect(interval).toBe(2);
    const boot = result.log.events.find((e) => e.type === 'wire' && e.dir === 'out' && e.text.includes('"interval"'));
    expect(boot && boot.type === 'wire' ? JSON.parse(boot.text)[2].interval : undefined).toBe(2);
  }, 15_000);
});
