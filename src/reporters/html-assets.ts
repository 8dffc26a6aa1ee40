/** The inline style sheet and script of index.html (the report needs no network access). */

export const STYLE = `
.sev{display:inline-block;padding:0 .45em;border-radius:.6em;font-size:.8em;font-weight:600;color:#fff;background:var(--muted)}
.sev-critical{background:#8b0000}.sev-high{background:var(--fail)}.sev-medium{background:var(--inconclusive)}.sev-low{background:var(--pass-non-strict)}.sev-info{background:var(--not-applicable)}
table.findings{border-collapse:collapse;width:100%;margin:.5em 0 1em}table.findings th,table.findings td{border:1px solid var(--line);padding:.3em .5em;vertical-align:top;text-align:left;font-size:.9em}
pre.frame{margin:0 0 .3em;white-space:pre-wrap;word-break:break-all;max-height:10em;overflow:auto;background:var(--code);padding:.2em .4em}
:root{--bg:#fff;--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--panel:#f6f8fa;--code:#eff1f3;
--pass:#1a7f37;--pass-non-strict:#0a7d8c;--fail:#cf222e;--inconclusive:#9a6700;--not-applicable:#6e7781;--skipped:#8c959f;--error:#8250df;--unknown:#57606a}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;--panel:#161b22;--code:#1f242c;
--pass:#3fb950;--pass-non-strict:#39c5cf;--fail:#f85149;--inconclusive:#d29922;--not-applicable:#8b949e;--skipped:#6e7681;--error:#a371f7}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1280px;margin:0 auto;padding:24px}
h1{font-size:1.6em;margin:0 0 12px}h2{font-size:1.25em;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:32px}h4{margin:16px 0 6px}
code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
code{background:var(--code);padding:1px 4px;border-radius:4px}
pre{margin:0;white-space:pre-wrap;word-break:break-all}
a{color:inherit}
.muted{color:var(--muted)}
.run-facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:6px 24px;margin:0 0 16px}
.run-facts div{display:flex;gap:8px}.run-facts dt{color:var(--muted);min-width:80px}.run-facts dd{margin:0;word-break:break-word}
.banner{border:1px solid var(--line);border-left-width:6px;border-radius:6px;padding:10px 16px;background:var(--panel);margin:12px 0}
.banner.partial{border-left-color:var(--inconclusive)}.banner.complete{border-left-color:var(--pass)}
.banner ul{margin:6px 0}.banner p{margin:6px 0 0}
.chips{display:flex;flex-wrap:wrap;gap:8px}
.chip{border:1px solid currentColor;border-radius:12px;padding:1px 10px}
nav{display:flex;gap:16px;margin-top:8px}
.badge{display:inline-block;min-width:7.5em;text-align:center;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff;background:var(--unknown)}
.v-pass{--c:var(--pass)}.v-pass-non-strict{--c:var(--pass-non-strict)}.v-fail{--c:var(--fail)}.v-inconclusive{--c:var(--inconclusive)}
.v-not-applicable{--c:var(--not-applicable)}.v-skipped{--c:var(--skipped)}.v-error{--c:var(--error)}.v-unknown{--c:var(--unknown)}
.badge[class*=v-]{background:var(--c)}.chip[class*=v-]{color:var(--c)}
table{border-collapse:collapse}
.legend td,.legend th{padding:4px 10px;vertical-align:top;text-align:left;border-bottom:1px solid var(--line)}
.counts{margin:12px 0 20px;min-width:60%}
.counts caption{text-align:left;font-weight:600;padding:4px 0}
.counts th,.counts td{border:1px solid var(--line);padding:3px 8px}
.counts thead th{background:var(--panel);font-weight:600;font-size:12px}
.counts tbody th,.counts tfoot th{text-align:left;font-weight:500}
.counts tfoot{font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
.zero{color:var(--muted);opacity:.5}
.has{color:var(--c);font-weight:700}
.toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:8px 0 16px;position:sticky;top:0;background:var(--bg);padding:8px 0;z-index:1}
.toolbar .sep{width:12px}
button{font:inherit;font-size:13px;color:var(--fg);background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:3px 12px;cursor:pointer}
button[aria-pressed=true]{border-color:var(--fg);font-weight:600}
details.case{border:1px solid var(--line);border-left:5px solid var(--c);border-radius:6px;margin:8px 0;background:var(--bg)}
details.case[hidden]{display:none}
details.case>summary{cursor:pointer;padding:8px 12px;display:flex;flex-wrap:wrap;align-items:center;gap:8px;list-style:none}
details.case>summary::-webkit-details-marker{display:none}
details.case>summary::before{content:"\\25B8";color:var(--muted);width:1em}
details.case[open]>summary::before{content:"\\25BE"}
details.case[open]>summary{border-bottom:1px solid var(--line);background:var(--panel)}
.case-id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:600}
.case-title{flex:1 1 auto}
.case-where,.dur{color:var(--muted);font-size:12px}
.case-body{padding:8px 16px 16px}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0}
.facts dt{color:var(--muted)}.facts dd{margin:0}
.verdict-box{border:1px solid var(--line);border-left:4px solid var(--c);border-radius:4px;padding:6px 12px;margin:12px 0;background:var(--panel)}
.verdict-box h4{margin:4px 0;color:var(--c)}
.fail-facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:4px 0}
.fail-facts dt{font-weight:600}.fail-facts dd{margin:0}.fail-facts ul{margin:0;padding-left:18px}
.steps{list-style:none;padding-left:0;margin:0}
.steps li{padding:3px 0;border-bottom:1px dashed var(--line)}
.step-no{display:inline-block;min-width:2em;text-align:right;color:var(--muted)}
.steps .badge{min-width:6.5em}
.step-detail{margin-left:9.5em;color:var(--muted);white-space:pre-wrap}
.sev{font-size:12px;font-weight:700;text-transform:uppercase;border-radius:4px;padding:0 6px;border:1px solid currentColor}
.sev-critical,.sev-high{color:var(--fail)}.sev-medium{color:var(--inconclusive)}.sev-low,.sev-info{color:var(--muted)}
.wire-wrap{overflow-x:auto}
.wire{width:100%;font-size:12px}
.wire th{background:var(--panel);text-align:left;position:sticky;top:0}
.wire th,.wire td{border:1px solid var(--line);padding:3px 6px;vertical-align:top}
.wire .t,.wire .conn,.wire .dir{white-space:nowrap;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.wire .frame{min-width:320px;max-width:640px}
.wire .summary{min-width:160px}
.wire tr.out .dir-out{color:var(--pass-non-strict)}.wire tr.in .dir-in{color:var(--error)}
.wire tr.note td{background:var(--panel);font-style:italic}
.wire tr.violated td{background:color-mix(in srgb,var(--fail) 8%,transparent)}
.wire .violations{color:var(--fail)}.wire .violations ul{margin:0;padding-left:16px}
.note-kind{font-style:normal;font-weight:600;margin-right:6px}
.stack pre{max-height:300px;overflow:auto}
.identity-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:12px 24px;align-items:start}
table.identity caption,table.cert caption,table.trace caption{text-align:left;font-weight:600;padding:4px 0}
table.identity th,table.identity td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top;word-break:break-word}
table.cert,table.trace{margin:12px 0 20px;width:100%}table.cert th,table.cert td,table.trace th,table.trace td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
table.cert thead th,table.trace thead th{background:var(--panel);font-size:12px}.reasons{margin:4px 0 0;padding-left:18px;font-size:12px;color:var(--muted)}
.seq-holder{overflow-x:auto}svg.seq{display:block;margin:8px 0;background:var(--panel);border:1px solid var(--line);border-radius:6px;font:11px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
svg.seq text{fill:var(--fg)}svg.seq .lane{font-weight:700;font-size:13px}svg.seq .seq-t,svg.seq .seq-note{fill:var(--muted)}svg.seq .seq-err{fill:var(--fail)}svg.seq .seq-close{fill:var(--inconclusive)}
table.identity th{color:var(--muted);font-weight:500;white-space:nowrap}
`;

