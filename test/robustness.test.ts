import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import bootCs from '../testcases/ocpp201/B/TC_B_01_CS.js';
import bootCsms from '../testcases/ocpp201/B/TC_B_01_CSMS.js';
import { defineCase } from '../src/engine/case.js';
import type { StationPeerModule } from '../src/engine/peer-contract.js';
import { runAgainst, testConfig } from './support.js';
import { hostileCsms, hostileStation, idlePeer } from './hostile-peers.js';
import { pkiDirFor } from '../src/engine/links.js';
import { closeBrowser, expectSoundReports } from './report-checks.js';

const noop = idlePeer;

const fast = testConfig({ messageMs: 300, connectMs: 300, caseMs: 5000 });

// The run's temporary PKI is built once per process; build it here so no timing below includes it.
beforeAll(() => pkiDirFor(fast, true), 60_000);
afterAll(() => closeBrowser());

async function verdictOf(def: typeof bootCs, peers: Parameters<typeof runAgainst>[1]) {
  const started = Date.now();
  const res = await runAgainst([def], peers, fast);
  return { result: res.outcomes[0].result, ms: Date.now() - started, run: res.run };
}

describe('a hostile charging station cannot crash or hang the mock CSMS', () => {
  it('garbage frames: the case fails at the boot check, in bounded time', async () => {
    const { result, ms, run } = await verdictOf(bootCs, {
      stations: [
        hostileStation((ws) =>
          ['', 'garbage', '[2]', '{"a":1}', '[2,"1","BootNotification","x"]', Buffer.from([0xff, 0x00]).toString()].forEach((f) =>
            ws.send(f),
          ),
        ),
      ],
    });
    expect(result.verdict).toBe('fail');
    expect(result).toMatchObject({ requirement: 'B01.FR.01' });
    expect(ms).toBeLessThan(4000);
    // Every inbound frame was recorded, garbage included.
    expect(run.cases[0].log.filter((l) => l.type === 'wire' && l.dir === 'in').length).toBeGreaterThanOrEqual(6);
  });

  it('a socket closed right after connecting fails the case', async () => {
    const { result, ms } = await verdictOf(bootCs, { stations: [hostileStation((ws) => ws.close())] });
    expect(result.verdict).toBe('fail');
    expect(ms).toBeLessThan(4000);
  });

  it('a station that never connects fails, not hangs', async () => {
    const never: StationPeerModule = { version: '2.0.1', faults: [], start: async () => noop };
    const { result, ms } = await verdictOf(bootCs, { stations: [never] });
    expect(result).toMatchObject({ verdict: 'fail', actual: expect.stringContaining('nothing received') });
    expect(ms).toBeLessThan(4000);
  });

  it('a schema-violating BootNotification fails the check naming the requirement', async () => {
    const { result } = await verdictOf(bootCs, {
      stations: [hostileStation((ws) => ws.send('[2,"b1","BootNotification",{"reason":"Bored"}]'))],
    });
    expect(result).toMatchObject({ verdict: 'fail', requirement: 'B01.FR.01' });
    expect((result as { actual: string }).actual).toMatch(/chargingStation|reason/);
  });

  it('a flood of frames is recorded and survived', async () => {
    const { result, run } = await verdictOf(bootCs, {
      stations: [
        hostileStation((ws) => {
          for (let i = 0; i < 2000; i++) ws.send(`[2,"f${i}","Heartbeat",{}]`);
        }),
      ],
    });
    expect(result.verdict).toBe('fail');
    await expectSoundReports(run);
  }, 30_000);
});

describe('a hostile CSMS cannot crash or hang the mock station', () => {
  it('no answer: the call fails with "no response"', async () => {
    const { result, ms, run } = await verdictOf(bootCsms, { csmss: [hostileCsms(() => undefined)] });
    expect(result).toMatchObject({ verdict: 'fail', requirement: 'B01.FR.02', actual: expect.stringContaining('no response') });
    expect(ms).toBeLessThan(4000);
    await expectSoundReports(run);
  }, 30_000);
  it('closing on connect fails at once', async () => {
    const { result, ms } = await verdictOf(bootCsms, { csmss: [hostileCsms((ws) => ws.close(1011))] });
    expect(result.verdict).toBe('fail');
    expect(ms).toBeLessThan(4000);
  });
  it('garbage answers fail', async () => {
    const { result } = await verdictOf(bootCsms, { csmss: [hostileCsms((ws) => ws.on('message', () => ws.send('][')))] });
    expect(result.verdict).toBe('fail');
  });
  it('an answer that violates the schema fails naming the requirement', async () => {
    const { result } = await verdictOf(bootCsms, {
      csmss: [hostileCsms((ws) => ws.on('message', (d) => ws.send(JSON.stringify([3, JSON.parse(d.toString())[1], { status: 'Maybe' }]))))],
    });
    expect(result).toMatchObject({ verdict: 'fail', requirement: 'B01.FR.02' });
  });
  it('a refused handshake fails the connect step', async () => {
    const { result } = await verdictOf(bootCsms, { csmss: [hostileCsms(() => undefined, 500)] });
    expect(result).toMatchObject({ verdict: 'fail', actual: expect.stringContaining('500') });
  });
});

describe('the runner always ends a case with a verdict', () => {
  const station: StationPeerModule = { version: '2.0.1', faults: [], start: async () => noop };
  it('a body that hangs forever is inconclusive at the case limit', async () => {
    const hang = defineCase(
      { id: 'T_HANG', title: 'hang', ocpp: '2.0.1', sut: 'cs', block: 'T', requirements: ['R'], purpose: '', fault: 'x', timeoutMs: 300 },
      () => new Promise(() => undefined),
    );
    const res = await runAgainst([hang], { stations: [station] }, fast);
    expect(res.outcomes[0].result).toMatchObject({ verdict: 'inconclusive', reason: expect.stringContaining('300 ms') });
  });
  it('a harness bug in a body is an error, not a fail', async () => {
    const broken = defineCase(
      { id: 'T_BUG', title: 'bug', ocpp: '2.0.1', sut: 'cs', block: 'T', requirements: ['R'], purpose: '', fault: 'x' },
      async () => {
        throw new TypeError('oops');
      },
    );
    const res = await runAgainst([broken], { stations: [station] }, fast);
    expect(res.outcomes[0].result).toMatchObject({ verdict: 'error', reason: 'oops' });
  });
  it('a manual step without an adapter is inconclusive, never a hang', async () => {
    const manual = defineCase(
      { id: 'T_MANUAL', title: 'manual', ocpp: '2.0.1', sut: 'cs', block: 'T', requirements: ['R'], purpose: '', fault: 'x' },
      async (ctx) => {
        await ctx.manual('plugIn', { evseId: 1 }, 'plug in');
      },
    );
    const res = await runAgainst([manual], { stations: [station] }, fast);
    expect(res.outcomes[0].result).toMatchObject({ verdict: 'inconclusive' });
  });
  it('undeclared features make a case not-applicable without touching the SUT', async () => {
    const pics = defineCase(
      {
        id: 'T_PICS',
        title: 'pics',
        ocpp: '2.0.1',
        sut: 'cs',
        block: 'T',
        requirements: ['R'],
        purpose: '',
        fault: 'x',
        features: ['Reservation'],
      },
      async () => {
        throw new Error('must not run');
      },
    );
    const res = await runAgainst([pics], { stations: [station] }, { ...fast, features: [] });
    expect(res.outcomes[0].result).toMatchObject({ verdict: 'not-applicable', reason: expect.stringContaining('Reservation') });
  });
});
