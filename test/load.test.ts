/**
 * Fleet load against a CSMS: simulated stations boot, heartbeat, run transactions, survive a
 * power-cut storm, and their metrics fold into one bounded report; the same fleet exports as an
 * Artillery scenario. Loopback only, small fleets: the 10,000-station figure is in the bench.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fleetIdentities, runFleet } from '../src/load/fleet.js';
import { LatencyHistogram } from '../src/load/histogram.js';
import { renderLoadHtml, renderLoadSummary } from '../src/load/report.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import { counterIds, systemClock } from '../src/core/clock.js';
import { testConfig } from './support.js';

const CLI = join(process.cwd(), 'dist/src/cli/main.js');

describe('latency histogram', () => {
  it('gives percentiles within its 2% buckets in constant memory', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 10_000; i++) h.record(i / 10);
    const s = h.summary();
    expect(s.count).toBe(10_000);
    expect(s.p50).toBeGreaterThan(500 * 0.97);
    expect(s.p50).toBeLessThan(500 * 1.03);
    expect(s.p99).toBeGreaterThan(990 * 0.97);
    expect(s.max).toBe(1000);
    expect(new LatencyHistogram().summary().count).toBe(0);
  });
});

/** A reference CSMS of the version on a free loopback port. */
function referenceCsms(version: '1.6' | '2.0.1') {
  return new PeerRegistry().csms(version).start({
    version,
    validator: new SchemaRegistry().for(version),
    faults: new Set(),
    config: testConfig(),
    clock: systemClock,
    ids: counterIds(),
    host: '127.0.0.1',
    port: 0,
  });
}

describe('a fleet against the reference CSMS', () => {
  it('boots every station, runs transactions, and brings all of them back after a power cut', async () => {
    const version = '2.0.1';
    const csms = await referenceCsms(version);
    const stations = 20;
    const ids = fleetIdentities('LOAD-', stations);
    expect(ids[0]).toBe('LOAD-01');
    for (const stationId of ids)
      await csms.perform({ action: 'csmsRegisterStation', params: { stationId, bootStatus: 'Accepted' }, instruction: '', caseId: 'load' });
    try {
      const r = await runFleet({
        target: csms.url,
        version,
        stations,
        rampPerS: 200,
        idPrefix: 'LOAD-',
        durationMs: 3000,
        stormAtMs: 1500,
        heartbeatS: 1,
        txEveryS: 1,
        txDurationS: 1,
        meterEveryS: 1,
        timeoutMs: 5000,
        seed: 7,
      });
      // Every station connected and booted twice: before the storm and after it.
      expect(r.totals['connect.ok']).toBe(2 * stations);
      expect(r.totals['boot.Accepted']).toBe(2 * stations);
      expect(r.totals['storm.dropped']).toBe(stations);
      expect(Object.keys(r.totals).filter((k) => /^(callerror|timeout|connect\.(refused|error))/.test(k))).toEqual([]);
      expect(r.latency.connect.count).toBe(2 * stations);
      expect(r.latency['answer.BootNotification'].p99).toBeGreaterThan(0);
      expect(r.timeline.length).toBeGreaterThan(0);
      expect(renderLoadSummary(r)).toContain('answer.BootNotification');
      expect(renderLoadHtml(r)).toContain('<svg');
    } finally {
      await csms.stop();
    }
  }, 60_000);

  it('counts refusals when the CSMS does not know the identities', async () => {
    // The 2.0.1 reference CSMS refuses unknown identities at the WebSocket upgrade.
    const version = '2.0.1';
    const csms = await referenceCsms(version);
    try {
      const r = await runFleet({
        target: csms.url,
        version,
        stations: 3,
        rampPerS: 100,
        idPrefix: 'UNKNOWN-',
        durationMs: 800,
        txEveryS: 0,
        txDurationS: 1,
        meterEveryS: 1,
        timeoutMs: 2000,
        seed: 1,
      });
      expect(r.totals['connect.ok'] ?? 0).toBe(0);
      expect(Object.keys(r.totals).some((k) => k.startsWith('connect.refused.') || k.startsWith('connect.error'))).toBe(true);
    } finally {
      await csms.stop();
    }
  }, 30_000);
});

describe('ocpp-harness load (CLI)', () => {
  it('exports the fleet as an Artillery scenario running our station model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'artillery-'));
    const r = spawnSync(
      process.execPath,
      [
        CLI,
        'load',
        '--sut',
        'csms',
        '--ocpp',
        '2.0.1',
        '--target',
        'ws://127.0.0.1:9220/ocpp',
        '--stations',
        '50',
        '--ramp',
        '10',
        '--storm-at',
        '30s',
        '--export-artillery',
        dir,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(r.status).toBe(0);
    const script = readFileSync(join(dir, 'ocpp-load.artillery.yml'), 'utf8');
    expect(script).toContain('arrivalRate: 10');
    expect(script).toContain('duration: 5');
    expect(script).toContain('function: runOcppStation');
    expect(script).toContain('stormAfterMs: 30000');
    expect(readFileSync(join(dir, 'ocpp-load-stations.csv'), 'utf8').trim().split('\n')).toHaveLength(51);
    expect(readFileSync(join(dir, 'ocpp-load-processor.cjs'), 'utf8')).toContain("import('./ocpp-station-model.mjs')");
    const model = readFileSync(join(dir, 'ocpp-station-model.mjs'), 'utf8');
    // The model is self-contained: ws and Node built-ins only, so Artillery workers can load it.
    expect([...model.matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual(['ws']);
    expect(existsSync(join(dir, 'ocpp-load.artillery.yml'))).toBe(true);
  });

  it('refuses a target outside loopback, and more stations than its limit', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, [CLI, 'load', '--sut', 'csms', '--ocpp', '2.0.1', ...args], { encoding: 'utf8', timeout: 30_000 });
    const far = run(['--target', 'ws://csms.example:8180/ocpp', '--stations', '1', '--duration', '1s']);
    expect(far.status).toBe(64);
    expect(far.stderr).toContain('--i-own-this-target');
    expect(run(['--reference', '--stations', '1000000']).status).toBe(64);
  });
});
