// name: provenance-of
// description: Where the paper says what it says about an element: its own section and footnotes, then those of every relation it takes part in.
// params: id=trafficking-protocol
MATCH (n:Element {id: $id})
OPTIONAL MATCH (n)-[r]-(m:Element)
WITH n, r, m,
     CASE WHEN r IS NULL THEN '' WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
RETURN n.id AS id, n.section AS element_section, n.footnotes AS element_footnotes,
       coalesce(type(r), '') AS relation, direction, coalesce(m.id, '') AS other,
       coalesce(r.section, '') AS section, coalesce(r.footnotes, []) AS footnotes,
       coalesce(r.derived, false) AS derived, coalesce(r.rule, '') AS rule,
       coalesce(r.issue, '') AS issue
ORDER BY relation, direction, other, section, issue
