/**
 * Ctrl-C (issue 10, defect 5): the first one finishes the running case and skips the rest, a
 * second one stops the running case too; an interrupted case is skipped, never a harness error.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineCase } from '../src/engine/case.js';
import { sleep } from '../src/transport/wait.js';
import type { StationPeerModule } from '../src/engine/peer-contract.js';
import { idlePeer } from './hostile-peers.js';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { ReferenceLink } from '../src/engine/links.js';
import { runSession } from '../src/wiring/session.js';
import { counterIds, systemClock } from '../src/core/clock.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import { testConfig } from './support.js';

const idle: StationPeerModule = { version: '2.0.1', faults: [], start: async () => idlePeer };
const meta = (id: string) => ({
  id,
  title: id,
  ocpp: '2.0.1' as const,
  sut: 'cs' as const,
  block: 'T',
  requirements: ['R'],
  purpose: '',
  fault: 'x',
  timeoutMs: 5000,
});
const slow = defineCase(meta('T_SLOW'), (ctx) => sleep(800, ctx.abort));
const after = defineCase(meta('T_AFTER'), async () => undefined);

async function interrupted(which: 'stop' | 'interrupt') {
  const config = testConfig();
  const schemas = new SchemaRegistry();
  const link = new ReferenceLink({ config, peers: new PeerRegistry([idle], []), schemas, clock: systemClock, ids: counterIds('m') });
  const stop = new AbortController();
  const interrupt = new AbortController();
  let started = 0;
  // Ctrl-C shortly after the slow case has started.
  const onEvent = (e: { type: string }) => {
    if (e.type !== 'case-start' || started) return;
    started = Date.now();
    setTimeout(() => {
      stop.abort('interrupted by the user');
      if (which === 'interrupt') interrupt.abort('interrupted by the user (second Ctrl-C)');
    }, 150);
  };
  const res = await runSession({
    plan: [slow, after],
    config,
    link,
    mode: 'reference',
    schemas,
    abort: stop.signal,
    interrupt: interrupt.signal,
    listeners: [onEvent],
  });
  await link.close();
  return { verdicts: res.outcomes.map((o) => o.result), ms: Date.now() - started };
}

describe('Ctrl-C', () => {
  it('the first Ctrl-C lets the running case finish and skips the cases after it', async () => {
    const { verdicts } = await interrupted('stop');
    expect(verdicts[0]).toEqual({ verdict: 'pass' });
    expect(verdicts[1]).toMatchObject({ verdict: 'skipped' });
  });

  it('a second Ctrl-C stops the running case: skipped as interrupted, not a harness error', async () => {
    const { verdicts, ms } = await interrupted('interrupt');
    expect(verdicts[0]).toMatchObject({ verdict: 'skipped', reason: expect.stringMatching(/interrupted/) });
    expect(verdicts[1]).toMatchObject({ verdict: 'skipped' });
    expect(ms).toBeLessThan(700);
  });

  it('the CLI says what Ctrl-C does, and a run interrupted by it has no error verdict', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ocpp-harness-test-'));
    const child = spawn(
      process.execPath,
      [resolve('dist/src/cli/main.js'), 'run', '--reference', '--ocpp', '2.0.1', '--cases', 'TC_B_0*', '--concurrency', '1', '--out', out],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    const log = join(out, 'run.jsonl');
    const deadline = Date.now() + 20_000;
    while (!(existsSync(log) && readFileSync(log, 'utf8').includes('"case-start"')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/finishing the current case/);
    expect(stderr).toMatch(/Ctrl-C again/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      interrupted: boolean;
      cases: { verdict: { verdict: string } }[];
    };
    expect(results.interrupted).toBe(true);
    expect(results.cases.map((c) => c.verdict.verdict)).not.toContain('error');
    expect(results.cases[0].verdict.verdict).not.toBe('skipped');
  }, 40_000);
});
