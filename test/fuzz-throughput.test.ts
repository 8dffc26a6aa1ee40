/**
 * The fuzzer at wire speed: coverage feedback in the plan, crash attribution by replaying the
 * frames since the last good probe, several connections against a CSMS, and no false findings
 * from its short waits. Speeds are measured in `npm run bench`, never here.
 */
import { describe, expect, it } from '@jest/globals';
import { SchemaValidator } from '../src/protocol/schemas.js';
import { fuzzPlan, type PlannedMutation } from '../src/fuzz/plan.js';
import { Coverage, cellOf, renderCoverage } from '../src/fuzz/coverage.js';
import { attributeCrash, type Sent } from '../src/fuzz/attribute.js';
import { rawMessageId, runFuzz } from '../src/fuzz/driver.js';
import { referenceTarget } from '../src/fuzz/targets.js';
import type { FuzzSession } from '../src/fuzz/session.js';
import type { Outcome } from '../src/fuzz/judge.js';
import { PeerRegistry } from '../src/wiring/peer-registry.js';
import { counterIds, systemClock } from '../src/core/clock.js';
import { testConfig } from './support.js';

const validator = new SchemaValidator('2.0.1');

describe('coverage feedback', () => {
  it('spreads a plan over unexplored (action, field, mutator) cells before repeating one', () => {
    const count = 300;
    const plan = { version: '2.0.1', direction: 'to-csms', seed: 'cov', validator, actions: ['TransactionEvent'] } as const;
    const plain = [...fuzzPlan({ ...plan, count })];
    const coverage = new Coverage();
    const steered = [...fuzzPlan({ ...plan, count, coverage })];
    const cells = (plan: PlannedMutation[]) => new Set(plan.map((m) => JSON.stringify(cellOf(m)))).size;
    expect(cells(steered)).toBeGreaterThan(cells(plain));
    const report = coverage.report();
    expect(report.explored).toBe(cells(steered));
    expect(report.known).toBeGreaterThanOrEqual(report.explored);
    // Still deterministic per seed, and a shorter plan is a prefix of a longer one.
    const again = [...fuzzPlan({ ...plan, count: 100, coverage: new Coverage() })];
    expect(again.map((m) => m.frame)).toEqual(steered.slice(0, 100).map((m) => m.frame));
  });

  it('counts answers per cell and renders one line per action', () => {
    const coverage = new Coverage();
    const [a, b] = [...fuzzPlan({ version: '2.0.1', direction: 'to-csms', seed: 'ans', count: 2, validator, coverage })];
    coverage.answered(a, { kind: 'callerror', errorCode: 'FormatViolation' });
    coverage.answered(b, { kind: 'silence' });
    const r = coverage.report();
    expect(r.answers).toEqual({ 'callerror:FormatViolation': 1, silence: 1 });
    const text = renderCoverage(r);
    expect(text).toContain(`${r.explored} of ${r.known}`);
    expect(text).toContain(a.action);
  });
});

describe('raw message ids', () => {
  it('reads the id at the head of any frame without parsing the rest', () => {
    expect(rawMessageId('[2,"abc","Heartbeat",{}]')).toBe('abc');
    expect(rawMessageId('[2, "a\\"b", "X", {')).toBe('a"b');
    expect(rawMessageId(`[2,"big","X",{"s":"${'x'.repeat(100_000)}"`)).toBe('big');
    expect(rawMessageId('not json')).toBeUndefined();
    expect(rawMessageId('[2,{"id":1},"X",{}]')).toBeUndefined();
  });
});

/** A SUT simulated in memory: frame "KILL" makes it unresponsive until restarted; it counts restarts. */
function fakeSut() {
  const state = { dead: false, restarts: 0 };
  const session = (): FuzzSession => {
    let closed = false;
    return {
      get closed() {
        return closed;
      },
      close: () => void (closed = true),
    } as unknown as FuzzSession;
  };
  return {
    state,
    open: async () => (state.dead ? undefined : session()),
    probe: async () => !state.dead,
    send: async (_s: FuzzSession, m: { frame: string }): Promise<Outcome> => {
      if (m.frame.includes('KILL')) state.dead = true;
      return state.dead ? { kind: 'close', code: 1006 } : { kind: 'callerror', errorCode: 'FormatViolation' };
    },
    restart: async () => {
      state.dead = false;
      state.restarts++;
    },
  };
}

const sent = (frame: string, lane = 0): Sent => ({
  m: { frame, messageId: 'x', silenceAllowed: false, expectation: 'callerror' } as unknown as PlannedMutation,
  lane,
});

describe('crash attribution', () => {
  it('finds the frame in the window that kills the SUT, whichever lane sent it, and shrinks it', async () => {
    const sut = fakeSut();
    const frames = [sent('[2,"1","A",{"ok":1}]'), sent('[2,"2","A",{"a":1,"b":"KILL","c":[1,2,3]}]', 2), sent('[2,"3","A",{}]', 1)];
    const found = await attributeCrash({ frames, ...sut, shrinkSteps: 40, timeLeft: () => 10_000 });
    expect(found?.sent).toBe(frames[1]);
    expect(found?.shrunk).toBe('[2,"2","A",{"b":"KILL"}]');
    expect(sut.state.restarts).toBeGreaterThan(1);
  });

  it('gives up (undefined) when no single frame reproduces the crash, or when the time is up', async () => {
    const sut = fakeSut();
    expect(await attributeCrash({ frames: [sent('[2,"1","A",{}]')], ...sut, shrinkSteps: 40, timeLeft: () => 10_000 })).toBeUndefined();
    expect(await attributeCrash({ frames: [sent('"KILL"')], ...sut, shrinkSteps: 40, timeLeft: () => 0 })).toBeUndefined();
  });

  it('without a restart (a real SUT) names the frame but does not shrink it', async () => {
    const sut = fakeSut();
    const frames = [sent('[2,"1","A",{"x":"KILL","y":2}]')];
    const found = await attributeCrash({
      frames,
      open: sut.open,
      probe: sut.probe,
      send: sut.send,
      shrinkSteps: 40,
      timeLeft: () => 10_000,
    });
    expect(found).toEqual({ sent: frames[0] });
  });
});

describe('several connections against the reference CSMS', () => {
  it('runs 4 connections as 4 identities with no finding above info, and reports its coverage', async () => {
    const config = testConfig();
    const target = await referenceTarget({
      sut: 'csms',
      version: '2.0.1',
      config,
      peers: new PeerRegistry(),
      validator,
      clock: systemClock,
      ids: counterIds(),
    });
    const r = await runFuzz({
      version: '2.0.1',
      seed: 'lanes',
      count: 600,
      durationMs: 60_000,
      messageMs: 2000,
      connections: 4,
      validator,
      target,
    });
    expect(r.connections).toBe(4);
    expect(r.mutations).toBe(600);
    expect(r.ended).toBe('count');
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.coverage.explored).toBeGreaterThan(300);
    expect(Object.values(r.coverage.answers).reduce((a, b) => a + b, 0)).toBe(600);
  }, 120_000);
});
