import { showBidiControls, showControlCharacters } from './format.js';

/* ------------------------------------------------------------------------------------------------
 * Escaping. Frames come from hostile peers, so every interpolated value is escaped by the `html`
 * template tag unless it is already markup built by the tag itself (SafeHtml).
 * ---------------------------------------------------------------------------------------------- */

export class SafeHtml {
  constructor(readonly markup: string) {}
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for element content and quoted attributes. "://" is also encoded (renders the
 * same) so the file never contains a literal URL scheme, even one quoted from a frame: a grep for
 * external references stays meaningful.
 */
export function escapeHtml(text: string): string {
  // NUL, ESC and other controls, and bidi overrides, are shown as escapes, never passed on raw.
  return showBidiControls(showControlCharacters(text))
    .replace(/[&<>"']/g, (c) => ENTITIES[c])
    .replaceAll('://', '&#58;//');
}

function renderValue(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += renderValue(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}
