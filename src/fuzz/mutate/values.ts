/*
 * The fixed value tables the payload mutators draw from. Their order is part of the fuzzer's
 * output (the rng picks by index), so append new entries at the end only, and never rename one:
 * names are part of mutation ids.
 */

/** Values used by the type-swap mutator, keyed by the JSON type they carry. */
export function swapValues(original: unknown): Array<[string, unknown]> {
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

/** [name, value, note]: hostile characters for free-text fields. */
export const ENCODING_VALUES: ReadonlyArray<readonly [string, string, string]> = [
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

/** [name, value, note]: text a receiver that passes fields to a shell, SQL, HTML or printf must escape. */
export const INJECTION_VALUES: ReadonlyArray<readonly [string, string, string]> = [
  ['shell', ';$(reboot)`id`', 'shell metacharacters'],
  ['path-traversal', '../../../../etc/passwd', 'a path traversal'],
  ['percent-nul', 'a%00b', 'a URL-encoded NUL'],
  ['format-string', '%s%s%n%x', 'printf format directives'],
  ['sql', "' OR '1'='1", 'an SQL injection'],
  ['html', '<script>alert(1)</script>', 'an HTML/script injection'],
];

/** Machine-level numeric extremes; a third element is raw JSON text JSON.stringify cannot produce. */
export const NUMERIC_EXTREMES: ReadonlyArray<readonly [string, unknown, string?]> = [
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

/** A value for a string with a `format` (date-time, uri). */
export interface FormatVariant {
  name: string;
  value: string;
  /** True when ajv-formats rejects it for its format (RFC 3339 date-time, RFC 3986 URI). */
  invalid: boolean;
  note: string;
}

/** RFC 3339 edge cases, some valid and some not. */
export const DATE_VARIANTS: readonly FormatVariant[] = [
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

/** Malformed and hostile URIs. */
export const URI_VARIANTS: readonly FormatVariant[] = [
  { name: 'invalid-uri', value: 'not a uri', invalid: true, note: 'not a URI' },
  { name: 'file-uri', value: 'file:///etc/passwd', invalid: false, note: 'a file: URI' },
  { name: 'loopback-uri', value: 'http://127.0.0.1:22/', invalid: false, note: 'a loopback target (SSRF class)' },
  { name: 'userinfo-uri', value: 'https://user:pass@example.com/fw.bin', invalid: false, note: 'credentials in the URI' },
];
