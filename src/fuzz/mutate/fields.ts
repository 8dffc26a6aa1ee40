/*
 * Schema violations of single fields (SEC-RPC-06): a required field removed, an undeclared
 * field added, a value of the wrong JSON type, null for an absent optional field, and string
 * lengths and numbers outside their bounds (plus machine-level numeric extremes, RPC-07).
 */
import { isPlainObject, numberFits, setAt, typeAllows, typesOf } from '../schema-walk.js';
import { type PayloadFamily, slotPath } from './builder.js';
import { NUMERIC_EXTREMES, swapValues } from './values.js';

/** remove-required: drop a required property (OccurrenceConstraintViolation). */
export const removeRequired: PayloadFamily = (b, { inner }) => {
  for (const s of b.choose(inner.filter((s) => s.required && typeof s.path[s.path.length - 1] === 'string'))) {
    const t = slotPath(s);
    b.payloadMutation(
      'remove-required',
      'occurrence',
      t,
      `required field ${t} removed`,
      setAt(b.validPayload, s.path, undefined, true),
      'schema',
    );
  }
};

/** unknown-field: an undeclared property where additionalProperties is false. */
export const unknownField: PayloadFamily = (b, { present }) => {
  const closed = present.filter((s) => isPlainObject(s.value) && s.schema.additionalProperties === false);
  for (const s of b.choose(closed)) {
    const t = slotPath(s);
    const name = b.rng.pick(['fuzzUnknownField', '__proto__', 'constructor', 'CustomData']);
    const value = name === '__proto__' ? { polluted: true } : 'x';
    b.payloadMutation(
      'unknown-field',
      'property',
      `${t}/${name}`,
      `undeclared property "${name}" added to ${t}`,
      setAt(b.validPayload, [...s.path, name], value),
      'schema',
    );
  }
};

/** type-swap: a value of a JSON type the schema does not allow. */
export const typeSwap: PayloadFamily = (b, { inner }) => {
  for (const s of b.choose(inner.filter((s) => typesOf(s.schema).length > 0))) {
    const options = swapValues(s.value).filter(([, v]) => !typeAllows(s.schema, v));
    if (options.length === 0) continue;
    const t = slotPath(s);
    const [name, v] = b.rng.pick(options);
    b.payloadMutation(
      'type-swap',
      'type',
      `${t}/${name}`,
      `${t} (${typesOf(s.schema).join('|')}) replaced by a ${name}`,
      setAt(b.validPayload, s.path, v),
      'schema',
    );
  }
};

/** null-optional: only omission is allowed for an absent optional field (§4.1.5). */
export const nullOptional: PayloadFamily = (b, { all }) => {
  for (const s of b.choose(all.filter((s) => !s.present && typesOf(s.schema).length > 0 && !typesOf(s.schema).includes('null')))) {
    const t = slotPath(s);
    b.payloadMutation(
      'null-optional',
      'type',
      t,
      `optional field ${t} sent as null instead of omitted`,
      setAt(b.validPayload, s.path, null),
      'schema',
    );
  }
};

/** string-length: one past maxLength, and a huge value (a size limit may close the socket). */
export const stringLength: PayloadFamily = (b, { strings }) => {
  for (const s of b.choose(strings.filter((s) => typeof s.schema.maxLength === 'number'))) {
    const t = slotPath(s);
    const n = s.schema.maxLength! + 1;
    b.payloadMutation(
      'string-length',
      'property',
      `${t}/max+1`,
      `${t} is ${n} characters (maxLength ${n - 1})`,
      setAt(b.validPayload, s.path, 'A'.repeat(n)),
      'schema',
    );
  }
  const huge = b.hugeLength;
  for (const s of b.choose(strings, 1)) {
    const t = slotPath(s);
    const violates = (s.schema.maxLength ?? Infinity) < huge || !!s.schema.enum || !!s.schema.format;
    b.payloadMutation(
      'string-length',
      'size',
      `${t}/huge`,
      `${t} is ${huge} characters`,
      setAt(b.validPayload, s.path, 'A'.repeat(huge)),
      violates ? 'schema' : 'none',
      {
        ruleId: 'SEC-DOS-01',
        mayClose: true,
      },
    );
  }
};

/** numeric-bound: bounds from the schema, then machine-level extremes. */
export const numericBound: PayloadFamily = (b, { inner }) => {
  const numbers = inner.filter((s) => typeof s.value === 'number' && !s.schema.enum);
  for (const s of b.choose(numbers)) {
    const t = slotPath(s);
    const sc = s.schema;
    const variants: Array<readonly [string, unknown, string?]> = [];
    if (typeof sc.maximum === 'number') variants.push(['max+1', sc.maximum + 1]);
    if (typeof sc.minimum === 'number') variants.push(['min-1', sc.minimum - 1]);
    variants.push(...b.choose(NUMERIC_EXTREMES, 3));
    for (const [name, v, raw] of variants) {
      const parsed = raw !== undefined ? (JSON.parse(raw) as number) : v;
      const violates = typeof parsed !== 'number' || !numberFits(sc, parsed);
      const shown = raw ?? JSON.stringify(v);
      b.payloadMutation(
        'numeric-bound',
        violates ? (typeof parsed === 'number' ? 'property' : 'type') : 'boundary',
        `${t}/${name}`,
        `${t} set to ${shown}`,
        raw !== undefined ? b.validPayload : setAt(b.validPayload, s.path, v),
        violates ? 'schema' : 'none',
        raw !== undefined ? { raw: { path: s.path, text: raw } } : {},
      );
    }
  }
};
