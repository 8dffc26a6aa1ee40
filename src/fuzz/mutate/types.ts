import type { SchemaValidator } from '../../protocol/schemas.js';

/** Stable mutator names: part of mutation ids and finding ids, so never rename one. */
export type MutatorName =
  | 'remove-required'
  | 'unknown-field'
  | 'type-swap'
  | 'null-optional'
  | 'string-length'
  | 'numeric-bound'
  | 'date'
  | 'uri'
  | 'enum'
  | 'deep-nesting'
  | 'encoding'
  | 'injection'
  | 'empty-payload'
  | 'action-name'
  | 'message-type'
  | 'message-id'
  | 'duplicate-id'
  | 'arity'
  | 'payload-not-object'
  | 'trailing-garbage'
  | 'truncated'
  | 'non-json'
  | 'unsolicited-response';

/** What a mutation attacks (the error family a receiver should recognise). */
export type MutationCategory =
  | 'occurrence'
  | 'type'
  | 'property'
  | 'format'
  | 'boundary'
  | 'encoding'
  | 'injection'
  | 'nesting'
  | 'size'
  | 'action'
  | 'framing'
  | 'message-type'
  | 'message-id'
  | 'replay'
  | 'unsolicited';

/**
 * What the mutation claims about its frame: `schema` = the payload violates the action's schema;
 * `frame` = parseFrame reports the text as malformed; `message-type` = a well-formed frame whose
 * type this version does not have; `action` = an action the version does not define;
 * `none` = schema-valid but hostile (boundary values, encodings, replays).
 */
export type Violation = 'schema' | 'frame' | 'message-type' | 'action' | 'none';

/**
 * What a conformant receiver does: `callerror` = answers with a CALLERROR; `close-or-callerror`
 * = a CALLERROR or closing the connection (a size/depth limit, an unreadable frame) is fine;
 * `survive` = any answer (including a CALLRESULT) is fine as long as the SUT stays up and
 * responsive; `no-response` = a 2.1 SEND, which the receiver SHALL NOT answer at all.
 */
export type Expectation = 'callerror' | 'close-or-callerror' | 'survive' | 'no-response';

export interface Mutation {
  /** Stable: action/mutator/target/variant, never random values ("BootNotification/remove-required/reason"). */
  id: string;
  mutator: MutatorName;
  category: MutationCategory;
  /** The security-catalogue rule this mutation probes ("SEC-RPC-06"). */
  ruleId: string;
  action: string;
  description: string;
  /** The exact text to send. */
  frame: string;
  /** Frames to send first (a replay needs its original). */
  setup?: string[];
  /** The message id used, when the frame carries a readable one (for correlating the answer). */
  messageId?: string;
  violation: Violation;
  expectation: Expectation;
  /** The spec allows the receiver to drop this frame silently (unreadable frames, unknown types). */
  silenceAllowed: boolean;
}

export interface MutationOptions {
  /** Reuse a validator (compiling schemas is the expensive part); one is built when absent. */
  validator?: SchemaValidator;
  /** Frame as a 2.1 SEND [6] instead of a CALL [2]; defaults to the direction table. */
  send?: boolean;
  /** Targets per payload mutator (default 2). */
  maxTargets?: number;
  /** Depth of the deep-nesting payloads (default 10 000). */
  nestingDepth?: number;
  /** Length of the huge string and huge message id (default 64 KiB). */
  hugeLength?: number;
}
