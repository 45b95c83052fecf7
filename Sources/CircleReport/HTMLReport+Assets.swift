import Foundation

/// The report's inline style sheet and script. Neither refers to anything outside the file: no
/// fonts, images or `url(…)`; the script sorts tables and makes the map interactive (pan, zoom,
/// layers, cards), reading its data from the page's JSON block.
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
table.kv td + td { overflow-wrap: anywhere; }
.datanote { font-size: 14px; margin: 0 0 10px; color: #3e4c59; }
.datanote.warn { color: #8a4b00; background: #fff8e6; border-left: 3px solid #d69e2e; padding: 4px 10px; }
.delta { font-size: 12.5px; font-weight: 600; white-space: nowrap; }
.delta.better { color: #1f7a3f; } .delta.worse { color: #b42318; } .delta.same { color: var(--muted); font-weight: 400; }
td.delta { font-size: inherit; }
p.lead.change { font-size: 19px; }
table.bars tr.nodata td.lbl { color: var(--muted); }
table.bars td.bar.nodata span { font-size: 12px; color: var(--muted); font-style: italic; }
.controls .pick { margin-right: 18px; }
.controls .layers { display: inline-flex; flex-wrap: wrap; gap: 2px 14px; font-size: 13px; }
.controls .layers label { white-space: nowrap; cursor: pointer; }
.mapbox { position: relative; }
.zoom { position: absolute; top: 8px; right: 8px; display: flex; flex-direction: column; gap: 4px; }
.zoom button { width: 34px; height: 34px; font: 600 19px/1 system-ui, sans-serif; color: var(--ink); background: #fff;
  border: 1px solid #9aa5b1; border-radius: 5px; cursor: pointer; padding: 0; }
.zoom button:hover { background: var(--soft); }
.mapcard { position: absolute; top: 8px; left: 8px; max-width: min(320px, calc(100% - 60px)); max-height: calc(100% - 16px);
  overflow: auto; background: rgba(255,255,255,0.97); border: 1px solid #9aa5b1; border-radius: 6px; padding: 8px 10px;
  font-size: 13px; line-height: 1.4; box-shadow: 0 2px 8px rgba(0,0,0,0.15); }
.mapcard h4 { margin: 0 22px 2px 0; font-size: 14px; }
.mapcard .close { position: absolute; top: 2px; right: 4px; border: 0; background: none; font-size: 18px; cursor: pointer; color: var(--muted); }
.mapcard .sel { font-weight: 600; margin: 4px 0; }
.mapcard ul { margin: 2px 0; padding-left: 0; list-style: none; columns: 2; column-gap: 12px; font-size: 12px; }
.mapcard li { break-inside: avoid; }
.mapcard li.miss { color: #b42318; }
.mapcard .m { color: var(--muted); font-size: 12px; }
ul.notes li { margin: 3px 0; }
.controls { margin: 6px 0; font-size: 14px; }
.controls select { font: inherit; padding: 3px 6px; max-width: 100%; }
.gapcap { font-weight: 600; margin: 4px 0; }
.mapbox { border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
svg.map { display: block; width: 100%; height: auto; max-height: 92vh; }
svg.map .bg { fill: #fbfcfd; }
svg.map .water { fill: #cfe2f3; stroke: none; }
svg.map .green { fill: #dcefd3; stroke: none; }
.watersym { fill: #cfe2f3; } .greensym { fill: #dcefd3; }
svg.map .net { fill: none; stroke: #a3acb6; stroke-width: 0.6px; stroke-linejoin: round; stroke-linecap: round; vector-effect: non-scaling-stroke; }
svg.map .bnd { fill: none; stroke: #52606d; stroke-width: 1.2px; stroke-dasharray: 6 4; vector-effect: non-scaling-stroke; }
svg.map .gap path { fill: #e31a1c; fill-opacity: 0.32; fill-rule: evenodd; stroke: #a50f15; stroke-opacity: 0.8; stroke-width: 0.8px; vector-effect: non-scaling-stroke; }
svg.map { touch-action: none; cursor: grab; }
svg.map.dragging { cursor: grabbing; }
svg.map .origins circle { stroke: #1f2933; stroke-width: 0.6px; vector-effect: non-scaling-stroke; cursor: pointer; }
svg.map.js .origins circle { r: var(--dotr); }
svg.map .origins circle:hover, svg.map .origins circle.hl { stroke-width: 2.5px; stroke: #000; }
svg.map .gap path { cursor: pointer; }
svg.map .fac path { fill: #1f4e99; stroke: #fff; stroke-width: 0.6px; vector-effect: non-scaling-stroke; }
.m1 { fill: #1a9850; } .m2 { fill: #a6d96a; } .m3 { fill: #fdae61; } .m4 { fill: #d73027; } .m0 { fill: #bdbdbd; }
.facsym { fill: #1f4e99; }
.lgi { white-space: nowrap; margin-right: 8px; }
svg.map.hide-gap g.gap, svg.map.hide-fac g.fac, svg.map.hide-origins g.origins, svg.map.hide-net .net,
svg.map.hide-bnd .bnd { display: none !important; }
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
@media (max-width: 640px) {
  body { font-size: 14px; }
  .wrap { padding: 14px 12px 28px; }
  h1 { font-size: 21px; }
  h2 { font-size: 18px; }
  p.lead { font-size: 15px; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .card { padding: 8px 10px; }
  .card .value { font-size: 21px; }
  table.bars col.c-lbl { width: 38%; }
  table.bars col.c-bar { width: 28%; }
  table.bars col.c-num { width: 17%; }
  table.bars.nopop col.c-bar { width: 45%; }
  table.bars td, table.bars td.bar { padding: 2px 3px; }
  table.bars td.num { font-size: 12px; }
  table.bars thead th.num { font-size: 11px; }
  .tablebox > table.data { width: max-content; min-width: 100%; }
  .tablebox > table.data th { white-space: nowrap; }
  table.data td.items { min-width: 12em; white-space: normal; }
  td.path { min-width: 14em; }
  .tablebox > table.data.kv { width: 100%; }
  table.kv td + td { min-width: 10em; }
  table.kv td:first-child { padding-right: 10px; white-space: normal; }
  .ticks .t25, .ticks .t75 { display: none; }
  table.bars thead th.num { overflow-wrap: anywhere; }
  .mapcard { position: relative; top: 0; left: 0; max-width: none; max-height: none; border: 0; border-top: 1px solid var(--line);
    border-radius: 0; box-shadow: none; }
  .controls .pick { display: block; margin: 0 0 4px; }
  .controls select { width: 100%; }
}
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
  .mapcard, .zoom { display: none !important; }
  .tablebox > table.data { width: 100%; }
  table.data th, table.data td { white-space: normal; }
  td.path, code.sha { word-break: break-all; }
  table.kv td + td { overflow-wrap: anywhere; }
  ul.notes li, table.data td { overflow-wrap: anywhere; }
  .delta { font-size: 8pt; }
}
"""#

    static let script = #"""
(function () {
  "use strict";
  document.documentElement.classList.remove("nojs");
  var svg = document.getElementById("map-svg");
  var dataBlock = document.getElementById("map-data");
  if (svg && dataBlock) initMap(svg, JSON.parse(dataBlock.textContent));

  function initMap(svg, D) {
    var L = D.l, W = D.w, H = D.h, n = D.items.length;
    var view = { x: 0, y: 0, k: 1 };
    var select = document.getElementById("gap-item");
    var card = document.getElementById("map-card");
    var originsG = svg.querySelector("g.origins");
    var circles = originsG ? originsG.getElementsByTagName("circle") : [];
    var i;
    for (i = 0; i < circles.length; i++) circles[i].__i = i;
    var t = D.t;
    while (t.length % 4) t += "=";
    var bytes = atob(t);
    var sel = D.sel;
    var pinned = null;
    svg.classList.add("js");

    function code(o, item) { return bytes.charCodeAt(o * n + item); }
    function minuteClass(c, reach) {
      if (c === 253) return 0;
      if (c >= 251) return 4;
      var m = c / 4;
      return m <= reach * 2 / 3 ? 1 : m <= reach ? 2 : m <= reach * 4 / 3 ? 3 : 4;
    }
    function fmt(v) { return Math.abs(v - Math.round(v)) < 1e-9 ? String(Math.round(v)) : v.toFixed(1); }
    function minutesText(c) {
      if (c === 253) return L.na;
      if (c === 252) return L.unreachable;
      if (c === 251) return L.far;
      return String(c / 4) + " " + L.min;
    }
    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    }

    // Origins coloured by their minutes to the chosen item; the legend says the bounds.
    function recolour() {
      if (!D.hasMinutes || sel < 0) return;
      var reach = D.items[sel].reach;
      for (var o = 0; o < circles.length; o++) circles[o].setAttribute("class", "m" + minuteClass(code(o, sel), reach));
      var b = [reach * 2 / 3, reach, reach * 4 / 3].map(fmt);
      var texts = ["\u2264 " + b[0], "\u2264 " + b[1], "\u2264 " + b[2], "> " + b[2]];
      for (var k = 0; k < 4; k++) {
        var lg = document.getElementById("lg-m" + (k + 1));
        if (lg) lg.textContent = texts[k];
      }
    }

    function choose(id) {
      var groups = svg.querySelectorAll("g.gap, g.fac");
      for (var g = 0; g < groups.length; g++) {
        groups[g].style.display = groups[g].getAttribute("data-item") === id ? "" : "none";
      }
      for (var k = 0; k < n; k++) if (D.items[k].id === id) sel = k;
      recolour();
      if (select) {
        var option = select.options[select.selectedIndex];
        document.getElementById("gap-caption").textContent = option ? option.getAttribute("data-caption") : "";
      }
      if (pinned !== null && pinned.origin !== undefined) showOrigin(pinned.origin, true);
      else hideCard();
    }
    if (select) select.addEventListener("change", function () { choose(select.value); });

    // Layer toggles.
    var boxes = document.querySelectorAll("#map-layers input[data-layer]");
    Array.prototype.forEach.call(boxes, function (box) {
      box.addEventListener("change", function () {
        svg.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
      });
    });

    // Cards.
    function hideCard() { card.hidden = true; pinned = null; highlight(-1); }
    var lit = -1;
    function highlight(o) {
      if (lit >= 0 && circles[lit]) circles[lit].classList.remove("hl");
      lit = o;
      if (o >= 0 && circles[o]) circles[o].classList.add("hl");
    }
    function fill(title, parts, pin) {
      card.textContent = "";
      if (pin) {
        var close = el("button", "close", "\u00d7");
        close.type = "button";
        close.setAttribute("aria-label", L.close);
        close.addEventListener("click", function (e) { e.stopPropagation(); hideCard(); });
        card.appendChild(close);
      }
      card.appendChild(el("h4", "", title));
      parts.forEach(function (p) { card.appendChild(p); });
      card.hidden = false;
    }
    function showOrigin(o, pin) {
      var kind = D.kind.charAt(o), mode = D.mode.charAt(o);
      var meta = [D.ids[o]];
      if (kind === "r") meta.push(L.residential); else if (kind === "v") meta.push(L.village);
      if (mode === "w") meta.push(L.walk); else if (mode === "c") meta.push(L.cycle);
      if (D.subs[D.sub[o]]) meta.push(D.subs[D.sub[o]]);
      if (D.xy && D.xy[o]) meta.push(D.xy[o]);
      var parts = [el("div", "m", meta.join(" \u00b7 "))];
      if (D.hasMinutes) {
        if (sel >= 0) {
          var c = code(o, sel);
          parts.push(el("div", "sel", D.items[sel].name + ": " + minutesText(c)));
        }
        var missing = [], list = el("ul");
        for (var k = 0; k < n; k++) {
          var ck = code(o, k), cls = minuteClass(ck, D.items[k].reach);
          if (cls === 0) continue;
          var miss = cls >= 3;
          if (miss && D.items[k].basic) missing.push(D.items[k].name);
          var li = el("li", miss ? "miss" : "", D.items[k].name + ": " + (D.items[k].nodata ? L.nodata : minutesText(ck)));
          list.appendChild(li);
        }
        parts.push(el("div", "", L.missing + ": " + (missing.length ? missing.join(", ") : L.none)));
        parts.push(el("div", "m", L.items));
        parts.push(list);
      }
      fill(D.names[o] || D.ids[o], parts, pin);
      pinned = pin ? { origin: o } : null;
      highlight(o);
    }
    function showGap(id) {
      var item = null;
      for (var k = 0; k < n; k++) if (D.items[k].id === id) item = D.items[k];
      if (!item) return;
      var parts = [el("div", "", L.area + ": " + item.area + " km\u00b2")];
      if (item.n !== undefined) parts.push(el("div", "", L.n + ": " + item.n));
      parts.push(el("div", "", L.res + ": " + (item.res !== undefined ? item.res.toLocaleString() : L.nores)));
      fill(L.gap + ": " + item.name, parts, true);
      pinned = { gap: id };
    }
    if (originsG) {
      // Hover with a mouse; a finger taps instead (below).
      originsG.addEventListener("pointerover", function (e) {
        if (e.pointerType === "mouse" && e.target.__i !== undefined && pinned === null) showOrigin(e.target.__i, false);
      });
      originsG.addEventListener("pointerout", function (e) {
        if (e.pointerType === "mouse" && e.target.__i !== undefined && pinned === null) { card.hidden = true; highlight(-1); }
      });
    }
    // The dot nearest to a tap, within 14 screen pixels (dots are small on a phone).
    function nearest(clientX, clientY) {
      var m = svg.getScreenCTM();
      if (!m || !circles.length) return -1;
      var p = toMap(clientX, clientY), limit = 14 / m.a, best = -1, bestD = limit * limit;
      for (var o = 0; o < circles.length; o++) {
        var dx = circles[o].cx.baseVal.value - p.x, dy = circles[o].cy.baseVal.value - p.y, d = dx * dx + dy * dy;
        if (d <= bestD) { bestD = d; best = o; }
      }
      return best;
    }
    // A tap is handled when the finger lifts (without moving); the click a browser may send after
    // it is then ignored. A mouse click is handled as a click.
    var tapped = 0;
    svg.addEventListener("pointerup", function (e) {
      if (e.pointerType === "mouse" || moved || count() > 1) return;
      tapped = Date.now();
      pick(e, true);
    });
    svg.addEventListener("click", function (e) {
      if (moved || Date.now() - tapped < 800) return;
      pick(e, false);
    });
    function pick(e, touch) {
      var target = e.target;
      if (target.__i !== undefined) { showOrigin(target.__i, true); return; }
      if (touch && !svg.classList.contains("hide-origins")) {
        var near = nearest(e.clientX, e.clientY);
        if (near >= 0) { showOrigin(near, true); return; }
      }
      var gap = target.parentNode && target.parentNode.classList && target.parentNode.classList.contains("gap") ? target.parentNode : null;
      if (gap) { showGap(gap.getAttribute("data-item")); return; }
      hideCard();
    }

    // Pan and zoom: the viewBox moves; dots shrink as one zooms in, lines keep their width, the
    // scale bar and north arrow stay put and the bar's length follows the zoom.
    var fixed = document.getElementById("map-fixed");
    var scalePath = svg.querySelector("#map-fixed .scale path"), scaleText = svg.querySelector("#map-fixed .scale text");
    var lengths = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000];
    var u = D.unit, fs = Math.round(u * 0.017), sx = Math.round(u * 0.02), tick = Math.round(u * 0.008);
    var baseline = scaleText ? parseFloat(scaleText.getAttribute("y")) : 0;
    // While the view moves, the drawing already made is moved and scaled as a picture (a CSS
    // transform, cheap even with 50,000 dots); the map is redrawn sharp once the view rests.
    var drawn = { x: 0, y: 0, k: 1 }, settle = null;
    if (circles.length >= 5000) svg.style.willChange = "transform";   // keep the picture as one layer
    function setView() {
      var w = W / view.k, h = H / view.k;
      view.x = Math.min(Math.max(view.x, -w / 2), W - w / 2);
      view.y = Math.min(Math.max(view.y, -h / 2), H - h / 2);
      var cw = svg.clientWidth, ch = svg.clientHeight;
      if (!cw || !ch || circles.length < 5000) { commitView(); return; }
      var S = Math.min(cw / W, ch / H) * drawn.k, r = view.k / drawn.k;
      var offX = (cw - W * Math.min(cw / W, ch / H)) / 2, offY = (ch - H * Math.min(cw / W, ch / H)) / 2;
      var tx = offX * (1 - r) + (drawn.x - view.x) * view.k / drawn.k * S;
      var ty = offY * (1 - r) + (drawn.y - view.y) * view.k / drawn.k * S;
      svg.style.transformOrigin = "0 0";
      svg.style.transform = "translate(" + tx + "px," + ty + "px) scale(" + r + ")";
      clearTimeout(settle);
      settle = setTimeout(commitView, 180);
    }
    function commitView() {
      var w = W / view.k, h = H / view.k;
      svg.style.transform = "";
      drawn = { x: view.x, y: view.y, k: view.k };
      svg.setAttribute("viewBox", view.x + " " + view.y + " " + w + " " + h);
      svg.style.setProperty("--dotr", (D.r / Math.sqrt(view.k)) + "px");
      if (fixed) fixed.setAttribute("transform", "translate(" + view.x + " " + view.y + ") scale(" + (1 / view.k) + ")");
      if (scalePath && scaleText) {
        var mpu = D.mpu / view.k, target = W * 0.2 * mpu, metres = lengths[0];
        for (var k = 0; k < lengths.length; k++) if (lengths[k] <= target) metres = lengths[k];
        var len = Math.round(metres / mpu);
        scalePath.setAttribute("d", "M" + sx + " " + (baseline - tick) + "v" + tick + "h" + len + "v-" + tick);
        scaleText.setAttribute("x", sx + len + Math.floor(fs / 2));
        scaleText.textContent = metres >= 1000 ? fmt(metres / 1000) + " km" : metres + " m";
      }
    }
    function toMap(clientX, clientY) {
      var m = svg.getScreenCTM();
      if (!m) return { x: W / 2, y: H / 2 };
      var p = svg.createSVGPoint();
      p.x = clientX; p.y = clientY;
      return p.matrixTransform(m.inverse());
    }
    function zoomAt(p, factor) {
      var k = Math.min(Math.max(view.k * factor, 1), 256);
      var f = k / view.k;
      view.x = p.x - (p.x - view.x) / f;
      view.y = p.y - (p.y - view.y) / f;
      view.k = k;
      setView();
    }
    function zoomCentre(factor) { zoomAt({ x: view.x + W / view.k / 2, y: view.y + H / view.k / 2 }, factor); }
    document.getElementById("zoom-in").addEventListener("click", function () { zoomCentre(2); });
    document.getElementById("zoom-out").addEventListener("click", function () { zoomCentre(0.5); });
    document.getElementById("zoom-reset").addEventListener("click", function () { view = { x: 0, y: 0, k: 1 }; setView(); });
    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      zoomAt(toMap(e.clientX, e.clientY), Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)));
    }, { passive: false });
    var pointers = {}, moved = false, start = null, pinch = null;
    function count() { return Object.keys(pointers).length; }
    svg.addEventListener("pointerdown", function (e) {
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      moved = false;
      start = { x: e.clientX, y: e.clientY };
      pinch = null;
    });
    window.addEventListener("pointermove", function (e) {
      var last = pointers[e.pointerId];
      if (!last) return;
      var m = svg.getScreenCTM();
      if (!m) return;
      if (count() === 1) {
        if (!moved && Math.abs(e.clientX - start.x) + Math.abs(e.clientY - start.y) < 4) return;
        moved = true;
        svg.classList.add("dragging");
        view.x -= (e.clientX - last.x) / m.a;
        view.y -= (e.clientY - last.y) / m.d;
        setView();
      } else if (count() === 2) {
        pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
        var ids = Object.keys(pointers), a = pointers[ids[0]], b = pointers[ids[1]];
        var d = Math.hypot(a.x - b.x, a.y - b.y), mid = toMap((a.x + b.x) / 2, (a.y + b.y) / 2);
        if (pinch) zoomAt(mid, d / pinch);
        pinch = d;
        moved = true;
        return;
      }
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
    });
    function up(e) {
      delete pointers[e.pointerId];
      pinch = null;
      svg.classList.remove("dragging");
    }
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", up);
    setView();
    recolour();
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
