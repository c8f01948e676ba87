/* eventwire web UI: charts, network and map as inline SVG; no libraries, no network.
   Page data comes from the JSON block #page-data; text is only ever set with textContent. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function label(parent, x, y, str, attrs) {
    var t = el("text", Object.assign({x: x, y: y}, attrs || {}), parent);
    t.textContent = str;
    return t;
  }
  function tip(node, str) { el("title", {}, node).textContent = str; }
  function link(parent, href) { var a = el("a", {}, parent); a.setAttribute("href", href); return a; }
  function svgIn(box, width, height) {
    var svg = el("svg", {viewBox: "0 0 " + width + " " + height, role: "img"}, box);
    return svg;
  }
  function done(box, n) { box.setAttribute("data-drawn", String(n)); }
  function empty(box, message) {
    var p = document.createElement("p");
    p.className = "note"; p.textContent = message; box.appendChild(p); done(box, 0);
  }
  function niceMax(v) {
    if (v <= 0) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(v))), m = v / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }
  function enc(s) { return encodeURIComponent(s); }

  /* dyad: counts by quad class (cooperation up, conflict down) and summed Goldstein */
  function drawDyad(box, data) {
    var rows = data.series || [];
    if (!rows.length) { return empty(box, "No dated events between these actors."); }
    var W = 1000, L = 56, R = 20, top = 24, h1 = 170, gap = 56, h2 = 100, H = top + h1 + gap + h2 + 40;
    var svg = svgIn(box, W, H), n = rows.length, bw = (W - L - R) / n;
    var up = 0, down = 0, gmax = 0;
    rows.forEach(function (r) {
      up = Math.max(up, r.q1 + r.q2); down = Math.max(down, r.q3 + r.q4);
      gmax = Math.max(gmax, Math.abs(r.goldstein));
    });
    var cmax = niceMax(Math.max(up, down, 1)), mid = top + h1 / 2, ys = (h1 / 2) / cmax;
    [cmax, 0, -cmax].forEach(function (v) {
      var y = mid - v * ys;
      el("line", {x1: L, x2: W - R, y1: y, y2: y, "class": v === 0 ? "zero" : "grid"}, svg);
      label(svg, L - 6, y + 4, String(Math.abs(v)), {"text-anchor": "end"});
    });
    label(svg, L, top - 8, "events by quad class: cooperation above the line, conflict below");
    rows.forEach(function (r, i) {
      var x = L + i * bw + bw * 0.12, w = Math.max(1, bw * 0.76), y = mid;
      [["q2", r.q2], ["q1", r.q1]].forEach(function (p) {
        if (!p[1]) { return; }
        y -= p[1] * ys;
        tip(el("rect", {x: x, y: y, width: w, height: p[1] * ys, "class": "bar-" + p[0]}, svg),
            r.period + ": " + p[1] + " " + p[0]);
      });
      y = mid;
      [["q3", r.q3], ["q4", r.q4]].forEach(function (p) {
        if (!p[1]) { return; }
        tip(el("rect", {x: x, y: y, width: w, height: p[1] * ys, "class": "bar-" + p[0]}, svg),
            r.period + ": " + p[1] + " " + p[0]);
        y += p[1] * ys;
      });
    });
    var gtop = top + h1 + gap, gm = niceMax(Math.max(gmax, 1)), gmid = gtop + h2 / 2, gs = (h2 / 2) / gm;
    label(svg, L, gtop - 8, "summed Goldstein score");
    [gm, 0, -gm].forEach(function (v) {
      var y = gmid - v * gs;
      el("line", {x1: L, x2: W - R, y1: y, y2: y, "class": v === 0 ? "zero" : "grid"}, svg);
      label(svg, L - 6, y + 4, (v > 0 ? "+" : "") + v, {"text-anchor": "end"});
    });
    var d = rows.map(function (r, i) {
      return (i ? "L" : "M") + (L + (i + 0.5) * bw).toFixed(1) + "," + (gmid - r.goldstein * gs).toFixed(1);
    }).join(" ");
    el("path", {d: d, "class": "curve"}, svg);
    rows.forEach(function (r, i) {
      if (!r.events) { return; }
      tip(el("circle", {cx: L + (i + 0.5) * bw, cy: gmid - r.goldstein * gs, r: 3, "class": "dot"}, svg),
          r.period + ": Goldstein " + r.goldstein + " over " + r.events + " events");
    });
    var every = Math.max(1, Math.ceil(n / 12));
    rows.forEach(function (r, i) {
      if (i % every) { return; }
      label(svg, L + (i + 0.5) * bw, H - 14, String(r.period).slice(0, data.by === "month" ? 7 : 10),
            {"text-anchor": "middle"});
    });
    done(box, n);
  }

  /* speaker: quotes per month */
  function drawSpeaker(box, data) {
    var rows = (data.by_month || []).filter(function (r) { return r.month; });
    if (!rows.length) { return empty(box, "No dated quotes."); }
    var W = 700, H = 160, L = 36, R = 10, top = 12, bottom = 28, n = rows.length, bw = (W - L - R) / n;
    var svg = svgIn(box, W, H), max = niceMax(Math.max.apply(null, rows.map(function (r) { return r.quotes; })));
    var s = (H - top - bottom) / max;
    el("line", {x1: L, x2: W - R, y1: H - bottom, y2: H - bottom, "class": "zero"}, svg);
    label(svg, L - 6, top + 8, String(max), {"text-anchor": "end"});
    rows.forEach(function (r, i) {
      tip(el("rect", {x: L + i * bw + bw * 0.1, y: H - bottom - r.quotes * s, width: Math.max(1, bw * 0.8),
                      height: r.quotes * s, "class": "bar"}, svg), r.month.slice(0, 7) + ": " + r.quotes);
    });
    var every = Math.max(1, Math.ceil(n / 8));
    rows.forEach(function (r, i) {
      if (!(i % every)) { label(svg, L + (i + 0.5) * bw, H - 10, r.month.slice(0, 7), {"text-anchor": "middle"}); }
    });
    done(box, n);
  }

  /* network: a small force-directed layout, run to rest before drawing */
  function drawNetwork(box, data) {
    var nodes = data.nodes || [], edges = data.edges || [];
    if (!nodes.length) { return empty(box, "No events between coded actors match."); }
    var W = 1000, H = 640, index = {}, maxw = 1, maxn = 1;
    nodes.forEach(function (n, i) {
      var a = 2 * Math.PI * i / nodes.length;
      n.x = W / 2 + Math.cos(a) * W / 3; n.y = H / 2 + Math.sin(a) * H / 3; n.dx = 0; n.dy = 0;
      index[n.id] = n; maxn = Math.max(maxn, n.events);
    });
    edges.forEach(function (e) { maxw = Math.max(maxw, e.events); });
    var k = Math.sqrt(W * H / nodes.length) * 0.42, t = W / 8;
    var R = Math.min(W, H) * 0.42, g = nodes.length * k * k / (R * R * 1.5);
    for (var step = 0; step < 300; step++) {
      nodes.forEach(function (v) { v.dx = 0; v.dy = 0; });
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
          var f = k * k / d;
          a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
        }
      }
      edges.forEach(function (e) {
        var a = index[e.source], b = index[e.target], dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
        var f = d * d / k * (0.5 + Math.log(1 + e.events) / Math.log(1 + maxw));
        a.dx -= dx / d * f; a.dy -= dy / d * f; b.dx += dx / d * f; b.dy += dy / d * f;
      });
      nodes.forEach(function (v) {
        v.dx += (W / 2 - v.x) * g; v.dy += (H / 2 - v.y) * g;  /* gravity: all stay in view */
        var d = Math.sqrt(v.dx * v.dx + v.dy * v.dy) || 0.01, m = Math.min(d, t);
        v.x = Math.min(W - 40, Math.max(40, v.x + v.dx / d * m));
        v.y = Math.min(H - 24, Math.max(24, v.y + v.dy / d * m));
      });
      t *= 0.985;
    }
    var svg = svgIn(box, W, H), gEdges = el("g", {}, svg), gNodes = el("g", {}, svg);
    edges.forEach(function (e) {
      var a = index[e.source], b = index[e.target], coop = e.q1 + e.q2, conf = e.q3 + e.q4;
      var colour = coop >= conf ? "#2e8b57" : "#c0392b";
      var line = el("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: colour, "class": "edge",
                             "stroke-width": (1 + 7 * Math.sqrt(e.events / maxw)).toFixed(2)},
                    link(gEdges, "/dyad/" + enc(e.source) + "/" + enc(e.target)));
      tip(line, e.source + " \u2192 " + e.target + ": " + e.events + " events, Goldstein " + e.goldstein);
    });
    nodes.forEach(function (v) {
      var g = el("g", {"class": "node"}, link(gNodes, "/search?actor=" + enc(v.id)));
      el("circle", {cx: v.x, cy: v.y, r: (4 + 14 * Math.sqrt(v.events / maxn)).toFixed(1)}, g);
      label(g, v.x, v.y - 8 - 14 * Math.sqrt(v.events / maxn), v.id, {"text-anchor": "middle"});
      tip(g, v.id + " (" + v.name + "): " + v.events + " events");
    });
    done(box, nodes.length);
  }

  /* map: equirectangular; countries as grey dots, event places as circles */
  function drawMap(box, data) {
    var W = 1000, H = 500, svg = svgIn(box, W, H);
    function x(lon) { return (lon + 180) / 360 * W; }
    function y(lat) { return (90 - lat) / 180 * H; }
    el("rect", {x: 0, y: 0, width: W, height: H, "class": "sea"}, svg);
    for (var lon = -150; lon <= 150; lon += 30) { el("line", {x1: x(lon), x2: x(lon), y1: 0, y2: H, "class": "grid"}, svg); }
    for (var lat = -60; lat <= 60; lat += 30) { el("line", {x1: 0, x2: W, y1: y(lat), y2: y(lat), "class": "grid"}, svg); }
    (data.countries || []).forEach(function (c) {
      tip(el("circle", {cx: x(c.lon), cy: y(c.lat), r: 3.2, "class": "land"}, svg), c.name);
    });
    var points = data.points || [], max = 1;
    points.forEach(function (p) { max = Math.max(max, p.events); });
    points.slice().reverse().forEach(function (p) {
      var mean = p.goldstein / Math.max(1, p.events);
      var colour = mean > 1 ? "#2e8b57" : mean < -1 ? "#c0392b" : "#d49a2a";
      var a = link(svg, "/search?q=" + enc(p.place));
      tip(el("circle", {cx: x(p.lon), cy: y(p.lat), r: (3 + 15 * Math.sqrt(p.events / max)).toFixed(1),
                        fill: colour, "class": "place"}, a),
          p.place + (p.country ? ", " + p.country : "") + ": " + p.events + " events, Goldstein " + p.goldstein);
    });
    if (!points.length) { label(svg, W / 2, H / 2, "No event places match.", {"text-anchor": "middle"}); }
    done(box, points.length);
  }

  /* article: clicking a highlight shows its record; the selected record is scrolled to */
  function wireArticle() {
    function flash(node) {
      if (!node) { return; }
      node.classList.add("flash");
      node.scrollIntoView({block: "nearest"});
      window.setTimeout(function () { node.classList.remove("flash"); }, 1500);
    }
    document.querySelectorAll(".story .hl[data-ref]").forEach(function (span) {
      span.addEventListener("click", function (ev) {
        ev.stopPropagation();
        flash(document.getElementById(span.getAttribute("data-ref")));
      });
    });
    document.querySelectorAll("aside.records .jump").forEach(function (a) {
      a.addEventListener("click", function () {
        flash(document.getElementById(a.getAttribute("href").slice(1)));
      });
    });
    var chosen = document.querySelector(".story .hl.selected");
    if (chosen) { chosen.scrollIntoView({block: "center"}); }
  }

  function main() {
    var block = document.getElementById("page-data"), data = {};
    try { data = JSON.parse(block ? block.textContent : "{}"); } catch (e) { data = {}; }
    var page = document.body.getAttribute("data-page"), box = document.getElementById("chart");
    if (page === "article") { wireArticle(); }
    if (!box) { return; }
    ({dyad: drawDyad, speaker: drawSpeaker, network: drawNetwork, map: drawMap}[page] || function () {})(box, data);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", main); } else { main(); }
}());
