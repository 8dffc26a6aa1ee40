import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { parseFrame } from '../src/protocol/framing.js';
import { errorCodes } from '../src/protocol/errors.js';
import { SchemaValidator } from '../src/protocol/schemas.js';
import { OCPP_VERSIONS } from '../src/core/versions.js';
import { Random, hash32 } from '../src/fuzz/random.js';
import { generateValid } from '../src/fuzz/generate.js';
import { expectedErrorCodes, mutations, type Mutation } from '../src/fuzz/mutate.js';
import { fuzzPlan, recordLine } from '../src/fuzz/plan.js';
import { actionsFor, isSendAction, wrongDirectionActions } from '../src/fuzz/directions.js';
import { shrink } from '../src/fuzz/shrink.js';
import { judge } from '../src/fuzz/judge.js';

// One validator per version for the whole file: compiling schemas dominates the run time.
const validators = Object.fromEntries(OCPP_VERSIONS.map((v) => [v, new SchemaValidator(v)])) as Record<
  (typeof OCPP_VERSIONS)[number],
  SchemaValidator
>;

const draws = (r: Random, n = 8) => Array.from({ length: n }, () => r.nextU32());

describe('Random', () => {
  it('is deterministic per seed, and numbers equal their decimal text', () => {
    expect(draws(new Random('abc'))).toEqual(draws(new Random('abc')));
    expect(draws(new Random(42))).toEqual(draws(new Random('42')));
    expect(draws(new Random('abc'))).not.toEqual(draws(new Random('abd')));
  });

  it('gives the same values on every machine (pinned sequence)', () => {
    // Pinned so a change to the PRNG (which would silently change every recorded plan) fails here.
    const r = new Random('ocpp');
    const pinned = [r.int(0, 1000), r.int(0, 1000), r.string(6), r.bool(0.5)];
    expect(pinned).toEqual([779, 823, 'hc4ih0', false]);
    expect(hash32('ocpp')).toMatch(/^[0-9a-f]{8}$/);
  });

  it('keeps int/pick/bool/string within their bounds', () => {
    const r = new Random(7);
    for (let i = 0; i < 2000; i++) {
      const n = r.int(-3, 5);
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(5);
      expect(Number.isInteger(n)).toBe(true);
    }
    const seen = new Set(Array.from({ length: 200 }, () => r.pick(['a', 'b', 'c'])));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
    expect(Array.from({ length: 100 }, () => r.bool(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => r.bool(1)).every(Boolean)).toBe(true);
    expect(r.string(10, 'xy')).toMatch(/^[xy]{10}$/);
  });

  it('is the only randomness in src/fuzz (no Math.random)', () => {
    const dir = new URL('../src/fuzz/', import.meta.url);
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.ts'))) {
      expect(readFileSync(new URL(f, dir), 'utf8')).not.toMatch(/Math\.random\s*\(/);
    }
  });

  it('forks are independent of how much of the parent was consumed', () => {
    const a = new Random('s');
    const b = new Random('s');
    draws(b, 100);
    expect(draws(a.fork('x'))).toEqual(draws(b.fork('x')));
    expect(draws(a.fork('x'))).not.toEqual(draws(a.fork('y')));
    expect(draws(a.fork('x'))).not.toEqual(draws(new Random('s')));
  });
});

describe('directions', () => {
  it.each(OCPP_VERSIONS)('%s: the two directions cover exactly the schema actions', (version) => {
    const v = validators[version];
    const toCsms = actionsFor(version, 'to-csms');
    const toCs = actionsFor(version, 'to-cs');
    expect([...new Set([...toCsms, ...toCs])].sort()).toEqual(v.actions());
    // DataTransfer is the only action both sides initiate.
    expect(toCsms.filter((a) => toCs.includes(a))).toEqual(['DataTransfer']);
    expect(toCsms).toContain('BootNotification');
    expect(wrongDirectionActions(version, 'to-csms')).not.toContain('DataTransfer');
  });

  it('knows the 2.1 additions and its SEND message', () => {
    expect(actionsFor('2.1', 'to-csms')).toEqual(
      expect.arrayContaining(['BatterySwap', 'NotifyPeriodicEventStream', 'VatNumberValidation', 'PullDynamicScheduleUpdate']),
    );
    expect(actionsFor('2.1', 'to-cs')).toEqual(
      expect.arrayContaining(['AFRRSignal', 'SetDERControl', 'UsePriorityCharging', 'GetTariffs']),
    );
    expect(isSendAction('2.1', 'NotifyPeriodicEventStream')).toBe(true);
    expect(isSendAction('2.0.1', 'NotifyEvent')).toBe(false);
  });
});

describe('generateValid', () => {
  it.each(OCPP_VERSIONS)('%s: every action, both directions, 20 seeds each, validates', (version) => {
    const v = validators[version];
    let checked = 0;
    const failures: string[] = [];
    for (const action of v.actions()) {
      for (const direction of ['request', 'response'] as const) {
        const schema = v.schema(action, direction);
        if (!schema) continue;
        for (let seed = 0; seed < 20; seed++) {
          const payload = generateValid(schema, new Random(`${version}/${action}/${direction}/${seed}`));
          const res = v.validate(action, direction, payload);
          checked++;
          if (!res.valid) failures.push(`${action} ${direction} seed ${seed}: ${res.violations.map((x) => x.message).join('; ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(v.actions().length * 20);
  });

  it('is deterministic and includes optional fields only sometimes', () => {
    const schema = validators['2.0.1'].schema('BootNotification', 'request')!;
    const a = generateValid(schema, new Random('x'));
    expect(generateValid(schema, new Random('x'))).toEqual(a);
    const withModem = Array.from(
      { length: 40 },
      (_, i) => generateValid(schema, new Random(i)) as { chargingStation: { modem?: unknown } },
    ).filter((p) => p.chargingStation.modem !== undefined).length;
    expect(withModem).toBeGreaterThan(0);
    expect(withModem).toBeLessThan(40);
    expect(generateValid(schema, new Random(1), { optionalProbability: 0 })).toEqual({
      chargingStation: expect.objectContaining({ model: expect.any(String), vendorName: expect.any(String) }),
      reason: expect.any(String),
    });
  });
});

/** Mutations of a sample of actions in every version (a few seeds each). */
function sample(): Array<{ version: (typeof OCPP_VERSIONS)[number]; m: Mutation }> {
  const out: Array<{ version: (typeof OCPP_VERSIONS)[number]; m: Mutation }> = [];
  for (const version of OCPP_VERSIONS) {
    const v = validators[version];
    for (const action of v.actions()) {
      for (let seed = 0; seed < 2; seed++) {
        const r = new Random(`sample/${version}/${action}/${seed}`);
        const payload = generateValid(v.schema(action, 'request')!, r.fork('payload'));
        for (const m of mutations(r.fork('m'), action, payload, version, { validator: v })) out.push({ version, m });
      }
    }
  }
  return out;
}

describe('mutations', () => {
  const all = sample();

  it('covers every mutator family', () => {
    const names = new Set(all.map((x) => x.m.mutator));
    for (const n of [
      'remove-required',
      'unknown-field',
      'type-swap',
      'null-optional',
      'string-length',
      'numeric-bound',
      'date',
      'uri',
      'enum',
      'deep-nesting',
      'encoding',
      'injection',
      'empty-payload',
      'action-name',
      'message-type',
      'message-id',
      'duplicate-id',
      'arity',
      'payload-not-object',
      'trailing-garbage',
      'truncated',
      'non-json',
      'unsolicited-response',
    ]) {
      expect(names).toContain(n);
    }
  });

  it('every claimed schema violation is invalid per the schema, and claimed-valid values are valid', () => {
    const wrong: string[] = [];
    let schemaClaims = 0;
    for (const { version, m } of all) {
      if (m.violation !== 'schema' && !(m.violation === 'none' && m.mutator !== 'duplicate-id' && m.mutator !== 'unsolicited-response'))
        continue;
      const f = parseFrame(m.frame);
      if (f.kind !== 'call' && f.kind !== 'send') {
        wrong.push(`${m.id}: not a call (${f.kind})`);
        continue;
      }
      expect(f.messageId).toBe(m.messageId);
      const valid = validators[version].validate(m.action, 'request', f.payload).valid;
      if (m.violation === 'schema') schemaClaims++;
      if (m.violation === 'schema' && valid) wrong.push(`${version} ${m.id}: claimed invalid, validates`);
      // Deep nesting in an open object (customData) is valid; everything else claimed valid must be.
      if (m.violation === 'none' && !valid && m.mutator !== 'deep-nesting')
        wrong.push(`${version} ${m.id}: claimed valid, does not validate`);
    }
    expect(wrong).toEqual([]);
    expect(schemaClaims).toBeGreaterThan(1000);
  });

  it('frame-level mutations claimed malformed are malformed per parseFrame', () => {
    const wrong = all.filter(({ m }) => m.violation === 'frame' && parseFrame(m.frame).kind !== 'malformed').map(({ m }) => m.id);
    expect(wrong).toEqual([]);
    // The pre-2.1 "message-type" frames are well-formed frames of a type the version lacks.
    const typed = all.filter(({ m }) => m.violation === 'message-type');
    expect(typed.length).toBeGreaterThan(0);
    for (const { version } of typed) expect(version).not.toBe('2.1');
  });

  it('action-name mutations use an action the version does not define', () => {
    for (const { version, m } of all.filter(({ m }) => m.violation === 'action')) {
      const f = parseFrame(m.frame);
      expect(f.kind === 'call' || f.kind === 'send').toBe(true);
      if (f.kind === 'call' || f.kind === 'send') expect(validators[version].hasAction(f.action)).toBe(false);
    }
  });

  it('ids are unique per payload and never contain random values; frames have no raw line feed', () => {
    const r = new Random('ids');
    const v = validators['2.0.1'];
    const p = generateValid(v.schema('BootNotification', 'request')!, r.fork('p'));
    const ms = mutations(r.fork('m'), 'BootNotification', p, '2.0.1', { validator: v });
    expect(new Set(ms.map((m) => m.id)).size).toBe(ms.length);
    expect(ms.map((m) => m.id)).toEqual(expect.arrayContaining([expect.stringMatching(/^BootNotification\/remove-required\/[\w.]+$/)]));
    for (const m of ms) expect(m.id).not.toContain(m.messageId ?? '\u0000');
    for (const { m } of all) expect(m.frame.includes('\n') || m.frame.includes('\r')).toBe(false);
  });

  it('builds the 10 000-deep nesting frame as text without a stack overflow', () => {
    const deep = all.filter(({ m }) => m.mutator === 'deep-nesting');
    expect(deep.length).toBeGreaterThan(0);
    const m = deep.find(({ m }) => m.id.endsWith('/arrays'))!.m;
    expect(m.frame).toContain('['.repeat(10_000));
    // V8's JSON.parse is iterative, so the frame is real JSON the SUT must cope with.
    const f = parseFrame(m.frame);
    expect(f.kind === 'call' || f.kind === 'send').toBe(true);
  });

  it('gives version-specific acceptable error codes', () => {
    for (const { version, m } of all.slice(0, 3000)) {
      const codes = expectedErrorCodes(version, m);
      for (const c of codes) expect(errorCodes(version)).toContain(c);
      if (m.expectation === 'no-response') expect(codes).toEqual([]);
      else expect(codes.length).toBeGreaterThan(0);
    }
    const missing = all.find(({ version, m }) => version === '1.6' && m.mutator === 'remove-required')!;
    expect(expectedErrorCodes('1.6', missing.m)).toContain('OccurenceConstraintViolation');
    const badType = all.find(({ version, m }) => version === '2.0.1' && m.mutator === 'message-type' && m.violation === 'frame')!;
    expect(expectedErrorCodes('2.0.1', badType.m)).toEqual(expect.arrayContaining(['MessageTypeNotSupported', 'RpcFrameworkError']));
  });

  it('frames a 2.1 SEND action as [6] and expects no answer to it', () => {
    const s = all.filter(({ version, m }) => version === '2.1' && m.action === 'NotifyPeriodicEventStream' && m.violation === 'schema');
    expect(s.length).toBeGreaterThan(0);
    for (const { m } of s) {
      expect(m.frame.startsWith('[6,')).toBe(true);
      expect(m.expectation).toBe('no-response');
    }
  });
});

describe('fuzzPlan', () => {
  const frames = (
    seed: string | number,
    count: number,
    version: (typeof OCPP_VERSIONS)[number] = '2.0.1',
    direction: 'to-csms' | 'to-cs' = 'to-csms',
  ) => [...fuzzPlan({ version, direction, seed, count, validator: validators[version] })].map((m) => m.frame);

  it('is byte-identical for one seed and differs between seeds', () => {
    const a = frames('seed-1', 300);
    expect(a).toHaveLength(300);
    expect(frames('seed-1', 300)).toEqual(a);
    const b = frames('seed-2', 300);
    expect(b).not.toEqual(a);
    // A shorter plan is a prefix of a longer one.
    expect(frames('seed-1', 50)).toEqual(a.slice(0, 50));
    // Recording is the frame plus a newline; reading it back gives the same frames.
    const record = a.map(recordLine).join('');
    expect(record.split('\n').slice(0, -1)).toEqual(a);
  });

  it('round-robins over every action the SUT receives', () => {
    for (const version of OCPP_VERSIONS) {
      for (const direction of ['to-csms', 'to-cs'] as const) {
        const actions = actionsFor(version, direction);
        const plan = [...fuzzPlan({ version, direction, seed: 1, count: actions.length, validator: validators[version] })];
        expect(plan.map((m) => m.action).sort()).toEqual(actions);
        expect(plan.map((m) => m.index)).toEqual(actions.map((_, i) => i));
      }
    }
  });

  it('refills an action with a fresh payload when its mutations run out', () => {
    const plan = [
      ...fuzzPlan({ version: '1.6', direction: 'to-csms', seed: 3, count: 1500, validator: validators['1.6'], actions: ['Heartbeat'] }),
    ];
    expect(plan.every((m) => m.action === 'Heartbeat')).toBe(true);
    expect(Math.max(...plan.map((m) => m.round))).toBeGreaterThan(0);
  });
});

describe('shrink', () => {
  it('reduces a frame that fails while x > 100 to just that field', async () => {
    const frame = JSON.stringify([
      2,
      'abc',
      'Test',
      { a: 'some long text here', b: [1, 2, 3, { c: [4, 5] }], x: 5000, d: { e: { f: 'g' } }, h: true },
    ]);
    const fails = async (f: string) => {
      try {
        const v = JSON.parse(f) as unknown[];
        const p = v[3] as { x?: unknown };
        return typeof p?.x === 'number' && p.x > 100;
      } catch {
        return false;
      }
    };
    const r = await shrink(frame, fails, 200);
    const parsed = JSON.parse(r.frame) as [number, string, string, { x: number }];
    expect(parsed.slice(0, 3)).toEqual([2, 'abc', 'Test']);
    expect(Object.keys(parsed[3])).toEqual(['x']);
    expect(parsed[3].x).toBeGreaterThan(100);
    expect(parsed[3].x).toBeLessThan(5000);
    expect(r.exhausted).toBe(false);
    // Deterministic.
    expect(await shrink(frame, fails, 200)).toEqual(r);
  });

  it('reduces 10 000 levels of nesting to the few that matter, within the step budget', async () => {
    const depth = 10_000;
    const frame = `[2,"id","Test",{"keep":1,"n":${'['.repeat(depth)}${']'.repeat(depth)}}]`;
    const depthOf = (s: string) => {
      const m = /"n":(\[*)/.exec(s);
      return m ? m[1].length : 0;
    };
    const r = await shrink(frame, async (f) => depthOf(f) >= 5, 100);
    expect(depthOf(r.frame)).toBe(5);
    expect(r.frame).toBe('[2,"id","Test",{"n":[[[[[]]]]]}]');
    expect(r.steps).toBeLessThanOrEqual(100);
  });

  it('respects maxSteps and shrinks non-JSON text by deleting chunks', async () => {
    const r = await shrink('xxxxxxxxxxBADxxxxxxxxxx', async (f) => f.includes('BAD'), 1000);
    expect(r.frame).toBe('BAD');
    const bounded = await shrink(JSON.stringify([2, 'a', 'T', { a: 1, b: 2, c: 3, d: 4 }]), async () => false, 3);
    expect(bounded.steps).toBe(3);
    expect(bounded.exhausted).toBe(true);
  });
});

describe('judge', () => {
  const v = validators['2.0.1'];
  const r = new Random('judge');
  const ms = mutations(r, 'BootNotification', generateValid(v.schema('BootNotification', 'request')!, r.fork('p')), '2.0.1', {
    validator: v,
  });
  const removal = ms.find((m) => m.mutator === 'remove-required')!;
  const nonJson = ms.find((m) => m.mutator === 'non-json')!;

  it('passes the expected reactions and reports the others with stable ids', () => {
    expect(judge('2.0.1', removal, { kind: 'callerror', errorCode: 'OccurrenceConstraintViolation' })).toBeUndefined();
    expect(judge('2.0.1', nonJson, { kind: 'silence' })).toBeUndefined();
    expect(judge('2.0.1', nonJson, { kind: 'close', code: 1002 })).toBeUndefined();
    const accepted = judge(
      '2.0.1',
      removal,
      { kind: 'callresult' },
      { target: { url: 'ws://127.0.0.1:9000/CS1', subprotocol: 'ocpp2.0.1' } },
    )!;
    expect(accepted).toMatchObject({
      ruleId: 'SEC-RPC-06',
      requirement: 'OCPPJ20-4.3',
      severity: 'medium',
      cwe: 'CWE-20',
      action: 'BootNotification',
    });
    expect(judge('1.6', removal, { kind: 'callresult' })).toMatchObject({ ruleId: 'SEC-RPC-06', requirement: 'OCPPJ16-4.2.3' });
    expect(accepted.frames).toEqual([removal.frame]);
    expect(accepted.replay).toContain('websocat');
    const again = judge('2.0.1', ms.filter((m) => m.mutator === 'remove-required').at(-1)!, { kind: 'callresult' })!;
    expect(again.id).toBe(accepted.id);
    expect(judge('2.0.1', removal, { kind: 'unresponsive' })).toMatchObject({ severity: 'high' });
    expect(judge('2.0.1', removal, { kind: 'callerror', errorCode: 'NotImplemented' })).toMatchObject({ severity: 'low' });
  });
});