export const SCRIPT = `
(function () {
  var cases = Array.prototype.slice.call(document.querySelectorAll('details.case'));
  var shown = document.getElementById('shown-count');
  var filters = document.querySelectorAll('[data-filter]');
  function applyFilter(filter) {
    var allowed = filter === 'all' ? null : filter.split(' ');
    var visible = 0;
    cases.forEach(function (c) {
      var hide = allowed !== null && allowed.indexOf(c.getAttribute('data-verdict')) < 0;
      c.hidden = hide;
      if (!hide) visible++;
    });
    if (shown) shown.textContent = String(visible);
  }
  Array.prototype.forEach.call(filters, function (button) {
    button.addEventListener('click', function () {
      Array.prototype.forEach.call(filters, function (other) {
        other.setAttribute('aria-pressed', String(other === button));
      });
      applyFilter(button.getAttribute('data-filter'));
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-expand]'), function (button) {
    button.addEventListener('click', function () {
      var open = button.getAttribute('data-expand') === 'open';
      cases.forEach(function (c) { if (!c.hidden) c.open = open; });
    });
  });
  function openLinkedCase() {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target && target.tagName === 'DETAILS') target.open = true;
  }
  window.addEventListener('hashchange', openLinkedCase);
  openLinkedCase();
})();
`;

/**
 * The policy forbids every network load and allows only our own inline script (by hash), so even
 * a rendering bug that let peer text through as markup could neither fetch nor execute anything.
 */
