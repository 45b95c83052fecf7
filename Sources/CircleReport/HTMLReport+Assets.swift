import Foundation

/// The report's inline style sheet and script. Neither refers to anything outside the file: no
/// fonts, images or `url(…)`; the script only sorts tables and switches the map's gap layer.
enum ReportAssets {
    static let css = #"""
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --soft: #f5f7fa; --accent: #2b6cb0; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI",
  "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
  "WenQuanYi Micro Hei", Roboto, "Helvetica Neue", Arial, sans-serif; }
.wrap { max-width: 1120px; margin: 0 auto; padding: 24px 28px 40px; }
header.top { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 8px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 32px 0 6px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 4px; }
.meta, .caption, footer { color: var(--muted); font-size: 13px; margin: 2px 0 8px; }
nav.toc { font-size: 13px; }
nav.toc a { color: var(--accent); text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
p.lead { font-size: 17px; margin: 8px 0 14px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(165px, 1fr)); gap: 12px; margin: 10px 0 18px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--soft); break-inside: avoid; }
.card .label { font-size: 13px; color: var(--muted); line-height: 1.3; min-height: 2.6em; }
.card .value { font-size: 27px; font-weight: 650; line-height: 1.25; white-space: nowrap; font-variant-numeric: tabular-nums; }
.card .hint { font-size: 12px; color: var(--muted); }
svg.dot { width: 0.55em; height: 0.55em; margin-right: 0.3em; vertical-align: 0.08em; }
.legend { font-size: 13px; color: var(--muted); margin: 4px 0; }
svg.sw { width: 12px; height: 12px; vertical-align: -1px; }
.b1 { fill: #2b6cb0; }
.b2 { fill: #90cdf4; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { padding: 4px 8px; text-align: left; vertical-align: baseline; }
thead th { border-bottom: 2px solid #9aa5b1; font-weight: 600; vertical-align: bottom; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.tablebox { overflow-x: auto; }
table.bars { table-layout: fixed; }
table.bars col.c-lbl { width: 36%; }
table.bars col.c-bar { width: 42%; }
table.bars col.c-num { width: 11%; }
table.bars thead th.num { font-size: 12.5px; line-height: 1.25; }
table.bars td { padding: 2px 8px; vertical-align: middle; border-bottom: 1px solid #eef2f6; }
table.bars td.lbl { line-height: 1.3; }
table.bars td.bar { padding: 0 8px; }
table.bars td.bar svg { display: block; width: 100%; height: 24px; }
table.bars tr.grp th { padding: 10px 8px 2px; font-size: 13px; color: var(--accent); border-bottom: 1px solid var(--line); }
table.bars th.axis { padding: 0 8px; }
.ticks { position: relative; height: 1.4em; font-size: 11px; color: var(--muted); font-weight: 400; }
.ticks span { position: absolute; bottom: 0; transform: translateX(-50%); }
.ticks .t0 { left: 0; transform: none; } .ticks .t25 { left: 25%; } .ticks .t50 { left: 50%; }
.ticks .t75 { left: 75%; } .ticks .t100 { left: 100%; transform: translateX(-100%); }
path.grid { stroke: #d9e2ec; stroke-width: 1px; vector-effect: non-scaling-stroke; fill: none; }
.star { color: #b7791f; }
.sub { color: var(--muted); font-size: 12px; white-space: nowrap; }
.sub.zero { color: #c53030; font-weight: 600; }
.tag { display: inline-block; font-size: 11px; padding: 0 5px; border: 1px solid var(--line); border-radius: 3px; color: var(--muted); vertical-align: 1px; }
.tag-basic { border-color: #b7791f; color: #975a16; }
table.data tbody tr:nth-child(even) { background: #f8fafc; }
table.data td { border-bottom: 1px solid #eef2f6; }
table.data td.items { font-size: 12.5px; color: #3e4c59; min-width: 13em; }
table.data thead th { line-height: 1.3; }
.oid { display: block; font-size: 11px; color: var(--muted); }
table.sortable th[data-type] { cursor: pointer; user-select: none; }
table.sortable th[data-type]:hover { color: var(--accent); }
table.sortable th[aria-sort=ascending]::after { content: " \25B2"; font-size: 10px; }
table.sortable th[aria-sort=descending]::after { content: " \25BC"; font-size: 10px; }
td.path { word-break: break-all; }
code.sha { font: 11.5px/1.3 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; word-break: break-all; }
table.kv { width: auto; min-width: 60%; }
table.kv td:first-child { white-space: nowrap; color: #3e4c59; padding-right: 32px; }
ul.notes li { margin: 3px 0; }
.controls { margin: 6px 0; font-size: 14px; }
.controls select { font: inherit; padding: 3px 6px; max-width: 100%; }
.gapcap { font-weight: 600; margin: 4px 0; }
.mapbox { border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
svg.map { display: block; width: 100%; height: auto; max-height: 92vh; }
svg.map .bg { fill: #fbfcfd; }
svg.map .net { fill: none; stroke: #a3acb6; stroke-width: 0.6px; stroke-linejoin: round; stroke-linecap: round; vector-effect: non-scaling-stroke; }
svg.map .bnd { fill: none; stroke: #52606d; stroke-width: 1.2px; stroke-dasharray: 6 4; vector-effect: non-scaling-stroke; }
svg.map .gap path { fill: #e31a1c; fill-opacity: 0.32; fill-rule: evenodd; stroke: #a50f15; stroke-opacity: 0.8; stroke-width: 0.8px; vector-effect: non-scaling-stroke; }
svg.map .origins circle { stroke: #1f2933; stroke-width: 0.6px; vector-effect: non-scaling-stroke; }
svg.map .origins circle:hover { stroke-width: 2px; }
svg.map .scale path { fill: none; stroke: #1f2933; stroke-width: 1.5px; vector-effect: non-scaling-stroke; }
svg.map text { fill: #1f2933; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; vector-effect: non-scaling-stroke; font-family: inherit; }
svg.map .north path { fill: #1f2933; }
.maplegend { display: flex; flex-wrap: wrap; gap: 6px 22px; font-size: 13px; color: #3e4c59; margin: 8px 0; align-items: center; }
.maplegend svg.ramp { width: 110px; height: 12px; vertical-align: -1px; }
.maplegend svg.sym { height: 12px; width: auto; vertical-align: -1px; }
.maplegend svg.s12 { width: 12px; }
.maplegend svg.s24 { width: 24px; }
.gapsym { fill: #e31a1c; fill-opacity: 0.32; stroke: #a50f15; }
.netsym { stroke: #a3acb6; stroke-width: 1.5; fill: none; }
.bndsym { stroke: #52606d; stroke-width: 1.5; stroke-dasharray: 4 3; fill: none; }
footer { margin-top: 36px; border-top: 1px solid var(--line); padding-top: 8px; }
.nojs .js-only { display: none; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; background: #fff; color: #000; }
  .wrap { max-width: none; padding: 0; }
  nav.toc, .noprint { display: none !important; }
  main > section { break-before: page; }
  main > section:first-child { break-before: auto; }
  h2 { margin-top: 0; }
  h2, h3 { break-after: avoid; }
  .card { background: #fff; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 5px; }
  .tablebox { overflow: visible; }
  table.data td.items { min-width: 0; }
  thead { display: table-header-group; }
  tr, .maplegend, .mapbox { break-inside: avoid; }
  table.data tbody tr:nth-child(even) { background: #fff; }
  svg.map { max-height: 215mm; }
  svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg.map .origins circle:hover { stroke-width: 0.6px; }
}
"""#

    static let script = #"""
(function () {
  "use strict";
  document.documentElement.classList.remove("nojs");
  var select = document.getElementById("gap-item");
  if (select) {
    select.addEventListener("change", function () {
      var groups = document.querySelectorAll("#map-svg g.gap");
      for (var i = 0; i < groups.length; i++) {
        groups[i].style.display = groups[i].getAttribute("data-item") === select.value ? "" : "none";
      }
      var option = select.options[select.selectedIndex];
      document.getElementById("gap-caption").textContent = option ? option.getAttribute("data-caption") : "";
    });
  }
  function key(row, index, numeric) {
    var cell = row.cells[index];
    var v = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent;
    if (!numeric) return v;
    return v === "" ? NaN : parseFloat(v);
  }
  function sortTable(table, index, th) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var numeric = th.getAttribute("data-type") === "num";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) { if (!r.hasAttribute("data-i")) r.setAttribute("data-i", String(i)); });
    rows.sort(function (a, b) {
      var x = key(a, index, numeric), y = key(b, index, numeric), c;
      if (numeric) {
        if (isNaN(x) || isNaN(y)) c = isNaN(x) ? (isNaN(y) ? 0 : 1) : -1;
        else c = ascending ? x - y : y - x;
      } else {
        c = ascending ? x.localeCompare(y) : y.localeCompare(x);
      }
      return c !== 0 ? c : parseInt(a.getAttribute("data-i"), 10) - parseInt(b.getAttribute("data-i"), 10);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      if (!th.hasAttribute("data-type")) return;
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortTable(table, index, th); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortTable(table, index, th); }
      });
    });
  });
})();
"""#
}
