// name: unlinked
// description: Elements (not places) with no asserted Part III linkage (nested, overlapping, parallel or conflicting).
// params:
MATCH (n:Element)
WHERE n.category <> 'Place'
WITH n, [(n)-[r]-(:Element) WHERE r.linkage = true AND r.derived = false | r.key] AS links
WHERE size(links) = 0
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.category AS category
ORDER BY category, kind, id
