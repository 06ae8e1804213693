/* rcx view: draws precomputed positions with vis-network (physics off), filters, details.
 * Data never reaches innerHTML: every text is set with textContent or createTextNode. */
"use strict";
(function () {
  const T0 = performance.now();
  const rcx = (window.rcx = { errors: [], draws: 0, firstDrawMs: null, ready: false, timings: {} });
  window.addEventListener("error", (e) => rcx.errors.push(String(e.message || e.type)));
  window.addEventListener("unhandledrejection", (e) => rcx.errors.push("unhandled: " + String(e.reason)));
  document.addEventListener("securitypolicyviolation", (e) =>
    rcx.errors.push("CSP blocked " + e.violatedDirective + " " + e.blockedURI));

  const D = JSON.parse(document.getElementById("rcx-data").textContent);
  rcx.timings.parsedMs = performance.now() - T0;
  const FUNCTIONS = ["prevention", "protection", "prosecution"];
  const TOP_EDGES = 6;
  const PARALLEL = "PARALLEL_TO";

  // ---- decode the compact data (columns + one string table; see graph/views/data.py) ----
  const S = D.strings;
  const NC = D.nodes, EC = D.edges;
  const NN = NC.id.length, NE = EC.from.length;
  const EMPTY = [];
  const NODES = NC.id.map((id, i) => {
    const bits = NC.fn[i];
    return {  // places and regimes stay indices into S: no per-node arrays of strings
      i, id, label: NC.label[i], short: NC.short[i] !== undefined ? NC.short[i] : NC.label[i],
      kind: S[NC.kind[i]], category: S[NC.category[i]], color: S[NC.color[i]], x: NC.x[i], y: NC.y[i],
      placeIdx: NC.places[i], regimeIdx: NC.regimes[i] || EMPTY, aliases: NC.aliases[i] || EMPTY,
      fn: bits ? FUNCTIONS.filter((_, b) => bits & (1 << b)) : EMPTY, degree: 0, links: 0, size: 9,
    };
  });
  // Edges stay columns: an edge object is made only for what is drawn or shown.
  const EF = EC.from, ET = EC.to, ETY = EC.type;
  const typeOrd = new Map();
  for (let k = 0; k < NE; k++) if (!typeOrd.has(ETY[k])) typeOrd.set(ETY[k], typeOrd.size);
  const PARALLEL_IDX = S.indexOf(PARALLEL);
  for (let k = 0; k < NE; k++) {
    const f = NODES[EF[k]], t = NODES[ET[k]];
    f.degree += 1; t.degree += 1;
    if (ETY[k] !== PARALLEL_IDX && EF[k] !== ET[k]) { f.links += 1; t.links += 1; }
  }
  for (const n of NODES) n.size = Math.round(Math.min(30, 9 + 2.5 * Math.sqrt(n.degree)) * 10) / 10;
  const edgeCache = new Map();
  function edgeAt(k) {
    let e = edgeCache.get(k);
    if (!e) {
      const rule = EC.derived[k];
      e = { i: k, id: "e" + k, from: NODES[EF[k]].id, to: NODES[ET[k]].id, fi: EF[k], ti: ET[k], type: S[ETY[k]],
        derived: rule !== undefined, rule: rule !== undefined ? S[rule] : null };
      edgeCache.set(k, e);
    }
    return e;
  }
  const edgeById = { get: (id) => (/^e[0-9]+$/.test(id) && Number(id.slice(1)) < NE ? edgeAt(Number(id.slice(1))) : undefined) };
  function decodeFacts(pairs) {
    const out = {};
    for (let k = 0; k < pairs.length; k += 2) out[S[pairs[k]]] = JSON.parse(S[pairs[k + 1]]);
    return out;
  }
  const factCache = new Map();
  function factsOf(n) {  // decoded only when the reader opens an element
    if (!factCache.has(n.i)) factCache.set(n.i, decodeFacts(NC.facts[n.i]));
    return factCache.get(n.i);
  }
  const edgeFacts = (e) => decodeFacts(EC.facts[e.i]);
  let adjacency = null;
  function related(i) {  // node index -> edge indices, built on first use
    if (!adjacency) {
      adjacency = NODES.map(() => []);
      for (let k = 0; k < NE; k++) { adjacency[EF[k]].push(k); if (ET[k] !== EF[k]) adjacency[ET[k]].push(k); }
    }
    return adjacency[i];
  }
  const byId = new Map(NODES.map((n) => [n.id, n]));
  const groups = D.groups.map((g) => ({ ...g, idx: g.members, members: g.members.map((j) => NODES[j].id) }));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const groupOf = new Map();
  const groupIdx = new Int32Array(NN).fill(-1);
  groups.forEach((g, gi) => { for (const j of g.idx) { groupOf.set(NODES[j].id, g.id); groupIdx[j] = gi; } });
  const catStyle = new Map(D.legend.categories.map((c) => [c.id, c]));
  const relStyle = new Map(D.legend.relations.map((r) => [r.id, r]));
  rcx.timings.decodedMs = performance.now() - T0;

  const state = {
    hidden: { category: new Set(), kind: new Set(), relation: new Set() },
    regime: "",
    country: "",
    fn: new Set(),
    expanded: new Set(),
    highlight: null,
    pinned: null,
  };
  if (!D.meta.showParallel) state.hidden.relation.add(PARALLEL);

  // ---- small DOM helpers (text only) ----
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else node.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  }
  function shapeSwatch(shape, colour, dashed) {
    const s = svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16", class: "rcx-swatch" });
    const a = { fill: colour, stroke: "#374151", "stroke-width": 1 };
    if (dashed) a["stroke-dasharray"] = "2 1.5";
    const pts = {
      diamond: "8,1 15,8 8,15 1,8", triangle: "8,1 15,14 1,14", triangleDown: "1,2 15,2 8,15",
      hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8",
      star: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6",
    };
    if (shape === "square") s.appendChild(svg("rect", { x: 2, y: 2, width: 12, height: 12, ...a }));
    else if (pts[shape]) s.appendChild(svg("polygon", { points: pts[shape], ...a }));
    else s.appendChild(svg("circle", { cx: 8, cy: 8, r: 6.5, ...a }));
    return s;
  }
  function lineSwatch(r, derived) {
    const s = svg("svg", { width: 34, height: 12, viewBox: "0 0 34 12", class: "rcx-swatch" });
    const dash = r.dashes || (derived ? D.legend.derivedDashes : null);
    const a = { x1: 1, y1: 6, x2: 33, y2: 6, stroke: r.colour, "stroke-width": derived ? Math.max(1, r.width * 0.6) : r.width };
    if (dash) a["stroke-dasharray"] = dash.join(" ");
    s.appendChild(svg("line", a));
    return s;
  }
  const pretty = (s) => String(s).replace(/_/g, " ");

  // ---- vis items ----
  function nodeItem(n) {
    const cs = catStyle.get(n.category);
    const hl = state.highlight === n.id;
    return {
      id: n.id, label: "", x: n.x, y: n.y, shape: cs.shape, size: hl ? n.size * 1.4 : n.size,
      color: { background: n.color, border: hl ? "#db2777" : cs.colour, highlight: { background: n.color, border: "#111827" },
               hover: { background: n.color, border: "#111827" } },
      borderWidth: hl ? 5 : 2, shapeProperties: { borderDashes: cs.dashed ? [3, 2] : false },
      font: { size: 13, color: "#111827", strokeWidth: 3, strokeColor: "#ffffff" },
    };
  }
  function groupItem(g, count) {
    return {
      id: g.id, label: "", x: g.x, y: g.y, shape: "dot",
      size: Math.min(60, 12 + 3 * Math.sqrt(count)),
      color: { background: g.color, border: "#111827" }, borderWidth: 3,
      shapeProperties: { borderDashes: [6, 3] }, font: { size: 14, color: "#111827", strokeWidth: 4, strokeColor: "#fff" },
    };
  }
  function edgeItem(e, from, to, count) {
    const r = relStyle.get(e.type);
    const derived = e.derived && !count;
    let dashes = r.dashes || false;
    if (derived && !dashes) dashes = D.legend.derivedDashes;
    const item = {
      from, to, dashes, smooth: false,
      width: count ? Math.min(8, r.width + Math.log2(count)) : derived ? Math.max(0.6, r.width * 0.6) : r.width,
      color: { color: r.colour, highlight: "#111827", hover: "#111827", opacity: derived ? 0.75 : 1 },
      arrows: { to: { enabled: r.arrow, scaleFactor: 0.5 } },
    };
    if (e.type === PARALLEL) {
      item.label = D.legend.parallelLabel;
      item.font = { size: 10, color: "#6b7280", strokeWidth: 3, strokeColor: "#fff", align: "middle" };
    } else if (count && count > 1) {
      item.label = String(count);
      item.font = { size: 10, color: "#374151", strokeWidth: 3, strokeColor: "#fff" };
    }
    return item;
  }

  // ---- the model: what passes the filters, with collapsed groups ----
  const sIndex = (text) => (text ? S.indexOf(text) : -1);
  function passes(n, f) {
    if (state.hidden.category.has(n.category) || state.hidden.kind.has(n.kind)) return false;
    if (f.regime >= 0 && n.id !== state.regime && !n.regimeIdx.includes(f.regime)) return false;
    if (state.regime && f.regime < 0 && n.id !== state.regime) return false;
    if (state.country && !n.placeIdx.includes(f.country)) return false;
    for (const fn of state.fn) if (!n.fn.includes(fn)) return false;
    return true;
  }
  const filterIdx = () => ({ regime: sIndex(state.regime), country: sIndex(state.country) });
  function model() {
    const nodes = new Map();
    const f = filterIdx();
    // rep[i]: -1 hidden, i drawn itself, NN + g inside the collapsed group g
    const rep = new Int32Array(NN).fill(-1);
    const counts = new Int32Array(groups.length);
    for (const n of NODES) {
      if (!passes(n, f)) continue;
      const gi = groupIdx[n.i];
      if (gi >= 0 && !state.expanded.has(groups[gi].id)) {
        rep[n.i] = NN + gi;
        counts[gi] += 1;
      } else {
        rep[n.i] = n.i;
        nodes.set(n.id, { sig: state.highlight === n.id ? "*" : "", item: () => nodeItem(n) });
      }
    }
    groups.forEach((g, gi) => {
      const c = counts[gi];
      if (c) nodes.set(g.id, { sig: "#" + c, item: () => groupItem(g, c) });
    });
    const repId = (r) => (r >= NN ? groups[r - NN].id : NODES[r].id);
    const hiddenType = new Uint8Array(S.length);
    for (const t of state.hidden.relation) { const j = S.indexOf(t); if (j >= 0) hiddenType[j] = 1; }
    const edges = new Map();
    const agg = new Map();
    const T = typeOrd.size, R = NN + groups.length;
    for (let k = 0; k < NE; k++) {
      if (hiddenType[ETY[k]]) continue;
      const a = rep[EF[k]], b = rep[ET[k]];
      if (a < 0 || b < 0 || a === b) continue;
      if (a < NN && b < NN) {
        const e = edgeAt(k);
        edges.set(e.id, { sig: "", e, item: () => edgeItem(e, e.from, e.to, 0) });
      } else {
        const key = (a * R + b) * T + typeOrd.get(ETY[k]);
        const x = agg.get(key);
        if (x) x.count += 1;
        else agg.set(key, { k, a, b, count: 1 });
      }
    }
    // A collapsed group draws only its TOP_EDGES heaviest bundles; the rest are counted.
    const perGroup = new Map();
    for (const x of agg.values()) {
      x.e = edgeAt(x.k);
      x.a = repId(x.a); x.b = repId(x.b);
      x.id = "agg|" + x.a + "|" + x.b + "|" + x.e.type;
      for (const end of [x.a, x.b]) {
        if (!groupById.has(end)) continue;
        if (!perGroup.has(end)) perGroup.set(end, []);
        perGroup.get(end).push(x);
      }
    }
    const keep = new Set();
    const undrawn = new Map();
    for (const [gid, list] of perGroup) {
      list.sort((p, q) => q.count - p.count || (p.id < q.id ? -1 : 1));
      list.slice(0, TOP_EDGES).forEach((x) => keep.add(x.id));
      undrawn.set(gid, list.slice(TOP_EDGES).reduce((t, x) => t + x.count, 0));
    }
    for (const x of agg.values()) {
      if (keep.has(x.id)) edges.set(x.id, { sig: "#" + x.count, e: x.e, item: () => edgeItem(x.e, x.a, x.b, x.count), agg: x });
    }
    return { nodes, edges, undrawn };
  }

  const visNodes = new vis.DataSet();
  const visEdges = new vis.DataSet();
  const shownNodes = new Map();
  const shownEdges = new Map();
  let current = { nodes: new Map(), edges: new Map(), undrawn: new Map() };
  function sync(target, shown, wanted) {
    const remove = [];
    for (const id of shown.keys()) if (!wanted.has(id)) remove.push(id);
    target.remove(remove);
    for (const id of remove) shown.delete(id);
    const add = [], update = [];
    for (const [id, w] of wanted) {
      const sig = shown.get(id);
      if (sig === w.sig) continue;
      (sig === undefined ? add : update).push(Object.assign({ id }, w.item()));
      shown.set(id, w.sig);
      labelled.delete(id);
    }
    target.update(update);
    target.add(add);
  }
  function apply() {
    const t = performance.now();
    current = model();
    sync(visNodes, shownNodes, current.nodes);
    sync(visEdges, shownEdges, current.edges);
    for (const id of [...labelled.keys()]) if (!current.nodes.has(id)) labelled.delete(id);
    if (rcx.network) declutter();
    rcx.timings.lastApplyMs = performance.now() - t;
    status();
  }

  // ---- labels: at any zoom, only labels that do not overlap, most connected first ----
  // The selected element and its neighbours come first, then the elements with most links;
  // a label is drawn only where it overlaps no label already placed, at LABEL_PX on screen
  // whatever the zoom (its font is scaled against the zoom). The rest show on hover or zoom.
  const LABEL_PX = 12, LABEL_FONT = "DejaVu Sans, sans-serif";
  const labelled = new Map();  // node id -> font size (canvas units) of its drawn label
  const measure = document.createElement("canvas").getContext("2d");
  measure.font = LABEL_PX + "px " + LABEL_FONT;
  const textWidth = new Map();
  function labelText(id) {
    const n = byId.get(id);
    if (n) return n.short;
    const g = groupById.get(id);
    return g.label + " (" + (current.nodes.get(id) || { sig: "#0" }).sig.slice(1) + ")";
  }
  function widthOf(text) {
    if (!textWidth.has(text)) textWidth.set(text, measure.measureText(text).width);
    return textWidth.get(text);
  }
  function weight(id) {
    const n = byId.get(id);
    return n ? n.links : 1000 + Number((current.nodes.get(id) || { sig: "#0" }).sig.slice(1));
  }
  function neighbours(id) {
    const n = byId.get(id);
    if (!n) return [];
    return related(n.i).map(edgeAt).filter((e) => e.type !== PARALLEL)
      .map((e) => (e.from === id ? e.to : e.from));
  }
  function wantedLabels() {
    const scale = network.getScale();
    const W = container.clientWidth, H = container.clientHeight;
    const ids = [...current.nodes.keys()];
    const pos = network.getPositions(ids);
    const first = new Map();
    const focusId = state.pinned && state.pinned.node;
    if (focusId && current.nodes.has(focusId)) {
      first.set(focusId, 0);
      for (const m of neighbours(focusId)) if (!first.has(m)) first.set(m, 1);
    }
    ids.sort((a, b) => (first.has(a) ? first.get(a) : 2) - (first.has(b) ? first.get(b) : 2) ||
      weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
    const cell = 64, grid = new Map(), boxes = [], wanted = new Map();
    const h = LABEL_PX * 1.3 + 4;
    for (const id of ids) {
      if (!pos[id]) continue;
      const p = network.canvasToDOM(pos[id]);
      if (p.x < -50 || p.y < -50 || p.x > W + 50 || p.y > H + 50) continue;
      const n = byId.get(id);
      const r = (n ? n.size : 30) * scale;
      const w = widthOf(labelText(id)) + 8;
      const box = [p.x - w / 2, p.y + r, p.x + w / 2, p.y + r + h];
      if (box[0] < 0 || box[2] > W || box[3] > H) continue;  // a label cut by the edge is unread
      const keys = [];
      for (let gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++)
        for (let gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) keys.push(gx + "," + gy);
      let clash = false;
      for (const k of keys) {
        for (const j of grid.get(k) || []) {
          const o = boxes[j];
          if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) { clash = true; break; }
        }
        if (clash) break;
      }
      if (clash) continue;
      boxes.push(box);
      for (const k of keys) { if (!grid.has(k)) grid.set(k, []); grid.get(k).push(boxes.length - 1); }
      wanted.set(id, Math.round((LABEL_PX / scale) * 100) / 100);
    }
    return wanted;
  }
  function setLabels(wanted, extra) {
    const updates = [];
    for (const [id] of labelled) if (!wanted.has(id) && id !== extra) { updates.push({ id, label: "" }); labelled.delete(id); }
    const all = new Map(wanted);
    if (extra && current.nodes.has(extra)) all.set(extra, Math.round((LABEL_PX / network.getScale()) * 100) / 100);
    for (const [id, size] of all) {
      if (labelled.get(id) === size) continue;
      labelled.set(id, size);
      updates.push({ id, label: labelText(id), font: { size, face: LABEL_FONT, color: "#111827", strokeWidth: 3 / network.getScale() * (LABEL_PX / 13), strokeColor: "#ffffff" } });
    }
    if (updates.length) visNodes.update(updates);
  }
  let hovered = null;
  function declutter() {
    const t = performance.now();
    setLabels(wantedLabels(), hovered);
    rcx.timings.lastDeclutterMs = performance.now() - t;
  }
  let pending = 0;
  function declutterSoon() {
    if (pending) return;
    pending = requestAnimationFrame(() => { pending = 0; declutter(); });
  }
  function status() {
    const s = document.getElementById("rcx-status");
    const groups = [...current.nodes.keys()].filter((k) => groupById.has(k)).length;
    s.textContent = current.nodes.size + " of " + D.meta.counts.nodes + " elements shown" +
      (groups ? " (" + groups + " collapsed groups: click one to expand)" : "") + ", " +
      current.edges.size + " relations" + (D.meta.subset ? " · subset: " + D.meta.subset : "");
  }

  // ---- details panel ----
  const details = document.getElementById("rcx-details");
  function nameOf(id) { const n = byId.get(id); return n ? n.label : id; }
  function row(dl, key, value, cls) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    const dd = el("dd", cls ? { class: cls } : {}, Array.isArray(value) ? value.join(", ") : String(value));
    dl.append(el("dt", {}, key), dd);
  }
  function source(prov, what) {
    const box = el("div", { class: "rcx-source" }, el("strong", {}, "Source" + (what ? " (" + what + ")" : "") + ": "));
    if (!prov) { box.append("not stated"); return box; }
    box.append("section " + prov.section);
    box.append(prov.footnotes && prov.footnotes.length ? ", footnotes " + prov.footnotes.join(", ") : ", no footnote");
    if (prov.derived) box.append(el("div", { class: "rcx-derived" }, "derived by rule " + prov.rule + " (not stated directly)"));
    return box;
  }
  function notes(list) {
    return (list || []).map((n) => el("div", { class: "rcx-note" }, el("strong", {}, pretty(n.kind) + ": "), n.text));
  }
  const RELATED_MAX = 40;
  function relatedList(n) {
    const byType = new Map();
    for (const k of related(n.i)) {
      const e = edgeAt(k);
      const out = e.from === n.id;
      const key = e.type + (out ? " →" : " ←");
      if (!byType.has(key)) byType.set(key, []);
      byType.get(key).push([out ? e.to : e.from, e]);
    }
    const box = el("section", { id: "rcx-related" }, el("h2", {}, "Related elements"));
    if (!byType.size) box.append(el("p", { class: "rcx-hint" }, "none"));
    const keys = [...byType.keys()].sort((a, b) => (a.startsWith(PARALLEL) - b.startsWith(PARALLEL)) || (a < b ? -1 : 1));
    for (const key of keys) {
      const list = byType.get(key).sort((p, q) => nameOf(p[0]).localeCompare(nameOf(q[0])));
      const title = key + (key.startsWith(PARALLEL) ? " (" + D.legend.parallelLabel + ")" : "") + " · " + list.length;
      const ul = el("ul", { class: "rcx-related", dataset: { type: key.split(" ")[0] } });
      for (const [other, e] of list.slice(0, RELATED_MAX)) {
        const b = el("button", { type: "button", class: "rcx-link", dataset: { id: other } }, nameOf(other));
        b.addEventListener("click", () => { if (!focus(other)) showNode(other); });
        ul.append(el("li", {}, b, e.derived ? el("span", { class: "rcx-derived" }, " derived") : null));
      }
      if (list.length > RELATED_MAX) ul.append(el("li", { class: "rcx-hint" }, "and " + (list.length - RELATED_MAX) + " more"));
      box.append(el("h4", {}, title), ul);
    }
    return box;
  }
  function showNode(id) {
    const n = byId.get(id);
    if (!n) return showGroup(id);
    const f = factsOf(n);
    const dl = el("dl");
    row(dl, "Kind", pretty(n.kind) + " (" + n.category + ")");
    row(dl, "Aliases", n.aliases);
    row(dl, "Description", f.description);
    row(dl, "Adopted", f.year_adopted);
    row(dl, "In force", f.year_in_force);
    row(dl, "Scope", f.scope);
    row(dl, "Region", f.region);
    row(dl, "Approaches", (f.approaches || []).map(pretty));
    row(dl, "Activities", (f.activities || []).map(pretty));
    for (const fn of FUNCTIONS) {
      const v = f[fn] || "unknown";
      row(dl, fn[0].toUpperCase() + fn.slice(1), v, v === "unknown" ? "rcx-unknown" : "");
    }
    if (f.roles_source) row(dl, "Roles source", "section " + f.roles_source.section +
      (f.roles_source.footnotes && f.roles_source.footnotes.length ? ", fn. " + f.roles_source.footnotes.join(", ") : ""));
    row(dl, "Headquarters", (f.headquarters || []).map(nameOf));
    row(dl, "Works in", (f.works_in || []).map(nameOf));
    row(dl, "HQ (as written)", f.hq_as_written);
    row(dl, "Works in (as written)", f.works_in_as_written);
    row(dl, "Website", f.website);
    row(dl, "ISO 3166", f.iso3166);
    row(dl, "Treaty ref.", f.treaty_ref);
    row(dl, "Wikidata", f.wikidata);
    for (const fig of f.figures || []) row(dl, fig.label, fig.value + (fig.unit ? " " + fig.unit : ""));
    row(dl, "Regimes", n.regimeIdx.map((j) => nameOf(S[j])));
    row(dl, "Relations", String(n.degree));
    const parts = [el("h3", {}, n.label), dl, source(f.provenance), ...notes(f.notes), relatedList(n)];
    const g = groupOf.get(n.id);
    if (g && state.expanded.has(g)) {
      const b = el("button", { class: "rcx-action", type: "button" }, "Collapse its group");
      b.addEventListener("click", () => { state.expanded.delete(g); apply(); });
      parts.push(b);
    }
    details.replaceChildren(...parts);
  }
  function showGroup(id) {
    const g = groupById.get(id);
    if (!g) return;
    const c = (current.nodes.get(id) || { sig: "#0" }).sig.slice(1);
    const b = el("button", { class: "rcx-action", type: "button" }, "Expand");
    b.addEventListener("click", () => expand(id));
    const more = current.undrawn.get(id) || 0;
    details.replaceChildren(el("h3", {}, g.label), el("p", {}, c + " elements shown of " + g.members.length +
      " in this group (collapsed because the graph is large)."),
      el("p", {}, "Its " + TOP_EDGES + " heaviest bundles of relations are drawn" +
        (more ? "; " + more + " more relations appear when it is expanded." : ".")), b);
  }
  function showEdge(id) {
    const w = current.edges.get(id);
    if (w && w.agg) {
      details.replaceChildren(el("h3", {}, pretty(w.agg.e.type)), el("p", {}, w.agg.count + " relation(s) of this type between " +
        nameOf(w.agg.a) + " and " + nameOf(w.agg.b) + ". Expand the group(s) to see each one and its source."));
      return;
    }
    const e = edgeById.get(id);
    if (!e) return;
    const f = edgeFacts(e);
    const r = relStyle.get(e.type);
    const dl = el("dl");
    row(dl, "Type", e.type + (r.linkage ? " (linkage)" : " (structural)"));
    row(dl, "From", nameOf(e.from));
    row(dl, "To", nameOf(e.to));
    if (e.type === PARALLEL) row(dl, "Meaning", "an asserted ABSENCE of linkage: the source says these do not interact");
    row(dl, "Issue", f.issue);
    row(dl, "Evidence", f.evidence);
    row(dl, "Description", f.description);
    row(dl, "Derived", e.derived ? "yes, by rule " + e.rule : "no (stated in the source)", e.derived ? "rcx-derived" : "");
    details.replaceChildren(el("h3", {}, pretty(e.type)), dl, source(f.provenance), ...notes(f.notes));
  }

  // ---- the network ----
  const container = document.getElementById("rcx-graph");
  const big = NODES.length >= D.meta.aggregateAt;
  // The first model goes into the data sets before the network exists: vis-network then
  // builds every item in one batch instead of one update per item.
  current = model();
  sync(visNodes, shownNodes, current.nodes);
  sync(visEdges, shownEdges, current.edges);
  const network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: D.meta.seed },
    interaction: { hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false },
    nodes: { font: { face: "DejaVu Sans, sans-serif" } },
    edges: { smooth: false, selectionWidth: 1.5 },
  });
  rcx.network = network;
  network.on("afterDrawing", () => {
    rcx.draws += 1;
    if (rcx.firstDrawMs === null && rcx.timings.builtMs !== undefined) { rcx.firstDrawMs = performance.now(); rcx.ready = true; }
    const waiting = rcx._drawWaiters.splice(0);
    for (const w of waiting) w(performance.now());
  });
  rcx._drawWaiters = [];
  network.on("hoverNode", (p) => { hovered = p.node; setLabels(new Map(labelled), hovered); showNode(p.node); });
  network.on("hoverEdge", (p) => { if (!state.pinned) showEdge(p.edge); });
  network.on("blurNode", () => { hovered = null; declutter(); if (state.pinned) restorePinned(); });
  network.on("zoom", declutterSoon);
  network.on("dragEnd", declutterSoon);
  network.on("click", (p) => {
    if (p.nodes.length) {
      const id = p.nodes[0];
      if (groupById.has(id)) return expand(id);
      state.pinned = { node: id };
      showNode(id);
    } else if (p.edges.length) {
      state.pinned = { edge: p.edges[0] };
      showEdge(p.edges[0]);
    } else state.pinned = null;
    declutter();
  });
  function restorePinned() {
    if (state.pinned.node) showNode(state.pinned.node); else showEdge(state.pinned.edge);
  }
  function expand(gid) {
    state.expanded.add(gid);
    apply();
    showGroup(gid);
  }

  // ---- search ----
  const search = document.getElementById("rcx-search");
  const matches = document.getElementById("rcx-matches");
  let names = null;  // built on the first search
  const allNames = () => names || (names = NODES.map((n) => [n.id, [n.label, ...n.aliases].map((s) => s.toLowerCase())]));
  if (D.meta.searchExample) search.placeholder = "e.g. " + D.meta.searchExample;
  function find(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    const exact = [], partial = [];
    for (const [id, ns] of allNames()) {
      if (ns.some((s) => s === q)) exact.push(id);
      else if (ns.some((s) => s.includes(q))) partial.push(id);
    }
    return exact.concat(partial);
  }
  function focus(id) {
    const n = byId.get(id);
    if (!n) return false;
    if (!passes(n, filterIdx())) {
      document.getElementById("rcx-status").textContent = n.label + " is hidden by the filters";
      showNode(id);
      return false;
    }
    const g = groupOf.get(id);
    if (g) state.expanded.add(g);
    state.highlight = id;
    state.pinned = { node: id };
    apply();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    declutter();
    showNode(id);
    return true;
  }
  search.addEventListener("input", () => {
    const found = find(search.value).slice(0, 30);
    matches.replaceChildren(...found.map((id) => {
      const b = el("button", { type: "button", dataset: { id } }, nameOf(id));
      b.addEventListener("click", () => focus(id));
      return el("li", {}, b);
    }));
  });
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") { const found = find(search.value); if (found.length) focus(found[0]); }
  });

  // ---- filters and legend ----
  function checkbox(kind, value, checked, onChange) {
    const input = el("input", { type: "checkbox", id: "f-" + kind + "-" + value, dataset: { filter: kind, value } });
    input.checked = checked;
    input.addEventListener("change", () => { onChange(input.checked); apply(); });
    return input;
  }
  function toggle(set, value) { return (on) => { if (on) set.delete(value); else set.add(value); }; }
  function buildFilters() {
    const box = document.getElementById("rcx-filters");
    const legendBox = document.getElementById("rcx-legend");
    const o = D.options;
    box.append(el("h2", {}, "Elements (colour: " + D.meta.colorBy + ", shape: category)"));
    for (const [cat, count] of Object.entries(o.categories)) {
      const cs = catStyle.get(cat);
      const kinds = D.legend.kinds.filter((k) => k.category === cat && o.kinds[k.id]);
      const catRow = el("div", { class: "rcx-row" }, checkbox("category", cat, true, toggle(state.hidden.category, cat)),
        shapeSwatch(cs.shape, D.meta.colorBy === "kind" || D.meta.colorBy === "category" ? cs.colour : "#ffffff", cs.dashed),
        el("label", { for: "f-category-" + cat }, cat), el("span", { class: "rcx-count" }, count));
      const kindRows = kinds.map((k) => el("div", { class: "rcx-row" }, checkbox("kind", k.id, true, toggle(state.hidden.kind, k.id)),
        D.meta.colorBy === "kind" ? shapeSwatch(cs.shape, k.colour, cs.dashed) : null,
        el("label", { for: "f-kind-" + k.id }, pretty(k.id)), el("span", { class: "rcx-count" }, o.kinds[k.id])));
      box.append(catRow, el("div", { class: "rcx-kinds" }, ...kindRows));
    }
    if (D.meta.colorLegend.length) {
      box.append(el("h2", {}, "Colour: " + D.meta.colorBy + " (" + D.meta.colorSource + ")"));
      for (const c of D.meta.colorLegend) box.append(el("div", { class: "rcx-row" }, shapeSwatch("dot", c.colour, false), el("span", {}, c.label)));
    }
    box.append(el("h2", {}, "Relations"));
    const rels = D.legend.relations.filter((r) => o.relations[r.id] || r.linkage);
    rels.sort((a, b) => (b.linkage - a.linkage));
    for (const r of rels) {
      const label = r.id === PARALLEL ? PARALLEL + " (" + D.legend.parallelLabel + ": asserted absence of a link)" :
        r.id + (r.linkage ? " (linkage)" : "");
      box.append(el("div", { class: "rcx-row" }, checkbox("relation", r.id, !state.hidden.relation.has(r.id), toggle(state.hidden.relation, r.id)),
        lineSwatch(r, false), el("label", { for: "f-relation-" + r.id }, label), el("span", { class: "rcx-count" }, o.relations[r.id] || 0)));
    }
    legendBox.append(el("h2", {}, "Legend"),
      el("div", { class: "rcx-row" }, lineSwatch({ colour: "#6b7280", width: 1.5, dashes: false }, true),
        el("span", { class: "rcx-derived" }, "dashed, thinner: derived by a rule (not stated in the source)")),
      el("div", { class: "rcx-row" }, lineSwatch(relStyle.get("CONFLICTS_WITH"), false), el("span", {}, "red, thick: CONFLICTS_WITH")),
      el("div", { class: "rcx-row" }, lineSwatch(relStyle.get(PARALLEL), false), el("span", {}, "grey dotted " + D.legend.parallelLabel + ": " + PARALLEL + ", no link (hidden unless ticked)")));
    legendBox.append(el("div", { class: "rcx-row" }, el("span", { class: "rcx-hint" }, "Labels: the most connected elements and the selected one's neighbours; hover or zoom in for the others.")));
    if (D.groups.length) legendBox.append(el("div", { class: "rcx-row" }, shapeSwatch("dot", "#d1d5db", true),
      el("span", {}, "dashed ring: a collapsed group (click to expand)")));

    const present = FUNCTIONS.filter((fn) => NODES.some((n) => n.fn.includes(fn)));
    if (present.length) box.append(el("h2", {}, "Function (yes only)"));
    for (const fn of present) {
      box.append(el("div", { class: "rcx-row" }, checkbox("function", fn, false, (on) => { if (on) state.fn.add(fn); else state.fn.delete(fn); }),
        el("label", { for: "f-function-" + fn }, fn + " = yes")));
    }
    box.append(select("regime", "Regime (PART_OF_REGIME)", o.regimes.map((r) => [r.id, r.name])));
    box.append(select("country", "Country (HQ or works in)", o.countries.map((c) => [c.id, c.name + " (" + c.count + ")"])));
    const reset = el("button", { class: "rcx-action", type: "button" }, "Collapse all groups");
    reset.addEventListener("click", () => { state.expanded.clear(); apply(); });
    if (groups.length) box.append(reset);
  }
  function select(key, label, opts) {
    const s = el("select", { id: "f-" + key, dataset: { filter: key } }, el("option", { value: "" }, "(all)"),
      ...opts.map(([v, t]) => el("option", { value: v }, t)));
    s.addEventListener("change", () => { state[key] = s.value; apply(); });
    return el("div", {}, el("h2", {}, label), s);
  }

  // ---- hooks for tests and measurements ----
  rcx.counts = () => ({
    modelNodes: current.nodes.size, modelEdges: current.edges.size,
    drawnNodes: network.body.nodeIndices.length, drawnEdges: network.body.edgeIndices.length,
    groups: [...current.nodes.keys()].filter((k) => groupById.has(k)).length,
    hiddenParallel: state.hidden.relation.has(PARALLEL),
    labelled: [...labelled.keys()].sort(),
    shownTypes: [...new Set([...current.edges.values()].map((w) => w.e.type))].sort(),
  });
  rcx.nextDraw = () => new Promise((resolve) => { rcx._drawWaiters.push(resolve); network.redraw(); });
  rcx.timeClick = async (selector) => {
    const t = performance.now();
    document.querySelector(selector).click();
    const drawn = await rcx.nextDraw();
    return { applyMs: rcx.timings.lastApplyMs, totalMs: drawn - t };
  };
  rcx.domPos = (id) => { const p = network.getPositions([id])[id]; return p ? network.canvasToDOM(p) : null; };
  rcx.canvasOffset = () => { const r = container.getBoundingClientRect(); return { x: r.left, y: r.top }; };
  rcx.inked = () => {
    const c = container.querySelector("canvas");
    const ctx = c.getContext("2d");
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 16) if (data[i] > 0) n += 1;
    return n;
  };
  rcx.labelBoxes = () => [...labelled.keys()].filter((id) => network.body.nodes[id]).map((id) => {
    const s = network.body.nodes[id].labelModule.size;
    const a = network.canvasToDOM({ x: s.left, y: s.top }), b = network.canvasToDOM({ x: s.left + s.width, y: s.top + s.height });
    return { id, text: network.body.nodes[id].options.label, x0: a.x, y0: a.y, x1: b.x, y1: b.y };
  });
  rcx.select = (id) => (groupById.has(id) ? expand(id) : focus(id));
  rcx.showNode = showNode;
  rcx.declutter = declutter;
  rcx.showEdge = showEdge;
  rcx.state = state;
  rcx.apply = apply;

  network.fit({ animation: false, maxZoomLevel: 1.5 });
  buildFilters();
  declutter();  // the data sets are in sync already: only the labels, for the fitted zoom
  status();
  rcx.timings.builtMs = performance.now() - T0;
  network.redraw();
  if (location.hash === "#selftest") {
    rcx.nextDraw().then(() => {
      document.getElementById("rcx-selftest").textContent = JSON.stringify({ counts: rcx.counts(), errors: rcx.errors, timings: rcx.timings, firstDrawMs: rcx.firstDrawMs });
    });
  }
})();
