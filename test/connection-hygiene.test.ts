/**
 * Issue 9, classes 1 and 8: the harness station closes and pauses before dialing again as the same
 * identity (within a case and across cases against a real CSMS), a CSMS that is not there makes
 * cases inconclusive and stops the run, a refusal counts only beside an accepted control dial, and a
 * manual step whose adapter failed is not done.
 */
import { describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { defineCase } from '../src/engine/case.js';
import { RealCsmsLink } from '../src/engine/links.js';
import { commandAdapter, noAdapter, type ManualAdapter } from '../src/engine/adapter.js';
import { judgeRefusal } from '../src/kit/dial.js';
import type { AnyCaseContext } from '../src/kit/contexts.js';
import { runOnLink, testConfig } from './support.js';

type Answer = 'accept' | 'close' | number;

/**
 * A CSMS like the real ones that broke: it refuses (409) a second connection for an identity
 * whose session is still live, and cleans a closed session up only `cleanupMs` after the close.
 */
async function strictCsms(o: { cleanupMs: number; answer?: (auth: string | undefined) => Answer }) {
  const live = new Map<string, number>();
  let refusedAsLive = 0;
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (p) => [...p][0] ?? false });
  server.on('upgrade', (req, socket, head) => {
    const identity = (req.url ?? '/').split('/').pop() ?? '';
    const answer = o.answer?.(req.headers.authorization) ?? 'accept';
    if ((live.get(identity) ?? 0) > 0) {
      refusedAsLive += 1;
      socket.end('HTTP/1.1 409 Conflict\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (typeof answer === 'number') {
      socket.end(`HTTP/1.1 ${answer} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      live.set(identity, (live.get(identity) ?? 0) + 1);
      ws.on('close', () => setTimeout(() => live.set(identity, (live.get(identity) ?? 1) - 1), o.cleanupMs));
      // Answers every CALL (the liveness probe's Heartbeat).
      ws.on('message', (data) => {
        const f = JSON.parse(String(data)) as unknown[];
        if (f[0] === 2) ws.send(JSON.stringify([3, f[1], { currentTime: new Date().toISOString() }]));
      });
      if (answer === 'close') setTimeout(() => ws.close(1008, 'not allowed'), 20);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ocpp`,
    refusedAsLive: () => refusedAsLive,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => server.close(r));
    },
  };
}

const meta = (id: string) => ({
  id,
  title: id,
  ocpp: '2.0.1' as const,
  sut: 'csms' as const,
  block: 'T',
  requirements: ['B01.FR.01'],
  purpose: '',
  fault: 'x',
  timeoutMs: 8000,
});

/** Dials, and dials again without closing first (a reconnect step). */
const reconnects = (id: string) =>
  defineCase(meta(id), async (ctx) => {
    await ctx.station.connect();
    await ctx.station.connect();
  });

async function run(plan: ReturnType<typeof defineCase>[], target: string, o: { pauseMs?: number; adapter?: ManualAdapter } = {}) {
  const config = testConfig(
    { reconnectPauseMs: o.pauseMs ?? 300, connectMs: 1000 },
    { security: { profile: 1, basicAuthPassword: 'right-password-0123456789' } },
  );
  const link = new RealCsmsLink({ target, config, adapter: o.adapter ?? noAdapter });
  const res = await runOnLink(plan, config, link);
  return res.outcomes.map((x) => x.result);
}

async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('class 1: reconnecting as the same identity', () => {
  it('closes, waits for the close and pauses before every dial, within a case and across cases', async () => {
    const csms = await strictCsms({ cleanupMs: 150 });
    try {
      const results = await run([reconnects('T_A'), reconnects('T_B'), reconnects('T_C')], csms.url);
      expect(results.map((r) => r.verdict)).toEqual(['pass', 'pass', 'pass']);
      expect(csms.refusedAsLive()).toBe(0);
    } finally {
      await csms.close();
    }
  });

  it('the peer is realistic: without the pause the same plan is refused as "already connected"', async () => {
    const csms = await strictCsms({ cleanupMs: 150 });
    try {
      const results = await run([reconnects('T_A'), reconnects('T_B')], csms.url, { pauseMs: 0 });
      expect(results.some((r) => r.verdict === 'fail')).toBe(true);
      expect(csms.refusedAsLive()).toBeGreaterThan(0);
    } finally {
      await csms.close();
    }
  });
});

describe('class 1: the liveness probe after a security case', () => {
  const attack = defineCase({ ...meta('T_ATTACK'), suite: 'security' }, async (ctx) => {
    await ctx.station.connect();
  });
  it('re-dials only after the close and the pause, so a CSMS with asynchronous cleanup is not reported dead', async () => {
    const csms = await strictCsms({ cleanupMs: 150 });
    const other = await strictCsms({ cleanupMs: 150 });
    try {
      expect((await run([attack], csms.url))[0].verdict).toBe('pass');
      expect((await run([attack], other.url, { pauseMs: 0 }))[0]).toMatchObject({ verdict: 'fail', requirement: 'SEC-LIVE-01' });
    } finally {
      await csms.close();
      await other.close();
    }
  });
});

describe('class 8: an outage is not a verdict', () => {
  it('nothing listening: every case is inconclusive, and after a failed re-check no further case starts', async () => {
    const target = `ws://127.0.0.1:${await closedPort()}/ocpp`;
    let bodies = 0;
    const counted = (id: string) =>
      defineCase(meta(id), async (ctx) => {
        bodies += 1;
        await ctx.station.connect();
      });
    const results = await run([counted('T_1'), counted('T_2'), counted('T_3')], target);
    expect(results.map((r) => r.verdict)).toEqual(['inconclusive', 'inconclusive', 'inconclusive']);
    expect(results[0]).toMatchObject({ reason: expect.stringMatching(/^the SUT was not reachable: .*ECONNREFUSED/) });
    expect(results[2]).toMatchObject({ reason: expect.stringContaining('the run stopped starting cases against it') });
    expect(bodies).toBe(1);
  });

  it('a host name that does not resolve is an outage too', async () => {
    const results = await run([reconnects('T_1')], 'ws://no-such-host.invalid:9/ocpp');
    expect(results[0]).toMatchObject({ verdict: 'inconclusive', reason: expect.stringContaining('ENOTFOUND') });
  });

  const refusalCase = defineCase(meta('T_REFUSE'), async (ctx) => {
    const bad = await ctx.station.tryConnect({ password: 'wrong-password-0123456789' });
    const judged = await judgeRefusal(ctx as unknown as AnyCaseContext, bad);
    ctx.check(judged.refused, 'B01.FR.01', 'the wrong password is refused', judged.outcome);
  });

  it('a refusal counts when the correct dial beside it is accepted, whether it is a 401 or a 101 then close', async () => {
    const right = (auth: string | undefined) =>
      Buffer.from((auth ?? '').replace(/^Basic /, ''), 'base64')
        .toString()
        .startsWith('CP-TEST:right');
    const byStatus = await strictCsms({ cleanupMs: 0, answer: (auth) => (right(auth) ? 'accept' : 401) });
    const byClose = await strictCsms({ cleanupMs: 0, answer: (auth) => (right(auth) ? 'accept' : 'close') });
    try {
      expect((await run([refusalCase], byStatus.url))[0].verdict).toBe('pass');
      expect((await run([refusalCase], byClose.url))[0].verdict).toBe('pass');
    } finally {
      await byStatus.close();
      await byClose.close();
    }
  });

  it('a CSMS that refuses every dial proves nothing: the refusal check is inconclusive, not a pass', async () => {
    const refusesAll = await strictCsms({ cleanupMs: 0, answer: () => 401 });
    try {
      const [r] = await run([refusalCase], refusesAll.url);
      expect(r).toMatchObject({ verdict: 'inconclusive', reason: expect.stringContaining('a correct dial right beside it') });
    } finally {
      await refusesAll.close();
    }
  });

  it('a manual step whose adapter fails (exit code, HTTP error) is not done: inconclusive', async () => {
    const csms = await strictCsms({ cleanupMs: 0 });
    const step = defineCase(meta('T_MANUAL'), async (ctx) => {
      await ctx.station.connect();
      await ctx.manual('csmsSend', { message: 'Reset' }, 'Make the CSMS send Reset');
      ctx.check(false, 'B01.FR.01', 'never reached', 'the step was taken as done');
    });
    try {
      const [r] = await run([step], csms.url, { adapter: commandAdapter('echo backend down >&2; exit 3') });
      expect(r).toMatchObject({ verdict: 'inconclusive', reason: expect.stringContaining('exited 3') });
    } finally {
      await csms.close();
    }
  });
});
