/*
 * Hostile payload content and shape: deeply nested values (a recursive parser's stack),
 * control and malformed Unicode characters, injection strings in free-text fields, and an
 * empty payload.
 */
import { type PathSeg, setAt, typesOf } from '../schema-walk.js';
import { type MutationBuilder, type PayloadFamily, type PayloadView, slotPath } from './builder.js';
import { ENCODING_VALUES, INJECTION_VALUES } from './values.js';

/** deep-nesting: built as text (JSON.stringify would recurse once per level). */
export const deepNesting: PayloadFamily = (b, { schema, inner }) => {
  const depth = b.nestingDepth;
  const leaves = inner.filter(
    (s) => typesOf(s.schema).length > 0 && !typesOf(s.schema).includes('array') && !typesOf(s.schema).includes('object'),
  );
  const rootClosed = schema.additionalProperties === false;
  const nestTarget: { path: PathSeg[]; violates: boolean; where: string } =
    leaves.length > 0
      ? (() => {
          const s = b.rng.pick(leaves);
          return { path: s.path, violates: true, where: slotPath(s) };
        })()
      : { path: ['fuzzNested'], violates: rootClosed, where: 'fuzzNested' };
  for (const [name, text] of [
    ['arrays', '['.repeat(depth) + ']'.repeat(depth)],
    ['objects', '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)],
  ] as const) {
    b.payloadMutation(
      'deep-nesting',
      'nesting',
      `${nestTarget.where}/${name}`,
      `${nestTarget.where} replaced by ${depth} nested ${name}`,
      b.validPayload,
      nestTarget.violates ? 'schema' : 'none',
      { raw: { path: nestTarget.path, text }, ruleId: 'SEC-RPC-07', mayClose: true },
    );
  }
};

/**
 * Hostile content in free-text fields (no enum, no format), kept within maxLength so only the
 * content (not the schema) is under test.
 */
function hostileText(
  b: MutationBuilder,
  { strings }: PayloadView,
  mutator: 'encoding' | 'injection',
  table: ReadonlyArray<readonly [string, string, string]>,
  k: number,
): void {
  const free = strings.filter((s) => !s.schema.enum && !s.schema.format);
  for (const s of b.choose(free)) {
    const t = slotPath(s);
    for (const [name, raw, note] of b.choose(table, k)) {
      const value = [...raw].slice(0, s.schema.maxLength ?? Infinity).join('');
      b.payloadMutation(mutator, mutator, `${t}/${name}`, `${t} contains ${note}`, setAt(b.validPayload, s.path, value), 'none');
    }
  }
}

/** encoding: control characters, lone surrogates, BOMs, bidi overrides ... */
export const encoding: PayloadFamily = (b, view) => hostileText(b, view, 'encoding', ENCODING_VALUES, 3);

/** injection: shell, SQL, HTML, path traversal and format-string text. */
export const injection: PayloadFamily = (b, view) => hostileText(b, view, 'injection', INJECTION_VALUES, 2);

/** empty-payload: {} (CitrineOS #61 crashed on an empty BootNotification). */
export const emptyPayload: PayloadFamily = (b, { schema }) => {
  const needs = (schema.required ?? []).length > 0;
  b.payloadMutation('empty-payload', needs ? 'occurrence' : 'boundary', 'empty', 'payload replaced by {}', {}, needs ? 'schema' : 'none');
};
