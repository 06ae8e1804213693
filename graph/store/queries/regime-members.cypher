// name: regime-members
// description: The elements the paper places in another international regime (PART_OF_REGIME), by regime.
// params:
MATCH (n:Element)-[r:PART_OF_REGIME]->(g:Element)
RETURN g.id AS regime, g.name AS regime_name, n.id AS id, n.name AS name, n.kind AS kind,
       r.section AS section
ORDER BY regime, id
