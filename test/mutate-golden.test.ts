import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { SchemaValidator } from '../src/protocol/schemas.js';
import type { OcppVersion } from '../src/core/versions.js';
import { Random } from '../src/fuzz/random.js';
import { generateValid } from '../src/fuzz/generate.js';
import { expectedErrorCodes, mutations, type Mutation, type MutationOptions } from '../src/fuzz/mutate.js';
import { fuzzPlan } from '../src/fuzz/plan.js';
import { actionsFor, type FuzzDirection } from '../src/fuzz/directions.js';

/*
 * Golden digests of mutations(): the fuzzer's determinism is a feature (a seed names its frames,
 * `--record` files must replay), so any change to the frames, their order, ids, descriptions or
 * expectations changes a digest here. Update a constant only for an intended change of the
 * generated frames, and say so in the commit message.
 */

const VERSIONS: OcppVersion[] = ['1.6', '2.0.1', '2.1'];
const DIRECTIONS: FuzzDirection[] = ['to-csms', 'to-cs'];
// Small sizes keep the digested text short; the default sizes are covered by DEFAULT_SIZE_CASES.
const SMALL: MutationOptions = { hugeLength: 300, nestingDepth: 40 };

const validators = new Map<OcppVersion, SchemaValidator>();
const validatorFor = (v: OcppVersion): SchemaValidator => {
  let s = validators.get(v);
  if (!s) validators.set(v, (s = new SchemaValidator(v)));
  return s;
};

/** The mutations of one fixed input: a payload generated from a seed named after the input. */
function mutationsOf(version: OcppVersion, action: string, seed: string, opts: MutationOptions): Mutation[] {
  const validator = validatorFor(version);
  const root = new Random(`golden/${seed}/${version}/${action}`);
  const payload = generateValid(validator.schema(action, 'request')!, root.fork('payload'));
  return mutations(root.fork('mutations'), action, payload, version, { ...opts, validator });
}

const sha256 = (parts: Iterable<string>): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\n');
  return h.digest('hex');
};

/** Every action the SUT receives in this version and direction, mutated with small sizes. */
function directionDigest(version: OcppVersion, direction: FuzzDirection, seen: Set<string>): string {
  const validator = validatorFor(version);
  const parts: string[] = [];
  for (const action of actionsFor(version, direction).filter((a) => validator.hasAction(a))) {
    const list = mutationsOf(version, action, 'small', SMALL);
    for (const m of list) seen.add(m.mutator);
    parts.push(`${action} ${JSON.stringify(list)}`);
    parts.push(JSON.stringify(list.map((m) => expectedErrorCodes(version, m))));
  }
  return sha256(parts);
}

const EXPECTED_DIRECTION_DIGESTS: Record<string, string> = {
  '1.6 to-csms': '575d6565fc4a1447ae77612065b911bf399d677fa6e55406d844cbd626ade03a',
  '1.6 to-cs': 'be9328debb5d862d79dc8af82f6c0af7db09d4c60806099efe299ea676afcdbc',
  '2.0.1 to-csms': '7d5cbe21955b20013a44272ae09642a3dde4a8247f98172539d8b5c992d6cb5b',
  '2.0.1 to-cs': '86c77bbc0fa84a261cdc7a2f5e742b0fbeefab8c80948aecca43c8a6c9290381',
  '2.1 to-csms': '89d52f0babf56e9e88c4b3093d669885dcfbe1069aa08a4f7ab2da08041a10be',
  '2.1 to-cs': '523d225ee2ebce25ef143ffbe80385e72810ad0b4bc03e48efa6a76746df7a65',
};

/** Default option values (64 KiB strings, 10 000-deep nesting) and the non-default switches. */
const DEFAULT_SIZE_CASES: Array<[OcppVersion, string, MutationOptions]> = [
  ['1.6', 'BootNotification', {}],
  ['1.6', 'ChangeConfiguration', {}],
  ['1.6', 'StartTransaction', { maxTargets: 5 }],
  ['2.0.1', 'BootNotification', {}],
  ['2.0.1', 'SetVariables', {}],
  ['2.0.1', 'TransactionEvent', { maxTargets: 5 }],
  ['2.0.1', 'UpdateFirmware', { maxTargets: 4 }],
  ['2.0.1', 'Authorize', { send: true }],
];
const EXPECTED_DEFAULT_SIZE_DIGEST = 'e1e823d6513d53af5c3ed877534421712ea02e0d95ec43fc351abab7705a22b4';

/** A whole fuzz plan, as the CLI's `fuzz` command builds it. */
const EXPECTED_PLAN_DIGESTS: Record<string, string> = {
  '1.6 to-cs': 'e51775d3b5dd1b20aa6b1ef78fad3505c47e7b2bce6a30c360d6c0572f16b607',
  '2.0.1 to-csms': '5c451e79861ffc365c63e5df9ac16f5fb7a0ecf1cf20a86758c7e3febb907f91',
};

/** How many names the MutatorName union has (test/fuzz.test.ts lists them). */
const MUTATOR_COUNT = 23;

describe('mutations() golden output', () => {
  it('is byte-identical for every action of every version and direction', () => {
    const seen = new Set<string>();
    const actual: Record<string, string> = {};
    for (const version of VERSIONS)
      for (const direction of DIRECTIONS) actual[`${version} ${direction}`] = directionDigest(version, direction, seen);
    expect(actual).toEqual(EXPECTED_DIRECTION_DIGESTS);
    // The digests only pin what the inputs exercise: make sure that is every mutator (each is a
    // MutatorName, so as many distinct ones as the union has names is all of them).
    expect(seen.size).toBe(MUTATOR_COUNT);
  });

  it('is byte-identical with the default sizes and non-default options', () => {
    const parts = DEFAULT_SIZE_CASES.map(([version, action, opts]) => JSON.stringify(mutationsOf(version, action, 'default', opts)));
    // An action without a schema (frame-level mutations only), spelt in lower case.
    parts.push(
      JSON.stringify(mutations(new Random('golden/no-schema'), 'nosuchaction', {}, '2.0.1', { validator: validatorFor('2.0.1') })),
    );
    expect(sha256(parts)).toBe(EXPECTED_DEFAULT_SIZE_DIGEST);
  });

  it('gives byte-identical fuzz plans', () => {
    const actual: Record<string, string> = {};
    for (const key of Object.keys(EXPECTED_PLAN_DIGESTS)) {
      const [version, direction] = key.split(' ') as [OcppVersion, FuzzDirection];
      const plan = fuzzPlan({ version, direction, seed: 'golden', count: 300, validator: validatorFor(version), mutate: SMALL });
      actual[key] = sha256([...plan].map((m) => JSON.stringify(m)));
    }
    expect(actual).toEqual(EXPECTED_PLAN_DIGESTS);
  });
});
