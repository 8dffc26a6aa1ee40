/**
 * Issue 9, class 12: a station whose security profile does not match the mock CSMS's (Basic
 * credentials against profile 0, ws:// against profile 2) shows at once as an observation naming
 * the fix, and a case waiting for its BootNotification ends inconclusive naming the mismatch
 * instead of failing when its wait runs out.
 */
import { describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { defineCase } from '../src/engine/case.js';
import { RealStationLink } from '../src/engine/links.js';
import { noAdapter } from '../src/engine/adapter.js';
import { CsmsServer, type ProfileMismatch } from '../src/transport/server.js';
import { runOnLink, testConfig } from './support.js';

/** A station configured for profile 1 (Basic credentials) that retries every 100 ms, as real ones do. */
function basicAuthStation(url: string): { stop(): void } {
  let stopped = false;
  const dial = () => {
    if (stopped) return;
    const ws = new WebSocket(`${url}/CP-TEST`, ['ocpp2.0.1'], {
      headers: { authorization: `Basic ${Buffer.from('CP-TEST:station-password-0123').toString('base64')}` },
    });
    ws.on('error', () => undefined);
    ws.on('close', () => setTimeout(dial, 100));
  };
  dial();
  return { stop: () => (stopped = true) };
}

const waitsForBoot = (securityProfiles?: (0 | 1 | 2 | 3)[]) =>
  defineCase(
    {
      id: securityProfiles ? 'T_PROFILE_CASE' : 'T_BOOT',
      title: 'boot',
      ocpp: '2.0.1',
      sut: 'cs',
      block: 'T',
      requirements: ['B01.FR.01'],
      purpose: '',
      fault: 'x',
      timeoutMs: 60_000,
      ...(securityProfiles ? { securityProfiles } : {}),
    },
    async (ctx) => {
      await ctx.csms.expectCall('BootNotification', { within: securityProfiles ? 1500 : 45_000, requirement: 'B01.FR.01' });
    },
  );

async function runAgainstBasicStation(plan: ReturnType<typeof defineCase>[]) {
  const config = testConfig({}, { stationId: 'CP-TEST' });
  const link = new RealStationLink({
    host: '127.0.0.1',
    port: 0,
    version: '2.0.1',
    config,
    adapter: noAdapter,
    monotonic: () => performance.now(),
  });
  const port = await link.listen();
  const station = basicAuthStation(`ws://127.0.0.1:${port}/ocpp`);
  try {
    const res = await runOnLink(plan, config, link);
    return { results: res.outcomes.map((o) => o.result), events: res.log.events };
  } finally {
    station.stop();
    await link.close();
  }
}

describe('class 12: a security profile mismatch', () => {
  it('Basic credentials against profile 0: an observation naming the fix, and the boot wait ends inconclusive at once', async () => {
    const started = performance.now();
    const { results, events } = await runAgainstBasicStation([waitsForBoot()]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(results[0]).toMatchObject({
      verdict: 'inconclusive',
      reason: expect.stringMatching(
        /security profile mismatch: the station connected with profile 1, .*configured for profile 0; fix: set security.profile to 1/,
      ),
    });
    const observed = events.filter((e) => e.type === 'note' && e.kind === 'observation' && e.text.includes('security profile mismatch'));
    expect(observed.length).toBeGreaterThan(0);
  });

  it('a case about security profiles judges the refusal itself (not blocked)', async () => {
    const { results } = await runAgainstBasicStation([waitsForBoot([0])]);
    expect(results[0].verdict).toBe('fail');
  });

  it('ws:// against a profile 2 listener names the scheme; a case policy of its own is no mismatch', async () => {
    const server = new CsmsServer({
      host: '127.0.0.1',
      port: 0,
      version: '2.0.1',
      identity: 'CP-TEST',
      profile: 2,
      basicAuthPassword: 'station-password-0123',
      monotonic: () => performance.now(),
    });
    const seen: ProfileMismatch[] = [];
    server.onProfileMismatch((m) => seen.push(m));
    await server.listen();
    const dial = () =>
      new Promise<void>((resolve) => {
        const ws = new WebSocket(`${server.url(false)}/CP-TEST`, ['ocpp2.0.1'], {
          headers: { authorization: `Basic ${Buffer.from('CP-TEST:station-password-0123').toString('base64')}` },
        });
        ws.on('error', () => resolve());
        ws.on('close', () => resolve());
      });
    try {
      await dial();
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({
        configured: 2,
        seen: 1,
        text: expect.stringContaining('dials ws:// where wss:// (TLS) is configured'),
      });
      server.policy = { acceptProfiles: [3] };
      await dial();
      expect(seen).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
