import { errorCode, schemaViolationCodes, type ErrorKind } from '../protocol/errors.js';
import { SchemaValidator } from '../protocol/schemas.js';
import type { OcppVersion } from '../core/versions.js';
import { isSendAction } from './directions.js';
import type { Random } from './random.js';
import {
  type JsonSchema,
  type PathSeg,
  type Slot,
  codePointLength,
  isPlainObject,
  numberFits,
  pathText,
  setAt,
  slots,
  typeAllows,
  typesOf,
} from './schema-walk.js';

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

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
/** Stands in for raw JSON text until after JSON.stringify; cannot collide with generated strings. */
const RAW = '__ocpp_fuzz_raw_placeholder__';

/** Values used by the type-swap mutator, keyed by the JSON type they carry. */
function swapValues(original: unknown): Array<[string, unknown]> {
  const asString = typeof original === 'number' || typeof original === 'boolean' ? String(original) : 'fuzz';
  return [
    ['string', asString],
    ['number', 12.5],
    ['integer', 12],
    ['boolean', true],
    ['null', null],
    ['object', {}],
    ['array', []],
  ];
}

const ENCODING_VALUES: ReadonlyArray<readonly [string, string, string]> = [
  ['nul', 'a\u0000b', 'an embedded NUL'],
  ['lone-high-surrogate', 'x\ud800', 'a lone high surrogate (not valid UTF-16/UTF-8 when decoded)'],
  ['lone-low-surrogate', '\udc00x', 'a lone low surrogate'],
  ['rtl-override', '\u202egpj.exe', 'a right-to-left override (U+202E)'],
  ['bom', '\ufeffx', 'a byte-order mark inside a value'],
  ['noncharacter', '\uffff\ufffe', 'Unicode noncharacters U+FFFF/U+FFFE'],
  ['overlong-looking', '\u00c0\u0080', 'U+00C0 U+0080, the overlong UTF-8 form of NUL read as Latin-1'],
  ['c1-control', '\u0085\u009b', 'C1 control characters (NEL, CSI)'],
  ['ansi-escape', '\u001b[31mX\u001b[0m', 'an ANSI escape sequence (log injection)'],
  ['crlf', 'a\r\nX-Injected: 1', 'CR LF (header/log line injection)'],
  ['astral', '\u{1F600}\u{1F600}\u{1F600}', 'astral-plane characters (surrogate pairs)'],
];

const INJECTION_VALUES: ReadonlyArray<readonly [string, string, string]> = [
  ['shell', ';$(reboot)`id`', 'shell metacharacters'],
  ['path-traversal', '../../../../etc/passwd', 'a path traversal'],
  ['percent-nul', 'a%00b', 'a URL-encoded NUL'],
  ['format-string', '%s%s%n%x', 'printf format directives'],
  ['sql', "' OR '1'='1", 'an SQL injection'],
  ['html', '<script>alert(1)</script>', 'an HTML/script injection'],
];

interface DateVariant {
  name: string;
  value: string;
  /** True when ajv-formats' RFC 3339 date-time rejects it. */
  invalid: boolean;
  note: string;
}

const DATE_VARIANTS: readonly DateVariant[] = [
  { name: 'nine-digit-year', value: '999999999-12-31T23:59:59Z', invalid: true, note: 'a nine-digit year (steve #1609 crash class)' },
  { name: 'year-99999999', value: '99999999-01-01T00:00:00Z', invalid: true, note: 'year 99999999' },
  { name: 'year-0', value: '0000-01-01T00:00:00Z', invalid: false, note: 'year 0 (valid RFC 3339, out of range for most date libraries)' },
  { name: 'year-9999', value: '9999-12-31T23:59:59Z', invalid: false, note: 'the last representable RFC 3339 instant' },
  { name: 'leap-second', value: '2016-12-31T23:59:60Z', invalid: false, note: 'a real leap second (23:59:60Z)' },
  { name: 'bad-leap-second', value: '2024-06-15T12:00:60Z', invalid: true, note: 'second 60 outside a leap second' },
  { name: 'feb-30', value: '2024-02-30T00:00:00Z', invalid: true, note: 'February 30th' },
  { name: 'no-timezone', value: '2024-01-01T00:00:00', invalid: true, note: 'no time-zone offset' },
  { name: 'invalid-format', value: 'not-a-date', invalid: true, note: 'not a date at all' },
  { name: 'long-fraction', value: '2024-01-01T00:00:00.123456789012Z', invalid: false, note: 'a 12-digit fraction (MicroOcpp #441 class)' },
  { name: 'odd-offset', value: '2024-01-01T00:00:00+14:59', invalid: false, note: 'an unusual offset +14:59' },
];

