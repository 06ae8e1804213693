// name: hubs
// description: The most connected elements, counting linkage and structural relations but not places or PARALLEL_TO.
// params: limit=20
MATCH (n:Element)
WHERE n.category <> 'Place'
WITH n, size([(n)-[r]-(:Element) WHERE NOT type(r) IN ['WORKS_IN', 'HEADQUARTERED_IN', 'PARALLEL_TO'] | r.key]) AS degree
WHERE degree > 0
RETURN n.id AS id, n.name AS name, n.kind AS kind, degree
ORDER BY degree DESC, id
LIMIT $limit
