// Load an rcx Cytoscape.js export into Cytoscape.js (headless) and print what it holds as JSON:
// node and edge counts, edges per type, and the data of the nodes named on the command line.
// Usage: node cytoscape-load.mjs FILE [NODE_ID...]
import { readFileSync } from "node:fs";
import cytoscape from "cytoscape";

const [file, ...ids] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(file, "utf8"));
const cy = cytoscape({ headless: true, elements: doc.elements, data: doc.data });
const types = {};
cy.edges().forEach((e) => { types[e.data("type")] = (types[e.data("type")] || 0) + 1; });
const sample = {};
for (const id of ids) {
  const n = cy.getElementById(id);
  sample[id] = n.nonempty() ? n.data() : null;
}
const loops = cy.edges().filter((e) => e.isLoop()).length;
console.log(JSON.stringify({
  version: cytoscape.version, nodes: cy.nodes().length, edges: cy.edges().length, types, loops,
  degree: ids.length && cy.getElementById(ids[0]).nonempty() ? cy.getElementById(ids[0]).degree(true) : null,
  sample,
}));
