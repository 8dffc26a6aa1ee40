/*
 * Values of constrained strings: RFC 3339 date-time edge cases and hostile URIs (some still
 * schema-valid, so only the receiver's parsing is under test), and values outside an enum.
 */
import { codePointLength, setAt } from '../schema-walk.js';
import { type MutationBuilder, type PayloadFamily, type PayloadView, slotPath } from './builder.js';
import { DATE_VARIANTS, type FormatVariant, URI_VARIANTS } from './values.js';

function formatted(
  b: MutationBuilder,
  { strings }: PayloadView,
  format: string,
  mutator: 'date' | 'uri',
  variantsAll: readonly FormatVariant[],
): void {
  const targets = b.choose(strings.filter((s) => s.schema.format === format));
  targets.forEach((s, i) => {
    const t = slotPath(s);
    // The first target gets every variant; later ones a sample, to bound the list.
    const variants = i === 0 ? variantsAll : b.choose(variantsAll, 3);
    for (const v of variants) {
      const tooLong = codePointLength(v.value) > (s.schema.maxLength ?? Infinity);
      const violates = v.invalid || tooLong;
      b.payloadMutation(
        mutator,
        violates ? 'format' : 'boundary',
        `${t}/${v.name}`,
        `${t} set to ${v.note}: ${JSON.stringify(v.value)}`,
        setAt(b.validPayload, s.path, v.value),
        violates ? 'schema' : 'none',
      );
    }
  });
}

/** date: RFC 3339 edge cases in date-time fields. */
export const dateFormats: PayloadFamily = (b, view) => formatted(b, view, 'date-time', 'date', DATE_VARIANTS);

/** uri: malformed and hostile URIs in uri fields. */
export const uriFormats: PayloadFamily = (b, view) => formatted(b, view, 'uri', 'uri', URI_VARIANTS);

/** enum: a value outside the enum, and a wrong-case member (enums are case-sensitive). */
export const enumValues: PayloadFamily = (b, { inner }) => {
  for (const s of b.choose(inner.filter((s) => typeof s.value === 'string' && Array.isArray(s.schema.enum)))) {
    const t = slotPath(s);
    b.payloadMutation(
      'enum',
      'property',
      `${t}/not-in-enum`,
      `${t} set to a value outside its enum`,
      setAt(b.validPayload, s.path, 'FuzzNotInEnum'),
      'schema',
    );
    const flipped = swapCase(s.value as string);
    if (!s.schema.enum!.includes(flipped)) {
      b.payloadMutation(
        'enum',
        'property',
        `${t}/wrong-case`,
        `${t} set to ${JSON.stringify(flipped)} (wrong case)`,
        setAt(b.validPayload, s.path, flipped),
        'schema',
      );
    }
  }
};

/** The text with every letter's case flipped; "X" appended when that changes nothing. */
function swapCase(s: string): string {
  const flipped = [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
  return flipped === s ? `${s}X` : flipped;
}
