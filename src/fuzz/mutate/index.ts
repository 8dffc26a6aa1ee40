import { SchemaValidator } from '../../protocol/schemas.js';
import type { OcppVersion } from '../../core/versions.js';
import { isSendAction } from '../directions.js';
import type { Random } from '../random.js';
import type { JsonSchema } from '../schema-walk.js';
import { type FrameFamily, MutationBuilder, type PayloadFamily, payloadView } from './builder.js';
import { deepNesting, emptyPayload, encoding, injection } from './content.js';
import { actionName, duplicateId, messageId, messageType, unsolicitedResponse } from './envelope.js';
import { dateFormats, enumValues, uriFormats } from './formats.js';
import { nullOptional, numericBound, removeRequired, stringLength, typeSwap, unknownField } from './fields.js';
import { arity, nonJson, payloadNotObject, trailingGarbage, truncated } from './framing.js';
import type { Mutation, MutationOptions } from './types.js';

export type { Expectation, Mutation, MutationCategory, MutationOptions, MutatorName, Violation } from './types.js';
export { expectedErrorCodes, malformationOfMutation } from './expected-codes.js';

// The families share one rng stream, so this order is part of the output (seeds and --record
// files name frames by it): append new families at the end, never reorder.
const PAYLOAD_FAMILIES: readonly PayloadFamily[] = [
  removeRequired,
  unknownField,
  typeSwap,
  nullOptional,
  stringLength,
  numericBound,
  dateFormats,
  uriFormats,
  enumValues,
  deepNesting,
  encoding,
  injection,
  emptyPayload,
];
const FRAME_FAMILIES: readonly FrameFamily[] = [
  actionName,
  messageType,
  messageId,
  duplicateId,
  arity,
  payloadNotObject,
  trailingGarbage,
  truncated,
  nonJson,
  unsolicitedResponse,
];

/**
 * Deterministic mutations of one valid request payload: schema violations (RPC-06), hostile but
 * schema-valid values (RPC-07), action-name abuse (RPC-05) and frame-level malformations
 * (RPC-01..04, 08, 09). Mutators are interleaved (one of each, then the second of each, ...) in an
 * rng-chosen order, so taking a prefix of the list still spans many mutators.
 */
export function mutations(
  rng: Random,
  action: string,
  validPayload: unknown,
  version: OcppVersion,
  opts: MutationOptions = {},
): Mutation[] {
  const validator = opts.validator ?? new SchemaValidator(version);
  const schema = validator.schema(action, 'request') as JsonSchema | undefined;
  const builder = new MutationBuilder({
    rng,
    action,
    validPayload,
    version,
    send: opts.send ?? isSendAction(version, action),
    maxTargets: opts.maxTargets ?? 2,
    nestingDepth: opts.nestingDepth ?? 10_000,
    hugeLength: opts.hugeLength ?? 65_536,
  });
  if (schema) {
    const view = payloadView(schema, validPayload);
    for (const family of PAYLOAD_FAMILIES) family(builder, view);
  }
  for (const family of FRAME_FAMILIES) family(builder);
  return builder.interleaved();
}
