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
  const byId = new Map(D.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(D.edges.map((e) => [e.id, e]));
  const groupById = new Map(D.groups.map((g) => [g.id, g]));
  const groupOf = new Map();
  for (const g of D.groups) for (const m of g.members) groupOf.set(m, g.id);
  const catStyle = new Map(D.legend.categories.map((c) => [c.id, c]));
  const relStyle = new Map(D.legend.relations.map((r) => [r.id, r]));
  const FUNCTIONS = ["prevention", "protection", "prosecution"];
  const TOP_EDGES = 6;

  const state = {
    hidden: { category: new Set(), kind: new Set(), relation: new Set() },
    regime: "",
    country: "",
    fn: new Set(),
    expanded: new Set(),
    highlight: null,
    pinned: null,
  };
  if (!D.meta.showParallel) state.hidden.relation.add("PARALLEL_TO");

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
      id: n.id, label: n.label, x: n.x, y: n.y, shape: cs.shape, size: hl ? n.size * 1.4 : n.size,
      color: { background: n.color, border: hl ? "#db2777" : cs.colour, highlight: { background: n.color, border: "#111827" },
               hover: { background: n.color, border: "#111827" } },
      borderWidth: hl ? 5 : 2, shapeProperties: { borderDashes: cs.dashed ? [3, 2] : false },
      font: { size: 13, color: "#111827", strokeWidth: 3, strokeColor: "#ffffff" },
    };
  }
  function groupItem(g, count) {
    return {
      id: g.id, label: g.label + " (" + count + ")", x: g.x, y: g.y, shape: "dot",
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
    if (e.type === "PARALLEL_TO") {
      item.label = D.legend.parallelLabel;
      item.font = { size: 10, color: "#6b7280", strokeWidth: 3, strokeColor: "#fff", align: "middle" };
    } else if (count && count > 1) {
      item.label = String(count);
      item.font = { size: 10, color: "#374151", strokeWidth: 3, strokeColor: "#fff" };
    }
    return item;
  }

  // ---- the model: what passes the filters, with collapsed groups ----
  function passes(n) {
    if (state.hidden.category.has(n.category) || state.hidden.kind.has(n.kind)) return false;
    if (state.regime && n.id !== state.regime && !n.regimes.includes(state.regime)) return false;
    if (state.country && !n.places.includes(state.country)) return false;
    for (const f of state.fn) if (!n.fn.includes(f)) return false;
    return true;
  }
  function model() {
    const nodes = new Map();
    const rep = new Map();
    const counts = new Map();
    for (const n of D.nodes) {
      if (!passes(n)) continue;
      const g = groupOf.get(n.id);
      if (g && !state.expanded.has(g)) {
        rep.set(n.id, g);
        counts.set(g, (counts.get(g) || 0) + 1);
      } else {
        rep.set(n.id, n.id);
        nodes.set(n.id, { sig: state.highlight === n.id ? "*" : "", item: () => nodeItem(n) });
      }
    }
    for (const [gid, c] of counts) {
      const g = groupById.get(gid);
      nodes.set(gid, { sig: "#" + c, item: () => groupItem(g, c) });
    }
    const edges = new Map();
    const agg = new Map();
    for (const e of D.edges) {
      if (state.hidden.relation.has(e.type)) continue;
      const a = rep.get(e.from), b = rep.get(e.to);
      if (a === undefined || b === undefined || a === b) continue;
      if (a === e.from && b === e.to) edges.set(e.id, { sig: "", e, item: () => edgeItem(e, a, b, 0) });
      else {
        const id = "agg|" + a + "|" + b + "|" + e.type;
        const x = agg.get(id);
        if (x) x.count += 1;
        else agg.set(id, { e, a, b, count: 1 });
      }
    }
    // A collapsed group draws only its TOP_EDGES heaviest bundles; the rest are counted.
    const perGroup = new Map();
    for (const [id, x] of agg) {
      for (const end of [x.a, x.b]) {
        if (!groupById.has(end)) continue;
        if (!perGroup.has(end)) perGroup.set(end, []);
        perGroup.get(end).push([id, x]);
      }
    }
    const keep = new Set();
    const undrawn = new Map();
    for (const [gid, list] of perGroup) {
      list.sort((p, q) => q[1].count - p[1].count || (p[0] < q[0] ? -1 : 1));
      list.slice(0, TOP_EDGES).forEach(([id]) => keep.add(id));
      undrawn.set(gid, list.slice(TOP_EDGES).reduce((t, [, x]) => t + x.count, 0));
    }
    for (const [id, x] of agg) {
      if (keep.has(id)) edges.set(id, { sig: "#" + x.count, e: x.e, item: () => edgeItem(x.e, x.a, x.b, x.count), agg: x });
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
    }
    target.update(update);
    target.add(add);
  }
  function apply() {
    const t = performance.now();
    current = model();
    sync(visNodes, shownNodes, current.nodes);
    sync(visEdges, shownEdges, current.edges);
    rcx.timings.lastApplyMs = performance.now() - t;
    status();
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
  function showNode(id) {
    const n = byId.get(id);
    if (!n) return showGroup(id);
    const f = n.facts;
    const dl = el("dl");
    row(dl, "Kind", pretty(n.kind) + " (" + n.category + ")");
    row(dl, "Aliases", f.aliases);
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
    row(dl, "Regimes", n.regimes.map(nameOf));
    row(dl, "Relations", String(n.degree));
    const parts = [el("h3", {}, n.label), dl, source(f.provenance), ...notes(f.notes)];
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
    const f = e.facts;
    const r = relStyle.get(e.type);
    const dl = el("dl");
    row(dl, "Type", e.type + (r.linkage ? " (Part III linkage)" : " (structural)"));
    row(dl, "From", nameOf(e.from));
    row(dl, "To", nameOf(e.to));
    if (e.type === "PARALLEL_TO") row(dl, "Meaning", "an asserted ABSENCE of linkage: the source says these do not interact");
    row(dl, "Issue", f.issue);
    row(dl, "Evidence", f.evidence);
    row(dl, "Description", f.description);
    row(dl, "Derived", e.derived ? "yes, by rule " + e.rule : "no (stated in the source)", e.derived ? "rcx-derived" : "");
    details.replaceChildren(el("h3", {}, pretty(e.type)), dl, source(f.provenance), ...notes(f.notes));
  }

  // ---- the network ----
  const container = document.getElementById("rcx-graph");
  const big = D.nodes.length >= D.meta.aggregateAt;
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
  network.on("hoverNode", (p) => showNode(p.node));
  network.on("hoverEdge", (p) => { if (!state.pinned) showEdge(p.edge); });
  network.on("blurNode", () => { if (state.pinned) restorePinned(); });
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
  const names = D.nodes.map((n) => [n.id, [n.label, ...(n.facts.aliases || [])].map((s) => s.toLowerCase())]);
  function find(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    const exact = [], partial = [];
    for (const [id, ns] of names) {
      if (ns.some((s) => s === q)) exact.push(id);
      else if (ns.some((s) => s.includes(q))) partial.push(id);
    }
    return exact.concat(partial);
  }
  function focus(id) {
    const n = byId.get(id);
    if (!n) return false;
    if (!passes(n)) {
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
    network.focus(id, { scale: 1.2, animation: false });
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
      const label = r.id === "PARALLEL_TO" ? "PARALLEL_TO (" + D.legend.parallelLabel + ": asserted absence of a link)" :
        r.id + (r.linkage ? " (Part III)" : "");
      box.append(el("div", { class: "rcx-row" }, checkbox("relation", r.id, !state.hidden.relation.has(r.id), toggle(state.hidden.relation, r.id)),
        lineSwatch(r, false), el("label", { for: "f-relation-" + r.id }, label), el("span", { class: "rcx-count" }, o.relations[r.id] || 0)));
    }
    legendBox.append(el("h2", {}, "Legend"),
      el("div", { class: "rcx-row" }, lineSwatch({ colour: "#6b7280", width: 1.5, dashes: false }, true),
        el("span", { class: "rcx-derived" }, "dashed, thinner: derived by a rule (not stated in the source)")),
      el("div", { class: "rcx-row" }, lineSwatch(relStyle.get("CONFLICTS_WITH"), false), el("span", {}, "red, thick: CONFLICTS_WITH")),
      el("div", { class: "rcx-row" }, lineSwatch(relStyle.get("PARALLEL_TO"), false), el("span", {}, "grey dotted " + D.legend.parallelLabel + ": PARALLEL_TO, no link (hidden unless ticked)")));
    if (D.groups.length) legendBox.append(el("div", { class: "rcx-row" }, shapeSwatch("dot", "#d1d5db", true),
      el("span", {}, "dashed ring: a collapsed group (click to expand)")));

    box.append(el("h2", {}, "Function (yes only)"));
    for (const fn of FUNCTIONS) {
      box.append(el("div", { class: "rcx-row" }, checkbox("function", fn, false, (on) => { if (on) state.fn.add(fn); else state.fn.delete(fn); }),
        el("label", { for: "f-function-" + fn }, fn + " = yes")));
    }
    box.append(select("regime", "Regime (PART_OF_REGIME)", o.regimes.map((r) => [r.id, r.name])));
    box.append(select("country", "Country (HQ or works in)", o.countries.map((c) => [c.id, c.name + " (" + c.count + ")"])));
    const reset = el("button", { class: "rcx-action", type: "button" }, "Collapse all groups");
    reset.addEventListener("click", () => { state.expanded.clear(); apply(); });
    if (D.groups.length) box.append(reset);
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
    hiddenParallel: state.hidden.relation.has("PARALLEL_TO"),
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
  rcx.select = (id) => (groupById.has(id) ? expand(id) : focus(id));
  rcx.showEdge = showEdge;
  rcx.state = state;
  rcx.apply = apply;

  buildFilters();
  apply();
  network.fit({ animation: false, maxZoomLevel: 1.5 });
  rcx.timings.builtMs = performance.now() - T0;
  network.redraw();
  if (location.hash === "#selftest") {
    rcx.nextDraw().then(() => {
      document.getElementById("rcx-selftest").textContent = JSON.stringify({ counts: rcx.counts(), errors: rcx.errors, timings: rcx.timings, firstDrawMs: rcx.firstDrawMs });
    });
  }
})();
