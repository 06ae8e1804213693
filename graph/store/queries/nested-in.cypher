// name: nested-in
// description: What is nested in an instrument or institution (NESTED_IN chains, asserted or derived), nearest first.
// params: id=trafficking-protocol
MATCH p = (inner:Element)-[:NESTED_IN*1..6]->(outer:Element {id: $id})
WITH inner, min(length(p)) AS depth
RETURN inner.id AS id, inner.name AS name, inner.kind AS kind, depth
ORDER BY depth, id
