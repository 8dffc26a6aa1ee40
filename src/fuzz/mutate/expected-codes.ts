import { errorCode, schemaViolationCodes, type ErrorKind } from '../../protocol/errors.js';
import type { OcppVersion } from '../../core/versions.js';
import type { Malformation } from '../../protocol/error-expectations.js';
import type { Mutation } from './types.js';

/**
 * CALLERROR codes a conformant receiver may answer with, in this version's spelling. The spec
 * leaves the exact code open in most cases, so this is a set; an empty set means "no
 * CALLERROR is expected" (a SEND, which must not be answered).
 */
export function expectedErrorCodes(version: OcppVersion, mutation: Mutation): string[] {
  if (mutation.expectation === 'no-response') return [];
  const codes = (...kinds: ErrorKind[]) => kinds.map((k) => errorCode(version, k));
  const framing = codes('rpcFramework', 'format', 'protocol', 'generic');
  let out: string[];
  switch (mutation.violation) {
    case 'schema':
    case 'none':
      out = [...schemaViolationCodes(version)];
      if (mutation.category === 'nesting' || mutation.category === 'size') out.push(...codes('rpcFramework'));
      if (mutation.category === 'replay' || mutation.category === 'unsolicited') out = [...framing];
      break;
    case 'action':
      out = codes('notImplemented', 'notSupported');
      break;
    case 'message-type':
      out = [...codes('messageTypeNotSupported', 'notSupported'), ...framing];
      break;
    case 'frame':
      out = mutation.mutator === 'message-type' ? [...codes('messageTypeNotSupported', 'notSupported'), ...framing] : [...framing];
      // A receiver that validates before it frames may name the payload's problem instead.
      if (mutation.mutator === 'payload-not-object' || mutation.mutator === 'arity') out.push(...schemaViolationCodes(version));
      break;
  }
  return [...new Set(out)];
}

/**
 * The error-code table's row (src/protocol/error-expectations.ts) a mutation falls in, when it has
 * one: schema violations by category, unknown actions and types, unreadable frames, broken ids.
 * Hostile but schema-valid values (boundary, encoding, injection, size ...) have none.
 */
export function malformationOfMutation(m: Mutation): Malformation | undefined {
  switch (m.violation) {
    case 'action':
      return 'unknown-action';
    case 'message-type':
      return typeRow(m.frame);
    case 'frame':
      if (m.mutator === 'message-type') return typeRow(m.frame);
      if (m.mutator === 'message-id') return 'bad-message-id';
      if (m.mutator === 'payload-not-object') return 'payload-not-object';
      if (m.mutator === 'non-json' || m.mutator === 'truncated' || m.mutator === 'trailing-garbage') return 'unreadable';
      return 'not-rpc';
    case 'schema':
      if (m.mutator === 'unknown-field') return 'extra-property';
      if (m.category === 'occurrence') return 'missing-field';
      if (m.category === 'type') return 'wrong-type';
      if (m.category === 'format') return 'bad-format';
      if (m.category === 'property') return 'bad-value';
      return undefined;
    case 'none':
      return undefined;
  }
}

/** An integer type the version lacks is an unknown message type; "2", 2.5 or true is no RPC frame at all. */
function typeRow(frame: string): Malformation {
  try {
    const v: unknown = JSON.parse(frame);
    return Array.isArray(v) && Number.isInteger(v[0]) ? 'unknown-message-type' : 'not-rpc';
  } catch {
    return 'unreadable';
  }
}
