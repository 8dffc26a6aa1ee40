import type { OcppVersion } from '../core/versions.js';

/**
 * What a receiver answers to each kind of malformed input, per OCPP version: the one table every
 * check of a CALLERROR code and id uses (issue 9, class 10).
 *
 * For each malformation class and version:
 * - `exact`: the code(s) the spec prescribes; where the spec's own text allows several readings,
 *   every reading is listed and the row says why;
 * - `fitting`: other codes of the version that describe the problem less precisely: accepted as
 *   pass-non-strict with a note naming the requirement;
 * - anything else fails: a code of the other version's spelling (1.6 FormatViolation, 2.x
 *   FormationViolation), a code the version does not define, or one of the wrong family (an
 *   action code for a payload problem, InternalError for the sender's mistake ...).
 * `silence` says what no answer at all means for the class.
 *
 * Spelling: OCPP-J 1.6 §4.2.3 spells FormationViolation and OccurenceConstraintViolation, and its
 * errata (5.1, 5.2) keep both spellings ("do not fix"). 2.0.1 renamed FormationViolation to
 * FormatViolation; prints of the 2.0.1 table differ on Occurence/Occurrence, so 2.0.1 accepts both;
 * 2.1 spells OccurrenceConstraintViolation (the old spelling is fitting, not exact).
 */
export type Malformation =
  /** Not JSON at all: plain text, cut off, single quotes, NaN, trailing garbage, a byte-order mark. */
  | 'unreadable'
  /** JSON, but not an OCPP-J message: not an array, wrong arity, a non-integer type, a non-string action. */
  | 'not-rpc'
  /** A CALL whose payload is not a JSON object. */
  | 'payload-not-object'
  /** An integer message type the version does not define. */
  | 'unknown-message-type'
  /** The message id is not a string of 1 to 36 characters. */
  | 'bad-message-id'
  /** An action name the version does not define (wrong case, trailing space ...). */
  | 'unknown-action'
  /** A known action this receiver does not serve (it travels the other way). */
  | 'unsupported-action'
  /** A required field is missing (or an array has too few / many items). */
  | 'missing-field'
  /** A field has the wrong JSON type (null for an optional field included). */
  | 'wrong-type'
  /** A value out of range, outside its enum or pattern, too long or too short. */
  | 'bad-value'
  /** A string that does not match its format (date-time, URI). */
  | 'bad-format'
  /** A property the schema does not declare. */
  | 'extra-property'
  /** A CALLRESULT / CALLERROR that answers no outstanding CALL (an answer is optional). */
  | 'unsolicited-answer';

export type SilenceRule = 'ok' | 'note' | 'fail';

export interface ErrorExpectation {
  malformation: Malformation;
  exact: readonly string[];
  fitting: readonly string[];
  silence: SilenceRule;
  /** The spec text the row follows, and why. */
  why: string;
}

type Row = Omit<ErrorExpectation, 'malformation'>;

const SCHEMA_16 = ['FormationViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation', 'TypeConstraintViolation'];
const OCCURRENCE_201 = ['OccurrenceConstraintViolation', 'OccurenceConstraintViolation'];
const SCHEMA_2X = ['FormatViolation', 'PropertyConstraintViolation', ...OCCURRENCE_201, 'TypeConstraintViolation'];
const without = (all: readonly string[], ...drop: string[]): string[] => all.filter((c) => !drop.includes(c));

