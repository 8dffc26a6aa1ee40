/**
 * The page script that draws a case's wire log as a message sequence diagram (inline SVG, built
 * with DOM calls from the rows of the case's wire table, text set as textContent): harness lane
 * left, SUT lane right, time down the side, CALLERRORs red, closes and dropped connections as a
 * cross between the lanes. Drawn only when the reader asks, so the report carries no second copy.
 */
export const SEQUENCE_SCRIPT = `
(function () {
  // The SVG namespace name (an identifier, never fetched), spelt in two parts so the page holds no URL.
  var NS = 'http:' + '//www.w3.org/2000/svg';
  var MAX = 400;
  var seq = 0;
  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function clip(s, n) { s = s.replace(/\\s+/g, ' ').trim(); return s.length > n ? s.slice(0, n - 1) + '\\u2026' : s; }
  function draw(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr[data-seq]'));
    var shown = rows.slice(0, MAX);
    var id = 'seq-arrow-' + (++seq);
    var W = 820, H = 60 + shown.length * 26 + (rows.length > MAX ? 24 : 0), L = 190, R = 690;
    var svg = el('svg', { class: 'seq', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'message sequence diagram' });
    var defs = el('defs', {});
    ['ok', 'err'].forEach(function (k) {
      var m = el('marker', { id: id + '-' + k, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
      m.appendChild(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: k === 'err' ? '#cf222e' : '#57606a' }));
      defs.appendChild(m);
    });
    svg.appendChild(defs);
    svg.appendChild(el('text', { x: L, y: 18, 'text-anchor': 'middle', class: 'lane' }, 'harness'));
    svg.appendChild(el('text', { x: R, y: 18, 'text-anchor': 'middle', class: 'lane' }, 'SUT'));
    svg.appendChild(el('line', { x1: L, y1: 26, x2: L, y2: H - 6, stroke: '#8c959f', 'stroke-dasharray': '4 3' }));
    svg.appendChild(el('line', { x1: R, y1: 26, x2: R, y2: H - 6, stroke: '#8c959f', 'stroke-dasharray': '4 3' }));
    shown.forEach(function (row, i) {
      var y = 50 + i * 26;
      var kind = row.getAttribute('data-seq');
      var ms = row.getAttribute('data-ms') || '0';
      svg.appendChild(el('text', { x: 8, y: y + 4, class: 'seq-t' }, '+' + ms + 'ms'));
      if (kind === 'msg' || kind === 'error') {
        var out = row.getAttribute('data-dir') === 'out';
        var summary = row.querySelector('.summary');
        var label = clip(summary ? summary.textContent || '' : '', 70);
        var err = kind === 'error';
        svg.appendChild(el('line', {
          x1: out ? L : R, y1: y, x2: out ? R : L, y2: y,
          stroke: err ? '#cf222e' : '#57606a', 'stroke-width': err ? 2 : 1.2,
          'marker-end': 'url(#' + id + '-' + (err ? 'err' : 'ok') + ')', class: err ? 'callerror' : 'msg'
        }));
        svg.appendChild(el('text', { x: (L + R) / 2, y: y - 4, 'text-anchor': 'middle', class: err ? 'seq-label seq-err' : 'seq-label' }, label));
      } else {
        var cell = row.querySelector('td[colspan]');
        var text = clip(cell ? cell.textContent || '' : '', 90);
        if (kind === 'close') {
          svg.appendChild(el('line', { x1: L, y1: y, x2: R, y2: y, stroke: '#9a6700', 'stroke-width': 1.5, 'stroke-dasharray': '2 4', class: 'close' }));
          svg.appendChild(el('text', { x: (L + R) / 2, y: y - 4, 'text-anchor': 'middle', class: 'seq-label seq-close' }, '\\u2715 ' + text));
        } else {
          svg.appendChild(el('text', { x: (L + R) / 2, y: y + 4, 'text-anchor': 'middle', class: 'seq-note' }, text));
        }
      }
    });
    if (rows.length > MAX) svg.appendChild(el('text', { x: 8, y: H - 8, class: 'seq-note' }, (rows.length - MAX) + ' more entries: see the table'));
    return svg;
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-seq-show]'), function (button) {
    button.addEventListener('click', function () {
      var body = button.closest('.case-body');
      var holder = body && body.querySelector('.seq-holder');
      var table = body && body.querySelector('table.wire');
      if (!holder || !table) return;
      if (holder.firstChild) {
        holder.textContent = '';
        button.textContent = 'Show sequence diagram';
        return;
      }
      holder.appendChild(draw(table));
      button.textContent = 'Hide sequence diagram';
    });
  });
})();
`;
