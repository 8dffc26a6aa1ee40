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

// Re-recorded once when the fuzzer's rule ids moved to the registry spelling (OCPP-RPC-nn ->
// SEC-RPC-nn); frames and their order did not change.
const EXPECTED_DIRECTION_DIGESTS: Record<string, string> = {
  '1.6 to-csms': '85d533bb60d9364bdb076a8b96c5fb63f6df1a9a33d9e5c251637a75624c4cbb',
  '1.6 to-cs': '6570fab60e5b08f7355819ab93252ba5ff673f2485f39618205ba14f590880c7',
  '2.0.1 to-csms': '70a77f628b72638cb0bc94844f66927c08c6703971d1c7047e510bb8b21c378c',
  '2.0.1 to-cs': '71a62ebbac7dbbb0c2d3f2edb5d3de064dc344e8ccc37cd2d48f1836386b1fda',
  '2.1 to-csms': '803c6b2fd02ba709cd55a5992e3e1677feee41f100108ce72b0948c719d50832',
  '2.1 to-cs': '2a732ca0d75ce828fcd5d0852a597ad46c3399687b2fe98a652081355599aee4',
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
const EXPECTED_DEFAULT_SIZE_DIGEST = '16c10b12c467cb2e87a79d1fd4fd618898d7cab8841ec5fc3441f28ad29be977';

/** A whole fuzz plan, as the CLI's `fuzz` command builds it. */
const EXPECTED_PLAN_DIGESTS: Record<string, string> = {
  '1.6 to-cs': 'f24d51e30f935d02b25c03da2c6f991c6bc18c4453d6e535d8a3bff402ad4705',
  '2.0.1 to-csms': '2303ebc4049303dc535da865e0861b86bc6d89bff20e1e4128ae2507e09d32c7',
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