/** OCPP-J 1.6 (§4.1.3 message type, §4.1.4 message id, §4.2.3 error codes). */
const TABLE_16: Record<Malformation, Row> = {
  unreadable: {
    exact: ['FormationViolation', 'GenericError', 'ProtocolError'],
    fitting: ['TypeConstraintViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation', 'NotSupported'],
    silence: 'ok',
    why: 'OCPP-J 1.6 prescribes no answer to text that is not a message: dropping it is allowed; of the §4.2.3 codes FormationViolation (not conform the PDU structure), ProtocolError and GenericError describe it',
  },
  'not-rpc': {
    exact: ['FormationViolation', 'ProtocolError', 'GenericError'],
    fitting: ['TypeConstraintViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation', 'NotSupported'],
    silence: 'ok',
    why: 'OCPP-J 1.6 §4.2.1 defines the CALL shape but no answer to another shape; §4.2.3 FormationViolation / ProtocolError / GenericError describe it',
  },
  'payload-not-object': {
    exact: ['FormationViolation', 'ProtocolError', 'TypeConstraintViolation', 'GenericError'],
    fitting: ['PropertyConstraintViolation', 'OccurenceConstraintViolation'],
    silence: 'note',
    why: 'OCPP-J 1.6 §4.2.3: a payload that is not an object is syntactically incorrect (FormationViolation), incomplete (ProtocolError) or of the wrong type',
  },
  'unknown-message-type': {
    exact: ['NotSupported', 'FormationViolation', 'ProtocolError', 'GenericError'],
    fitting: ['TypeConstraintViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation', 'NotImplemented'],
    silence: 'ok',
    why: 'OCPP-J 1.6 §4.1.3 knows types 2, 3 and 4 and names no answer for others (no MessageTypeNotSupported in 1.6): ignoring is allowed',
  },
  'bad-message-id': {
    exact: ['FormationViolation', 'ProtocolError', 'GenericError'],
    fitting: ['TypeConstraintViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation'],
    silence: 'ok',
    why: 'OCPP-J 1.6 §4.1.4 bounds the id (a string of at most 36 characters) but names no answer to a broken one',
  },
  'unknown-action': {
    exact: ['NotImplemented'],
    fitting: ['NotSupported', 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 1.6 §4.2.3: NotImplemented = the requested action is not known by the receiver',
  },
  'unsupported-action': {
    exact: ['NotSupported', 'NotImplemented'],
    fitting: ['GenericError'],
    silence: 'fail',
    why: 'OCPP-J 1.6 §4.2.3: NotSupported = recognised but not supported; an action only the other role receives is also "not known" as a request here, so NotImplemented reads the spec too',
  },
  'missing-field': {
    exact: ['OccurenceConstraintViolation', 'ProtocolError'],
    fitting: without([...SCHEMA_16, 'GenericError'], 'OccurenceConstraintViolation'),
    silence: 'fail',
    why: 'OCPP-J 1.6 §4.2.3: OccurenceConstraintViolation = a field violates occurrence constraints; ProtocolError = the payload is incomplete',
  },
  'wrong-type': {
    exact: ['TypeConstraintViolation'],
    fitting: [...without(SCHEMA_16, 'TypeConstraintViolation'), 'ProtocolError', 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 1.6 §4.2.3: TypeConstraintViolation = a field violates data type constraints (e.g. "somestring": 12)',
  },
  'bad-value': {
    exact: ['PropertyConstraintViolation'],
    fitting: [...without(SCHEMA_16, 'PropertyConstraintViolation'), 'ProtocolError', 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 1.6 §4.2.3: PropertyConstraintViolation = a field contains an invalid value',
  },
  'bad-format': {
    exact: ['PropertyConstraintViolation', 'FormationViolation'],
    fitting: ['TypeConstraintViolation', 'OccurenceConstraintViolation', 'ProtocolError', 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 1.6 §4.2.3: a date-time or URI that does not parse is an invalid value (PropertyConstraintViolation) or syntactically incorrect (FormationViolation)',
  },
  'extra-property': {
    exact: ['FormationViolation', 'PropertyConstraintViolation'],
    fitting: [...without(SCHEMA_16, 'FormationViolation', 'PropertyConstraintViolation'), 'ProtocolError', 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 1.6 §4.2.3: an undeclared property does not conform to the PDU structure (FormationViolation); reading it as an invalid property is as close',
  },
  'unsolicited-answer': {
    exact: ['FormationViolation', 'ProtocolError', 'GenericError'],
    fitting: ['NotSupported'],
    silence: 'ok',
    why: 'OCPP-J 1.6 §4.2.2: an answer to no outstanding CALL is ignored; a CALLERROR for it is tolerated',
  },
};

/** OCPP-J 2.0.1 (§4.1.3 message type, §4.1.4 message id, §4.2.3 error codes, §4.3 schema validation). */
const TABLE_201: Record<Malformation, Row> = {
  unreadable: {
    exact: ['RpcFrameworkError'],
    fitting: ['FormatViolation', 'ProtocolError', 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 2.0.1 §4.2.3: RpcFrameworkError = the content is not a valid RPC request (e.g. the message id could not be read), answered under id "-1"; dropping it leaves the sender without an answer',
  },
  'not-rpc': {
    exact: ['RpcFrameworkError'],
    fitting: ['FormatViolation', 'ProtocolError', 'GenericError', 'MessageTypeNotSupported'],
    silence: 'fail',
    why: 'OCPP-J 2.0.1 §4.2.3: RpcFrameworkError = the content of the call is not a valid RPC request (under its id, or "-1" when none can be read)',
  },
  'payload-not-object': {
    exact: ['RpcFrameworkError', 'FormatViolation'],
    fitting: ['ProtocolError', 'TypeConstraintViolation', 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 2.0.1 §4.2.3: a CALL without an object payload is not a valid RPC request (RpcFrameworkError), or a syntactically incorrect payload (FormatViolation)',
  },
  'unknown-message-type': {
    exact: ['MessageTypeNotSupported'],
    fitting: ['RpcFrameworkError', 'GenericError'],
    silence: 'ok',
    why: 'OCPP-J 2.0.1 §4.1.3 / §4.2.3: MessageTypeNotSupported = a message type number this implementation does not support; ignoring the frame is allowed too',
  },
  'bad-message-id': {
    exact: ['RpcFrameworkError'],
    fitting: ['FormatViolation', 'ProtocolError', 'GenericError', 'OccurrenceConstraintViolation', 'TypeConstraintViolation'],
    silence: 'fail',
    why: 'OCPP-J 2.0.1 §4.2.3 names this case: RpcFrameworkError, e.g. the message id could not be read; §4.1.4 bounds the id to 36 characters',
  },
  'unknown-action': {
    exact: ['NotImplemented'],
    fitting: ['NotSupported', 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 2.0.1 §4.2.3: NotImplemented = the requested action is not known by the receiver',
  },
  'unsupported-action': {
    exact: ['NotSupported', 'NotImplemented'],
    fitting: ['GenericError'],
    silence: 'fail',
    why: 'OCPP-J 2.0.1 §4.2.3: NotSupported = recognised but not supported; an action only the other role receives is also "not known" as a request here, so NotImplemented reads the spec too',
  },
  'missing-field': {
    exact: OCCURRENCE_201,
    fitting: [...without(SCHEMA_2X, ...OCCURRENCE_201), 'ProtocolError', 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 2.0.1 §4.2.3: OccurrenceConstraintViolation = a field violates occurrence constraints (a missing required field); FormatViolation or TypeConstraintViolation name another problem',
  },
  'wrong-type': {
    exact: ['TypeConstraintViolation'],
    fitting: [...without(SCHEMA_2X, 'TypeConstraintViolation'), 'ProtocolError', 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 2.0.1 §4.2.3: TypeConstraintViolation = a field violates data type constraints',
  },
  'bad-value': {
    exact: ['PropertyConstraintViolation'],
    fitting: [...without(SCHEMA_2X, 'PropertyConstraintViolation'), 'ProtocolError', 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 2.0.1 §4.2.3: PropertyConstraintViolation = a field contains an invalid value (out of range, enum, length, format)',
  },
  'bad-format': {
    exact: ['PropertyConstraintViolation', 'FormatViolation'],
    fitting: ['TypeConstraintViolation', ...OCCURRENCE_201, 'ProtocolError', 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 2.0.1 §4.2.3: a date-time or URI that does not parse is an invalid value (PropertyConstraintViolation) or syntactically incorrect (FormatViolation)',
  },
  'extra-property': {
    exact: ['ProtocolError', 'FormatViolation', 'PropertyConstraintViolation'],
    fitting: [...without(SCHEMA_2X, 'FormatViolation', 'PropertyConstraintViolation'), 'GenericError'],
    silence: 'fail',
    why: 'OCPP-J 2.0.1 §4.2.3: an undeclared property does not conform to the PDU structure (ProtocolError), is syntactically incorrect for the action (FormatViolation) or an invalid property: all three read the spec',
  },
  'unsolicited-answer': {
    exact: ['RpcFrameworkError', 'FormatViolation', 'ProtocolError', 'GenericError'],
    fitting: [],
    silence: 'ok',
    why: 'OCPP-J 2.0.1 §4.2.2: an answer to no outstanding CALL is ignored; a CALLERROR for it is tolerated',
  },
};

/** 2.1 spells OccurrenceConstraintViolation only; the 2.0.1 print's Occurence is fitting, no longer exact. */
function table21(): Record<Malformation, Row> {
  const out = { ...TABLE_201 };
  const old = 'OccurenceConstraintViolation';
  for (const m of Object.keys(out) as Malformation[]) {
    const r = out[m];
    if (!r.exact.includes(old) && !r.fitting.includes(old)) continue;
    out[m] = { ...r, exact: without(r.exact, old), fitting: [...without(r.fitting, old), old] };
  }
  return out;
}
const TABLE_21 = table21();

export function errorExpectation(version: OcppVersion, malformation: Malformation): ErrorExpectation {
  const table = version === '1.6' ? TABLE_16 : version === '2.0.1' ? TABLE_201 : TABLE_21;
  return { malformation, ...table[malformation] };
}

/** How a CALLERROR code fits a malformation: the prescribed code, another fitting one, or wrong. */
export interface CodeJudgement {
  grade: 'exact' | 'fitting' | 'wrong';
  /** One line: what was answered and what the row expects, with the spec's reason. */
  text: string;
}

export function judgeErrorCode(version: OcppVersion, malformation: Malformation, code: string): CodeJudgement {
  const e = errorExpectation(version, malformation);
  const expected = `${e.exact.join(' or ')} (${e.why})`;
  if (e.exact.includes(code)) return { grade: 'exact', text: `${code} is the code for ${malformation}` };
  if (e.fitting.includes(code))
    return { grade: 'fitting', text: `${code} is a valid ${version} code, but ${malformation} is answered with ${expected}` };
  return { grade: 'wrong', text: `${code} does not answer ${malformation} in OCPP ${version}: ${expected}` };
}

/**
 * The message id of a frame as a receiver reads it: element 1 of a JSON array whose message type
 * the version defines (2, 3, 4; 2.1 adds 5 and 6), a string of 1 to 36 characters. Under an
 * unknown or non-integer type the receiver cannot know element 1 is an id, so it is not readable.
 */
export function readableMessageId(text: string, version: OcppVersion = '2.0.1'): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(v)) return undefined;
  const types = version === '2.1' ? [2, 3, 4, 5, 6] : [2, 3, 4];
  if (!types.includes(v[0] as number)) return undefined;
  const id: unknown = v[1];
  return typeof id === 'string' && id.length > 0 && id.length <= 36 ? id : undefined;
}

/**
 * The id rule for a CALLERROR answering `sent`: when the frame's id was readable the CALLERROR
 * echoes it (OCPP-J §4.2.3: the id of the CALL it answers), so "-1", "" or another id is wrong.
 * When it was not readable, "-1" is what 2.x prescribes; an echo of an id the receiver still
 * recovered is fine, and "" (1.6 names nothing) passes in 1.6 and is fitting in 2.x.
 */
export function judgeErrorId(version: OcppVersion, sent: string, answeredId: string): CodeJudgement {
  const readable = readableMessageId(sent, version);
  if (readable !== undefined) {
    return answeredId === readable
      ? { grade: 'exact', text: 'the CALLERROR echoes the message id' }
      : {
          grade: 'wrong',
          text: `the frame's message id ${JSON.stringify(readable)} was readable, so the CALLERROR carries it, not ${JSON.stringify(answeredId)}`,
        };
  }
  if (answeredId === '-1') return { grade: 'exact', text: 'id "-1" for a frame whose id could not be read' };
  if (answeredId !== '' && sent.includes(JSON.stringify(answeredId)))
    return { grade: 'exact', text: 'the CALLERROR echoes the id it recovered' };
  if (version === '1.6' && answeredId === '') return { grade: 'exact', text: 'id "": OCPP-J 1.6 names no id for an unreadable frame' };
  return {
    grade: 'fitting',
    text: `id ${JSON.stringify(answeredId)} for a frame whose id could not be read; ${version === '1.6' ? 'OCPP-J 1.6 names none; "-1" or "" is usual' : `OCPP-J ${version} §4.2.3 uses "-1"`}`,
  };
}
