import type { LoadReport } from './fleet.js';

/** The console summary: latency percentiles per measure, then the totals that matter to an operator. */
export function renderLoadSummary(r: LoadReport): string {
  const lines = [
    `load: ${r.stations} station(s) at ${r.rampPerS}/s against ${r.target} (OCPP ${r.version}) for ${(r.durationMs / 1000).toFixed(0)} s${r.stormAtMs !== undefined ? `, power-cut storm at ${(r.stormAtMs / 1000).toFixed(0)} s` : ''}; peak RSS ${r.peakRssMiB} MiB`,
    `  ${'latency (ms)'.padEnd(34)} ${['count', 'p50', 'p90', 'p95', 'p99', 'max'].map((h) => h.padStart(8)).join('')}`,
  ];
  for (const [name, s] of Object.entries(r.latency))
    lines.push(`  ${name.padEnd(34)} ${[s.count, s.p50, s.p90, s.p95, s.p99, s.max].map((x) => String(x).padStart(8)).join('')}`);
  const pick = (prefix: string) => Object.entries(r.totals).filter(([k]) => k.startsWith(prefix));
  const show = (title: string, prefix: string) => {
    const entries = pick(prefix);
    lines.push(`  ${title}: ${entries.length ? entries.map(([k, n]) => `${k.slice(prefix.length) || k} ${n}`).join(', ') : 'none'}`);
  };
  show('connections', 'connect.');
  show('boots', 'boot.');
  show('CALLERRORs', 'callerror.');
  show('timeouts', 'timeout.');
  lines.push(
    `  dropped by the CSMS: ${r.totals.dropped ?? 0}; transactions started ${r.totals['tx.started'] ?? 0}, ended ${r.totals['tx.ended'] ?? 0}`,
  );
  return lines.join('\n');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Problems per second (refusals, connection errors, drops, CALLERRORs, timeouts) as one series. */
function problemSeries(r: LoadReport): { t: number; ok: number; bad: number }[] {
  const bad = (k: string) => /^(connect\.(refused|error)|dropped|callerror\.|timeout\.)/.test(k);
  return r.timeline.map((s) => ({
    t: s.t,
    ok: Object.entries(s.counters)
      .filter(([k]) => k.startsWith('sent.'))
      .reduce((a, [, n]) => a + n, 0),
    bad: Object.entries(s.counters)
      .filter(([k]) => bad(k))
      .reduce((a, [, n]) => a + n, 0),
  }));
}

/** A self-contained HTML page: the settings, latency table, totals and calls/problems per second as inline SVG. */
export function renderLoadHtml(r: LoadReport): string {
  const series = problemSeries(r);
  const w = 720;
  const h = 160;
  const maxT = Math.max(1, ...series.map((s) => s.t));
  const maxY = Math.max(1, ...series.map((s) => Math.max(s.ok, s.bad)));
  const path = (key: 'ok' | 'bad') =>
    series.map((s, i) => `${i ? 'L' : 'M'}${((s.t / maxT) * w).toFixed(1)},${(h - (s[key] / maxY) * h).toFixed(1)}`).join(' ');
  const rows = Object.entries(r.latency)
    .map(([k, s]) => `<tr><td>${esc(k)}</td>${[s.count, s.p50, s.p90, s.p95, s.p99, s.max].map((x) => `<td>${x}</td>`).join('')}</tr>`)
    .join('');
  const totals = Object.entries(r.totals)
    .map(([k, n]) => `<tr><td>${esc(k)}</td><td>${n}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ocpp-harness load report</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}td:first-child,th:first-child{text-align:left}</style></head><body>
<h1>Load: ${r.stations} stations against ${esc(r.target)}</h1>
<p>OCPP ${esc(r.version)}, ramp ${r.rampPerS}/s, ${(r.durationMs / 1000).toFixed(0)} s${r.stormAtMs !== undefined ? `, power-cut storm at ${(r.stormAtMs / 1000).toFixed(0)} s` : ''}, started ${esc(r.startedAt)}, peak RSS ${r.peakRssMiB} MiB.</p>
<h2>Calls sent (blue) and problems (red) per second</h2>
<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="calls and problems per second"><path d="${path('ok')}" fill="none" stroke="#2a6fdb"/><path d="${path('bad')}" fill="none" stroke="#d33"/></svg>
<h2>Latency (ms)</h2><table><tr><th>measure</th><th>count</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>max</th></tr>${rows}</table>
<h2>Totals</h2><table>${totals}</table></body></html>
`;
}