const URI_VARIANTS: readonly DateVariant[] = [
  { name: 'invalid-uri', value: 'not a uri', invalid: true, note: 'not a URI' },
  { name: 'file-uri', value: 'file:///etc/passwd', invalid: false, note: 'a file: URI' },
  { name: 'loopback-uri', value: 'http://127.0.0.1:22/', invalid: false, note: 'a loopback target (SSRF class)' },
  { name: 'userinfo-uri', value: 'https://user:pass@example.com/fw.bin', invalid: false, note: 'credentials in the URI' },
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
  const send = opts.send ?? isSendAction(version, action);
  const maxTargets = opts.maxTargets ?? 2;
  const depth = opts.nestingDepth ?? 10_000;
  const huge = opts.hugeLength ?? 65_536;
  const type = send ? 6 : 2;

  const newId = (): string => `fz${rng.string(14, ID_ALPHABET)}`;
  const choose = <T>(list: T[], k = maxTargets): T[] => rng.shuffle(list).slice(0, k);
  const groups = new Map<MutatorName, Mutation[]>();
  const add = (m: Mutation): void => {
    const g = groups.get(m.mutator) ?? [];
    g.push(m);
    groups.set(m.mutator, g);
  };

  /** A frame whose payload has `raw` JSON text at `path` (text JSON.stringify could not produce). */
  const frameWith = (id: string, payload: unknown, raw?: { path: PathSeg[]; text: string }): string => {
    if (!raw) return JSON.stringify([type, id, action, payload]);
    const withPlaceholder = setAt(payload, raw.path, RAW);
    const text = JSON.stringify([type, id, action, withPlaceholder]);
    const at = text.indexOf(JSON.stringify(RAW));
    return text.slice(0, at) + raw.text + text.slice(at + JSON.stringify(RAW).length);
  };

  const payloadMutation = (
    mutator: MutatorName,
    category: MutationCategory,
    target: string,
    description: string,
    payload: unknown,
    violation: 'schema' | 'none',
    extra: { raw?: { path: PathSeg[]; text: string }; ruleId?: string; mayClose?: boolean } = {},
  ): void => {
    const id = newId();
    const expectation: Expectation = send
      ? 'no-response'
      : violation === 'schema'
        ? extra.mayClose
          ? 'close-or-callerror'
          : 'callerror'
        : 'survive';
    add({
      id: `${action}/${mutator}/${target}`,
      mutator,
      category,
      ruleId: extra.ruleId ?? (violation === 'schema' ? 'SEC-RPC-06' : 'SEC-RPC-07'),
      action,
      description,
      frame: frameWith(id, payload, extra.raw),
      messageId: id,
      violation,
      expectation,
      silenceAllowed: send,
    });
  };

  if (schema) {
    const all = slots(schema, validPayload);
    const present = all.filter((s) => s.present);
    const inner = present.filter((s) => s.path.length > 0);
    const t = (s: Slot) => pathText(s.path);

    // remove-required: drop a required property (OccurrenceConstraintViolation).
    for (const s of choose(inner.filter((s) => s.required && typeof s.path[s.path.length - 1] === 'string'))) {
      payloadMutation('remove-required', 'occurrence', t(s), `required field ${t(s)} removed`, setAt(validPayload, s.path, undefined, true), 'schema');
    }

    // unknown-field: an undeclared property where additionalProperties is false.
    const closed = present.filter((s) => isPlainObject(s.value) && s.schema.additionalProperties === false);
    for (const s of choose(closed)) {
      const name = rng.pick(['fuzzUnknownField', '__proto__', 'constructor', 'CustomData']);
      const value = name === '__proto__' ? { polluted: true } : 'x';
      payloadMutation('unknown-field', 'property', `${t(s)}/${name}`, `undeclared property "${name}" added to ${t(s)}`, setAt(validPayload, [...s.path, name], value), 'schema');
    }

    // type-swap: a value of a JSON type the schema does not allow.
    for (const s of choose(inner.filter((s) => typesOf(s.schema).length > 0))) {
      const options = swapValues(s.value).filter(([, v]) => !typeAllows(s.schema, v));
      if (options.length === 0) continue;
      const [name, v] = rng.pick(options);
      payloadMutation('type-swap', 'type', `${t(s)}/${name}`, `${t(s)} (${typesOf(s.schema).join('|')}) replaced by a ${name}`, setAt(validPayload, s.path, v), 'schema');
    }

    // null-optional: only omission is allowed for an absent optional field (§4.1.5).
    for (const s of choose(all.filter((s) => !s.present && typesOf(s.schema).length > 0 && !typesOf(s.schema).includes('null')))) {
      payloadMutation('null-optional', 'type', t(s), `optional field ${t(s)} sent as null instead of omitted`, setAt(validPayload, s.path, null), 'schema');
    }

    const strings = inner.filter((s) => typeof s.value === 'string');
    // string-length: one past maxLength, and a huge value (a size limit may close the socket).
    for (const s of choose(strings.filter((s) => typeof s.schema.maxLength === 'number'))) {
      const n = s.schema.maxLength! + 1;
      payloadMutation('string-length', 'property', `${t(s)}/max+1`, `${t(s)} is ${n} characters (maxLength ${n - 1})`, setAt(validPayload, s.path, 'A'.repeat(n)), 'schema');
    }
    for (const s of choose(strings, 1)) {
      const violates = (s.schema.maxLength ?? Infinity) < huge || !!s.schema.enum || !!s.schema.format;
      payloadMutation('string-length', 'size', `${t(s)}/huge`, `${t(s)} is ${huge} characters`, setAt(validPayload, s.path, 'A'.repeat(huge)), violates ? 'schema' : 'none', {
        ruleId: 'SEC-DOS-01',
        mayClose: true,
      });
    }

    // numeric-bound: bounds from the schema, then machine-level extremes.
    const numbers = inner.filter((s) => typeof s.value === 'number' && !s.schema.enum);
    for (const s of choose(numbers)) {
      const sc = s.schema;
      const variants: Array<[string, unknown, string?]> = [];
      if (typeof sc.maximum === 'number') variants.push(['max+1', sc.maximum + 1]);
      if (typeof sc.minimum === 'number') variants.push(['min-1', sc.minimum - 1]);
      const extremes: Array<[string, unknown, string?]> = [
        ['2^53', 2 ** 53],
        ['int32-overflow', 2 ** 31],
        ['-1', -1],
        ['1e308', 1e308],
        ['fraction', 0.5],
        ['nan-string', 'NaN'],
        ['infinity-string', 'Infinity'],
        ['raw-1e999', undefined, '1e999'],
        ['raw-negative-zero', undefined, '-0'],
      ];
      variants.push(...choose(extremes, 3));
      for (const [name, v, raw] of variants) {
        const parsed = raw !== undefined ? (JSON.parse(raw) as number) : v;
        const violates = typeof parsed !== 'number' || !numberFits(sc, parsed);
        const shown = raw ?? JSON.stringify(v);
        payloadMutation(
          'numeric-bound',
          violates ? (typeof parsed === 'number' ? 'property' : 'type') : 'boundary',
          `${t(s)}/${name}`,
          `${t(s)} set to ${shown}`,
          raw !== undefined ? validPayload : setAt(validPayload, s.path, v),
          violates ? 'schema' : 'none',
          raw !== undefined ? { raw: { path: s.path, text: raw } } : {},
        );
      }
    }

    // date / uri formats: RFC 3339 edge cases (some valid, some not), hostile URIs.
    const formatted = (format: string, mutator: 'date' | 'uri', variantsAll: readonly DateVariant[]) => {
      const targets = choose(strings.filter((s) => s.schema.format === format));
      targets.forEach((s, i) => {
        // The first target gets every variant; later ones a sample, to bound the list.
        const variants = i === 0 ? variantsAll : choose([...variantsAll], 3);
        for (const v of variants) {
          const tooLong = codePointLength(v.value) > (s.schema.maxLength ?? Infinity);
          const violates = v.invalid || tooLong;
          payloadMutation(mutator, violates ? 'format' : 'boundary', `${t(s)}/${v.name}`, `${t(s)} set to ${v.note}: ${JSON.stringify(v.value)}`, setAt(validPayload, s.path, v.value), violates ? 'schema' : 'none');
        }
      });
    };
    formatted('date-time', 'date', DATE_VARIANTS);
    formatted('uri', 'uri', URI_VARIANTS);

    // enum: a value outside the enum, and a wrong-case member (enums are case-sensitive).
    for (const s of choose(inner.filter((s) => typeof s.value === 'string' && Array.isArray(s.schema.enum)))) {
      payloadMutation('enum', 'property', `${t(s)}/not-in-enum`, `${t(s)} set to a value outside its enum`, setAt(validPayload, s.path, 'FuzzNotInEnum'), 'schema');
      const flipped = swapCase(s.value as string);
      if (!s.schema.enum!.includes(flipped)) {
        payloadMutation('enum', 'property', `${t(s)}/wrong-case`, `${t(s)} set to ${JSON.stringify(flipped)} (wrong case)`, setAt(validPayload, s.path, flipped), 'schema');
      }
    }

    // deep-nesting: built as text (JSON.stringify would recurse once per level).
    const leaves = inner.filter((s) => typesOf(s.schema).length > 0 && !typesOf(s.schema).includes('array') && !typesOf(s.schema).includes('object'));
    const rootClosed = schema.additionalProperties === false;
    const nestTarget: { path: PathSeg[]; violates: boolean; where: string } =
      leaves.length > 0
        ? (() => {
            const s = rng.pick(leaves);
            return { path: s.path, violates: true, where: t(s) };
          })()
        : { path: ['fuzzNested'], violates: rootClosed, where: 'fuzzNested' };
    for (const [name, text] of [
      ['arrays', '['.repeat(depth) + ']'.repeat(depth)],
      ['objects', '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)],
    ] as const) {
      payloadMutation(
        'deep-nesting',
        'nesting',
        `${nestTarget.where}/${name}`,
        `${nestTarget.where} replaced by ${depth} nested ${name}`,
        validPayload,
        nestTarget.violates ? 'schema' : 'none',
        { raw: { path: nestTarget.path, text }, ruleId: 'SEC-RPC-07', mayClose: true },
      );
    }

    // encoding / injection: hostile content in free-text fields, kept within maxLength so
    // only the content (not the schema) is under test.
    const free = strings.filter((s) => !s.schema.enum && !s.schema.format);
    for (const [mutator, table, k] of [
      ['encoding', ENCODING_VALUES, 3],
      ['injection', INJECTION_VALUES, 2],
    ] as const) {
      for (const s of choose(free)) {
        for (const [name, raw, note] of choose([...table], k)) {
          const value = [...raw].slice(0, s.schema.maxLength ?? Infinity).join('');
          payloadMutation(mutator, mutator, `${t(s)}/${name}`, `${t(s)} contains ${note}`, setAt(validPayload, s.path, value), 'none');
        }
      }
    }

    // empty-payload: {} (CitrineOS #61 crashed on an empty BootNotification).
    const needs = (schema.required ?? []).length > 0;
    payloadMutation('empty-payload', needs ? 'occurrence' : 'boundary', 'empty', 'payload replaced by {}', {}, needs ? 'schema' : 'none');
  }

  // action-name: unknown / wrong-case action (case-sensitive; NotImplemented).
  for (const [name, a] of [
    ['wrong-case', action.toLowerCase() === action ? action.toUpperCase() : action.toLowerCase()],
    ['unknown', 'FuzzUnknownAction'],
    ['trailing-space', `${action} `],
  ] as const) {
    const id = newId();
    add({
      id: `${action}/action-name/${name}`,
      mutator: 'action-name',
      category: 'action',
      ruleId: 'SEC-RPC-05',
      action,
      description: `action sent as ${JSON.stringify(a)}`,
      frame: JSON.stringify([type, id, a, validPayload]),
      messageId: id,
      violation: 'action',
      expectation: send ? 'no-response' : 'callerror',
      silenceAllowed: send,
    });
  }

  // Frame-level mutations: raw text around an otherwise valid frame.
  const frameMutation = (
    mutator: MutatorName,
    category: MutationCategory,
    ruleId: string,
    variant: string,
    description: string,
    frame: string,
    extra: Partial<Pick<Mutation, 'violation' | 'expectation' | 'silenceAllowed' | 'messageId' | 'setup'>> = {},
  ): void => {
    add({
      id: `${action}/${mutator}/${variant}`,
      mutator,
      category,
      ruleId,
      action,
      description,
      frame,
      violation: extra.violation ?? 'frame',
      expectation: extra.expectation ?? 'close-or-callerror',
      silenceAllowed: extra.silenceAllowed ?? true,
      ...(extra.messageId !== undefined ? { messageId: extra.messageId } : {}),
      ...(extra.setup ? { setup: extra.setup } : {}),
    });
  };
  const payloadText = JSON.stringify(validPayload);
  const base = (id: string) => JSON.stringify([type, id, action, validPayload]);
  const q = (s: string) => JSON.stringify(s);

  for (const [name, tid] of [
    ['0', '0'],
    ['1', '1'],
    ['7', '7'],
    ['99', '99'],
    ['-1', '-1'],
    ['float', '2.5'],
    ['string', '"2"'],
  ] as const) {
    const id = newId();
    frameMutation('message-type', 'message-type', name === 'float' || name === 'string' ? 'SEC-RPC-02' : 'SEC-RPC-03', name, `message type id ${tid}`, `[${tid},${q(id)},${q(action)},${payloadText}]`, { messageId: id });
  }
  if (version !== '2.1') {
    // Well-formed 2.1 frame types sent to a 1.6/2.0.1 peer: the version has no such type.
    const id6 = newId();
    frameMutation('message-type', 'message-type', 'SEC-RPC-03', 'send-6', 'a 2.1 SEND [6] on a pre-2.1 connection', `[6,${q(id6)},${q(action)},${payloadText}]`, { violation: 'message-type', messageId: id6 });
    const id5 = newId();
    frameMutation('message-type', 'message-type', 'SEC-RPC-03', 'callresulterror-5', 'a 2.1 CALLRESULTERROR [5] on a pre-2.1 connection', `[5,${q(id5)},"GenericError","",{}]`, { violation: 'message-type', messageId: id5 });
  }

  for (const [name, idText, note] of [
    ['number', '12345', 'a number'],
    ['empty', '""', 'an empty string'],
    ['37-chars', q(rng.string(37, ID_ALPHABET)), '37 characters (max 36)'],
    ['null', 'null', 'null'],
    ['object', '{}', 'an object'],
    ['huge', q('A'.repeat(huge)), `${huge} characters`],
  ] as const) {
    frameMutation('message-id', 'message-id', 'SEC-RPC-04', name, `message id is ${note}`, `[${type},${idText},${q(action)},${payloadText}]`, { silenceAllowed: false });
  }

  {
    const id = newId();
    const original = base(id);
    frameMutation('duplicate-id', 'replay', 'SEC-RPC-08', 'replay', 'the same CALL (same message id) sent twice', original, {
      violation: 'none',
      expectation: send ? 'no-response' : 'survive',
      messageId: id,
      setup: [original],
    });
  }

  for (const [name, build, note] of [
    ['missing-payload', (id: string) => `[${type},${q(id)},${q(action)}]`, 'the payload element is missing'],
    ['missing-action', (id: string) => `[${type},${q(id)}]`, 'only type and id'],
    ['type-only', () => `[${type}]`, 'only the message type'],
    ['empty-array', () => '[]', 'an empty array'],
    ['extra-element', (id: string) => `[${type},${q(id)},${q(action)},${payloadText},"extra"]`, 'a fifth element'],
  ] as const) {
    const id = newId();
    frameMutation('arity', 'framing', 'SEC-RPC-02', name, `wrong arity: ${note}`, build(id), { messageId: id });
  }

  for (const [name, text] of [
    ['array', '[]'],
    ['string', '"payload"'],
    ['null', 'null'],
    ['number', '42'],
    ['boolean', 'true'],
  ] as const) {
    const id = newId();
    frameMutation('payload-not-object', 'framing', 'SEC-RPC-02', name, `payload is ${name}, not an object`, `[${type},${q(id)},${q(action)},${text}]`, { messageId: id });
  }

  for (const [name, suffix] of [
    ['text', 'xyz'],
    ['bracket', ']'],
    ['second-frame', ''],
    ['comma', ',{}'],
  ] as const) {
    const id = newId();
    const b = base(id);
    frameMutation('trailing-garbage', 'framing', 'SEC-RPC-01', name, `trailing garbage after the frame (${name})`, b + (name === 'second-frame' ? b : suffix), { messageId: id });
  }

  {
    const id = newId();
    const b = base(id);
    // Any strict prefix of a JSON array is unterminated, so every cut point is malformed.
    frameMutation('truncated', 'framing', 'SEC-RPC-01', 'last-char', 'the closing bracket is missing', b.slice(0, -1), { messageId: id });
    const id2 = newId();
    const b2 = base(id2);
    frameMutation('truncated', 'framing', 'SEC-RPC-01', 'random-cut', 'the frame is cut off mid-way', b2.slice(0, rng.int(1, b2.length - 1)));
  }

  {
    const id = newId();
    for (const [name, text, note] of [
      ['empty', '', 'an empty message'],
      ['text', 'hello', 'plain text'],
      ['single-quotes', `[${type},'${id}','${action}',{}]`, 'single-quoted strings'],
      ['object', `{"messageTypeId":${type},"messageId":${q(id)}}`, 'a JSON object, not an array'],
      ['scalar', String(type), 'a JSON scalar'],
      ['null', 'null', 'JSON null'],
      ['bom', `\ufeff${base(id)}`, 'a byte-order mark before the frame'],
      ['raw-control', `[${type},"${id}\u0001",${q(action)},${payloadText}]`, 'an unescaped control character in a string'],
      ['bad-escape', `[${type},"\\x41${id}",${q(action)},${payloadText}]`, 'an invalid \\x escape'],
      ['nan-token', `[${type},${q(id)},${q(action)},{"value":NaN}]`, 'a bare NaN token'],
      ['comment', `${base(id)}//`, 'a trailing comment'],
    ] as const) {
      frameMutation('non-json', 'framing', 'SEC-RPC-01', name, `not JSON: ${note}`, text);
    }
  }

  for (const [name, build] of [
    ['callresult', (id: string) => `[3,${q(id)},{}]`],
    ['callerror', (id: string) => `[4,${q(id)},"GenericError","",{}]`],
  ] as const) {
    const id = newId();
    frameMutation('unsolicited-response', 'unsolicited', 'SEC-RPC-09', name, `an unsolicited ${name.toUpperCase()} for an id never sent`, build(id), {
      violation: 'none',
      expectation: 'survive',
      messageId: id,
    });
  }

  // Interleave the groups in an rng-chosen order, each group's variants shuffled too, so the
  // first mutation of a group is not always the same variant.
  const order = rng.shuffle([...groups.keys()].sort());
  const lists = order.map((k) => rng.shuffle(groups.get(k)!));
  const out: Mutation[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

function swapCase(s: string): string {
  const flipped = [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
  return flipped === s ? `${s}X` : flipped;
}

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

