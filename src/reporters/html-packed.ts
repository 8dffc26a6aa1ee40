import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { SafeHtml, html } from './html-escape.js';

/**
 * Wire logs of the cases a reader need not look at (they passed, or did not apply) go into
 * index.html compressed: the table body's rows, already escaped markup, deflated and base64'd into
 * a `data-z` attribute, and put back by the page script when the case is opened. The page stays
 * one offline file, and a 1,000-case all-pass report a few MB instead of tens. Cases that need
 * attention (fail, error, inconclusive) keep their wire log as plain rows: their evidence shows
 * with the case, no script needed.
 */
export const PACK_ATTRIBUTE = 'data-z';

/** Below this many bytes of rows, plain rows are as small as the packed ones. */
const PACK_FROM_BYTES = 512;

export function tbodyOf(rows: SafeHtml, pack: boolean): SafeHtml {
  if (!pack || rows.markup.length < PACK_FROM_BYTES)
    return html`<tbody>
      ${rows}
    </tbody>`;
  const z = deflateRawSync(Buffer.from(rows.markup, 'utf8'), { level: 9 }).toString('base64');
  // base64 has no character the attribute value needs escaped.
  return new SafeHtml(`<tbody ${PACK_ATTRIBUTE}="${z}"></tbody>`);
}

/** The page script part that unpacks a case's rows when it is opened (native DecompressionStream, no network). */
export const UNPACK_SCRIPT = `
(function () {
  function unpack(body) {
    var z = body.getAttribute('${PACK_ATTRIBUTE}');
    body.removeAttribute('${PACK_ATTRIBUTE}');
    var bin = atob(z);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).text().then(function (rows) { body.innerHTML = rows; });
  }
  function unpackCase(details) {
    Array.prototype.forEach.call(details.querySelectorAll('tbody[${PACK_ATTRIBUTE}]'), unpack);
  }
  Array.prototype.forEach.call(document.querySelectorAll('details.case'), function (d) {
    d.addEventListener('toggle', function () { if (d.open) unpackCase(d); });
    if (d.open) unpackCase(d);
  });
})();
`;

/** index.html with every packed wire log put back as plain rows (what the page shows once opened); for tests and tools. */
export function unpackHtml(page: string): string {
  return page.replace(
    new RegExp(`<tbody ${PACK_ATTRIBUTE}="([A-Za-z0-9+/=]*)"></tbody>`, 'g'),
    (_, z: string) => `<tbody>${inflateRawSync(Buffer.from(z, 'base64')).toString('utf8')}</tbody>`,
  );
}
